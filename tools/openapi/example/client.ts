// An example client of the IncuNet API, typed by the types openapi-typescript generates from the
// OpenAPI document (`incunet openapi`) and calling through openapi-fetch — the way a province's
// own system would integrate. tests/api/contract.test.mjs generates schema.gen.ts, type-checks
// this file with tsc and runs it against a real server.
//
//   incunet openapi --out openapi.json
//   npx openapi-typescript openapi.json -o example/schema.gen.ts
//   node example/client.ts http://127.0.0.1:8080 <bearer token> <region code>
import createClient from 'openapi-fetch';
import type { components, paths } from './schema.gen.ts';

type Carrier = components['schemas']['Carrier'];
type Enterprise = components['schemas']['Enterprise'];

export function connect(baseUrl: string, token: string) {
  return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
}

// Every carrier of a region, page by page (the cursor of one page asks for the next).
export async function carriersIn(api: ReturnType<typeof connect>, region: string): Promise<Carrier[]> {
  const all: Carrier[] = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await api.GET('/api/v1/carriers', {
      params: { query: { region, limit: 2, cursor } },
    });
    if (error) throw new Error(`${error.error.code}: ${error.error.message}`);
    all.push(...data.items);
    cursor = data.next_cursor ?? undefined;
  } while (cursor);
  return all;
}

export async function registerEnterprise(
  api: ReturnType<typeof connect>,
  body: components['schemas']['EnterpriseInput'],
): Promise<Enterprise> {
  const { data, error, response } = await api.POST('/api/v1/enterprises', { body });
  if (error) throw new Error(`${response.status} ${error.error.code}: ${error.error.message}`);
  return data;
}

const [base, token, region] = process.argv.slice(2);
if (base && token && region) {
  const api = connect(base, token);
  const carriers = await carriersIn(api, region);
  const created = await registerEnterprise(api, {
    name: '深圳市示例客户端科技有限公司',
    uscc: '91440300777553573X',
    founded_on: '2022-06-01',
    region_code: `${region}0305`.slice(0, 6),
    employees: 12,
    domains: ['电子信息'],
  });
  let refused = '';
  try {
    await registerEnterprise(api, { name: '校验码错误的企业', uscc: '91440300777553573Y', region_code: '440305' });
  } catch (e) {
    refused = (e as Error).message;
  }
  console.log(JSON.stringify({ carriers: carriers.map((c) => c.name), created: { id: created.id, name: created.name, version: created.version }, refused }));
}

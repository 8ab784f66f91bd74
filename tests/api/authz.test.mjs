// The authorization matrix: every route of the server's own route table (read from its OpenAPI
// document) × every role × own/other target → the expected class of answer. A route without a
// row in authz-matrix.json fails the test, so no endpoint can be added without deciding who may
// call it. Classes: "ok" (the request passed authorization: 2xx, or 409/412/422 from the use
// case), 400 (the request was rejected as malformed before reaching the record), 401, 403, 404.
// Rows may also pin list totals per role, to prove that counts leak nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Server, BACKENDS, ROOT } from './harness.mjs';

const MATRIX = JSON.parse(readFileSync(join(ROOT, 'tests', 'api', 'authz-matrix.json'), 'utf8'));
const ROLES = ['public', 'national', 'region_own', 'region_other', 'operator_own', 'enterprise_own',
  'investor', 'expert'];
const LOGINS = { national: 'm-nat', region_own: 'm-gd', region_other: 'm-bj', operator_own: 'm-op',
  enterprise_own: 'm-ent', investor: 'm-inv', expert: 'm-exp' };

function klass(status) {
  if ([200, 201, 202, 204, 409, 412, 422].includes(status)) return 'ok';
  return status;
}

async function fixture(s) {
  await s.addUser('m-nat', 'national_admin');
  const nat = (m, p, b) => s.request(m, p, { as: 'm-nat', body: b });
  const carrier = async (name, region, uscc) => (await nat('POST', '/api/v1/carriers', {
    kind: 'incubator', name, operator_uscc: uscc, region_code: region, founded_on: '2018-01-01',
    area_total_m2: 5000,
  })).json.id;
  const enterprise = async (name, region, uscc) => (await nat('POST', '/api/v1/enterprises', {
    name, uscc, founded_on: '2020-01-01', region_code: region,
  })).json.id;
  const f = {};
  f.carrier_own = await carrier('矩阵甲孵化器', '440305', '91440300MA5DA1B2CC');
  f.carrier_other = await carrier('矩阵乙孵化器', '110108', '91440300MA5FXXXX0U');
  f.enterprise_own = await enterprise('矩阵甲公司', '440305', '91440300777553573X');
  f.enterprise_other = await enterprise('矩阵乙公司', '110108', '91110108MA01A2B3CF');
  for (const [k, v] of Object.entries(f)) assert.ok(v, `fixture ${k} was not created`);
  const inc = async (e, c) => (await nat('POST', '/api/v1/incubations', {
    enterprise_id: e, carrier_id: c, applied_on: '2024-01-01',
  })).json.id;
  f.incubation_own = await inc(f.enterprise_own, f.carrier_own);
  f.incubation_other = await inc(f.enterprise_other, f.carrier_other);
  f.cluster_own = (await nat('POST', '/api/v1/clusters', { name: '矩阵集群甲', region_code: '440300', carrier_ids: [f.carrier_own] })).json.id;
  f.cluster_other = (await nat('POST', '/api/v1/clusters', { name: '矩阵集群乙', region_code: '110000', carrier_ids: [f.carrier_other] })).json.id;
  f.region_own = '440305';
  f.region_other = '110108';
  await s.addUser('m-gd', 'region_admin', { region: '44' });
  await s.addUser('m-bj', 'region_admin', { region: '11' });
  await s.addUser('m-op', 'carrier_operator', { carriers: [f.carrier_own] });
  await s.addUser('m-ent', 'enterprise_member', { enterprises: [f.enterprise_own] });
  await s.addUser('m-inv', 'investor');
  await s.addUser('m-exp', 'expert');
  // Consent grants that /consents/{id} routes act on: one by the enterprise of m-ent, one by another.
  await s.addUser('m-ent2', 'enterprise_member', { enterprises: [f.enterprise_other] });
  const grant = async (who, e) => (await s.request('POST', '/api/v1/consents', { as: who, body: {
    enterprise_id: e, grantee_kind: 'region', grantee: '35', parts: ['profile'], valid_from: '2026-01-01', valid_to: '2026-12-31',
  } })).json.id;
  f.consent_own = await grant('m-ent', f.enterprise_own);
  f.consent_other = await grant('m-ent2', f.enterprise_other);
  // Targets of the other modules' {id} routes.
  const ar = async (c) => (await nat('POST', '/api/v1/annual-returns', { carrier_id: c, year: 2024 })).json.id;
  f['annual-returns_own'] = await ar(f.carrier_own);
  f['annual-returns_other'] = await ar(f.carrier_other);
  const verdict = async (c) => (await nat('POST', '/api/v1/verdicts', {
    rule_set_id: 'RS-MOST-2018', subject_type: 'carrier', subject_id: c, as_of: '2025-06-30' })).json.id;
  f.verdict_own = await verdict(f.carrier_own);
  f.verdict_other = await verdict(f.carrier_other);
  f['rule-set_own'] = 'RS-MOST-2018';
  f['rule-set_other'] = 'RS-MKS-2017';
  f.stat_own = f.carrier_own;
  f.stat_other = f.carrier_other;
  f.export_own = 'enterprises.csv';
  f.export_other = 'enterprises.xlsx';
  f.import_own = 999999;  // no such job: every caller must get the same answer
  f.import_other = 999998;
  // Throwaway accounts that /users/{id} routes act on.
  f.user_own = (await nat('POST', '/api/v1/users', { login: 'm-target-gd', role: 'region_admin', scope_region: '4403' })).json.id;
  f.user_other = (await nat('POST', '/api/v1/users', { login: 'm-target-bj', role: 'region_admin', scope_region: '110108' })).json.id;
  return f;
}

function targetKind(path) {
  const m = path.match(/^\/api\/v1\/([a-z-]+)\/(?:[a-z]+\/)?\{/);
  if (!m) return null;
  return { carriers: 'carrier', enterprises: 'enterprise', incubations: 'incubation',
    clusters: 'cluster', regions: 'region', users: 'user', consents: 'consent', 'rule-sets': 'rule-set',
    verdicts: 'verdict', stats: 'stat', exports: 'export', imports: 'import' }[m[1]] || m[1];
}

async function relogin(s, login) {
  const r = await s.request('POST', '/api/v1/auth/login', { body: { login, password: s.passwords[login] } });
  s.tokens[login] = r.json.token;
}

for (const backend of BACKENDS) {
  test(`authorization matrix [${backend}]`, async (t) => {
    const s = await new Server(backend).start();
    try {
      const f = await fixture(s);
      const spec = (await s.request('GET', '/api/v1/openapi.json')).json;
      const routes = [];
      for (const [path, ops] of Object.entries(spec.paths)) {
        for (const [method, op] of Object.entries(ops)) routes.push({ key: `${method.toUpperCase()} ${path}`, path, method: method.toUpperCase(), op });
      }
      const missing = routes.filter((r) => !MATRIX[r.key]).map((r) => r.key);
      const record = process.env.AUTHZ_RECORD === '1';  // prints observed rows for new routes, for review
      if (!record) assert.deepEqual(missing, [], 'routes without rows in authz-matrix.json');
      const observed = {};
      const stale = Object.keys(MATRIX).filter((k) => !k.startsWith('_') && !routes.some((r) => r.key === k));
      assert.deepEqual(stale, [], 'rows in authz-matrix.json for routes that do not exist');

      // Reads first, then mutations, and logout last, so earlier calls do not disturb later ones.
      const order = (r) => (r.key.includes('/auth/logout') ? 3 : r.method === 'GET' ? 0 : 1);
      routes.sort((a, b) => order(a) - order(b));
      for (const r of routes) {
        const row = MATRIX[r.key] || { own: {}, other: {}, any: {}, recording: true };
        const kind = targetKind(r.path);
        const variants = kind ? ['own', 'other'] : ['any'];
        for (const v of variants) {
          const expected = row[v];
          if (!row.recording) assert.ok(expected, `${r.key}: row needs "${v}"`);
          const path = r.path.replace(/\{(\w+)\}/g, (_, name) => (name === 'version' ? '1'
            : r.path.startsWith('/api/v1/imports/templates') ? 'carriers.csv' : String(f[`${kind}_${v}`])));
          for (const role of ROLES) {
            const login = LOGINS[role];
            const res = await s.request(r.method, path, {
              as: login, body: r.op.requestBody ? r.op.requestBody.content['application/json'].example : undefined,
            });
            if (row.recording) {
              ((observed[r.key] ??= {})[v] ??= {})[role] = klass(res.status);
              if (r.key.includes('/auth/logout') && login) await relogin(s, login);
              continue;
            }
            await t.test(`${r.key} ${v} as ${role}`, () => {
              assert.equal(klass(res.status), expected[role],
                `${r.method} ${path} as ${role}: got ${res.status} ${res.text.slice(0, 200)}`);
              const total = row.total?.[role];
              if (total !== undefined && res.status === 200) assert.equal(res.json.total, total, `${r.key} total as ${role}`);
            });
            if (r.key.includes('/auth/logout') && login) await relogin(s, login);
          }
        }
      }
      if (record) console.log('OBSERVED ' + JSON.stringify(observed));
    } finally {
      await s.stop();
    }
  });
}

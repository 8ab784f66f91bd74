// The write-side authorization matrix: every mutating route of the server's route table × every
// role, with each reference its body takes (carrier, enterprise, region, user, return row, rule
// set, an import file's rows) set once to an object inside the Guangdong admin's scope ("own")
// and once to one in Beijing ("other") → the expected answer, and on every refusal a check that
// nothing was written (the audit row count and the count of the table the route writes). The
// read matrix (authz.test.mjs) varies the ids in the path; this one varies the ids in the body.
// A mutating route without a row in authz-write-matrix.json fails the test.
//
// Row: { "table": "<table the route writes>", "path": {"<param>": "<ref>"}, "cases": [
//   { "field": "<body field varied>", "kind": "<reference kind>", "body": {…} | "csv": "…",
//     "own": {role: class}, "other": {role: class} } ] }
// or { "none": "<why the body names no object>" } for routes whose body holds no reference.
// In bodies and paths "$ref" is the varied reference, "$fresh" a unique text, "$uscc" a fresh
// valid USCC, "$version" the path record's current version and "$<fixture>" a fixture value.
// Classes: "w" written (2xx and one more audit row), or the refusal's status (401, 403, 404,
// 409, 422); for imports "w" is a job that succeeded and "failed" one that failed.
// AUTHZ_RECORD=1 prints the observed classes instead of asserting them, for review.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Server, BACKENDS, ROOT } from './harness.mjs';
import { ROLES, LOGINS, fixture } from './authz-fixture.mjs';

const MATRIX = JSON.parse(readFileSync(join(ROOT, 'tests', 'api', 'authz-write-matrix.json'), 'utf8'));
const RECORD = process.env.AUTHZ_RECORD === '1';

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
let serial = 0;
function freshUscc(region) {
  const n = String(++serial).padStart(6, '0');
  const body = `91${region.slice(0, 6)}MA${n}${'X'}`.slice(0, 17);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(body[i]) * USCC_WEIGHTS[i];
  const c = 31 - (sum % 31);
  return body + USCC_CHARS[c === 31 ? 0 : c];
}

// Objects some cases need fresh for every request (an enterprise without a stay, a stay that
// can still be transferred), made as the national admin.
async function more(s, f) {
  const nat = (m, p, b) => s.request(m, p, { as: 'm-nat', body: b });
  const made = async (r) => {
    assert.ok(r.status < 300, `fixture: ${r.status} ${r.text}`);
    return r.json.id;
  };
  const enterprise = async (region) => made(await nat('POST', '/api/v1/enterprises', {
    name: `矩阵企业${++serial}`, uscc: freshUscc(region), founded_on: '2020-01-01', region_code: region,
  }));
  const stay = async (e, c) => {
    const id = await made(await nat('POST', '/api/v1/incubations', { enterprise_id: e, carrier_id: c, applied_on: '2024-01-10' }));
    await made(await nat('POST', `/api/v1/incubations/${id}/transitions`, { to: 'admitted', on: '2024-01-20' }));
    await made(await nat('POST', `/api/v1/incubations/${id}/transitions`, { to: 'incubating', on: '2024-02-01' }));
    return id;
  };
  const carrier = async (region) => made(await nat('POST', '/api/v1/carriers', {
    kind: 'makerspace', name: `矩阵众创空间${++serial}`, operator_uscc: freshUscc(region), region_code: region,
    founded_on: '2019-01-01', area_total_m2: 800,
  }));
  f.dest_own = await carrier('440305');
  f.dest_other = f.carrier_other;
  // Return rows: an incubatee of the operator's carrier in 2024, and one of the Beijing carrier.
  f.incubatee_own = await enterprise('440305');
  await stay(f.incubatee_own, f.carrier_own);
  f.incubatee_other = await enterprise('110108');
  await stay(f.incubatee_other, f.carrier_other);
  // No functional zone lies in Guangdong: "own" clears the zone, "other" names one in Jiangsu.
  f.zone_own = null;
  f.zone_other = '320576';
  f.prefix_own = '4403';
  f.prefix_other = '3201';
  f.province_own = '44';
  f.province_other = '11';
  f.code_own = (await nat('GET', `/api/v1/carriers/${f.carrier_own}`)).json.code;
  f.code_other = (await nat('GET', `/api/v1/carriers/${f.carrier_other}`)).json.code;
  f.uscc_own = (await nat('GET', `/api/v1/enterprises/${f.incubatee_own}`)).json.uscc;
  f.uscc_other = (await nat('GET', `/api/v1/enterprises/${f.incubatee_other}`)).json.uscc;
  f.fresh = {
    enterprise_own: () => enterprise('440305'),
    enterprise_other: () => enterprise('110108'),
    stay_own: async () => stay(await enterprise('440305'), f.carrier_own),
    carrier_own: () => carrier('440305'),
    carrier_other: () => carrier('110108'),
    uscc_own: async () => (await nat('GET', `/api/v1/enterprises/${await enterprise('440305')}`)).json.uscc,
    uscc_other: async () => (await nat('GET', `/api/v1/enterprises/${await enterprise('110108')}`)).json.uscc,
  };
}

async function resolve(f, value, ref, path) {
  if (typeof value === 'string') {
    if (value === '$ref') return ref;
    if (value === '$fresh') return `w${++serial}`;
    if (value === '$uscc') return freshUscc('440300');
    if (value.startsWith('$fresh:')) return f.fresh[value.slice(7)]();
    if (value.startsWith('$') && value.slice(1) in f) return f[value.slice(1)];
    // "${new_uscc_own}": a fresh object's value, made before the text is filled in.
    for (const m of [...value.matchAll(/\$\{new_(\w+)\}/g)]) value = value.replace(m[0], String(await f.fresh[m[1]]()));
    return value.replace(/\$\{(\w+)\}/g, (_, k) => {
      if (k === 'ref') return String(ref);
      if (k === 'fresh') return `w${++serial}`;
      if (k === 'uscc') return freshUscc('440300');
      assert.ok(k in f, `unknown fixture ${k}`);
      return String(f[k]);
    });
  }
  if (Array.isArray(value)) return Promise.all(value.map((v) => resolve(f, v, ref, path)));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = await resolve(f, v, ref, path);
    return out;
  }
  return value;
}

function counts(s, table) {
  return s.sql(`SELECT (SELECT COUNT(*) FROM audit_log) || ',' || (SELECT COUNT(*) FROM ${table})`);
}

async function waitJob(s, login, id) {
  for (let i = 0; i < 400; i++) {
    const r = await s.request('GET', `/api/v1/imports/${id}`, { as: login });
    if (['succeeded', 'failed'].includes(r.json?.status)) return r.json;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error(`import job ${id} did not finish`);
}

for (const backend of BACKENDS) {
  test(`write-side authorization matrix [${backend}]`, async (t) => {
    const s = await new Server(backend).start();
    try {
      const f = await fixture(s);
      await more(s, f);
      const spec = (await s.request('GET', '/api/v1/openapi.json')).json;
      const routes = [];
      for (const [path, ops] of Object.entries(spec.paths))
        for (const method of Object.keys(ops))
          if (method !== 'get') routes.push({ key: `${method.toUpperCase()} ${path}`, path, method: method.toUpperCase() });
      const missing = routes.filter((r) => !MATRIX[r.key]).map((r) => r.key);
      if (!RECORD) assert.deepEqual(missing, [], 'mutating routes without rows in authz-write-matrix.json');
      const stale = Object.keys(MATRIX).filter((k) => !k.startsWith('_') && !routes.some((r) => r.key === k));
      assert.deepEqual(stale, [], 'rows in authz-write-matrix.json for routes that do not exist');

      const observed = {};
      for (const r of routes) {
        const row = MATRIX[r.key];
        if (!row) continue;
        if (row.none !== undefined) {
          assert.ok(row.none.length > 10, `${r.key}: say why the body names no object`);
          continue;
        }
        for (const c of row.cases) {
          for (const v of ['own', 'other']) {
            for (const role of ROLES) {
              const login = LOGINS[role];
              const ref = c.kind.startsWith('fresh_') ? await f.fresh[`${c.kind.slice(6)}_${v}`]() : f[`${c.kind}_${v}`];
              assert.notEqual(ref, undefined, `${r.key}: no fixture ${c.kind}_${v}`);
              let path = r.path;
              for (const [name, val] of Object.entries(row.path || {}))
                path = path.replace(`{${name}}`, String(await resolve(f, val, ref)));
              let body = c.body === undefined ? undefined : await resolve(f, c.body, ref);
              if (body && body.version === '$version')
                body.version = (await s.request('GET', path, { as: 'm-nat' })).json.version;
              const table = c.table || row.table;
              const before = counts(s, table);
              let res;
              if (c.csv !== undefined) {
                res = await s.request(r.method, await resolve(f, c.query, ref), {
                  as: login, raw: await resolve(f, c.csv, ref), headers: { 'Content-Type': 'text/csv' },
                });
              } else {
                res = await s.request(r.method, path, { as: login, body });
              }
              let got = res.status >= 200 && res.status < 300 ? 'w' : res.status;
              if (c.csv !== undefined && res.status === 202) {
                const job = await waitJob(s, login, res.json.id);
                got = job.status === 'succeeded' ? 'w' : 'failed';
              }
              const after = counts(s, table);
              // A write that succeeded may have moved a shared record; put it back.
              if (got === 'w' && c.restore) {
                const back = await resolve(f, c.restore, ref);
                if (back.version === '$version') back.version = (await s.request('GET', path, { as: 'm-nat' })).json.version;
                const rr = await s.request(r.method, path, { as: 'm-nat', body: back });
                assert.ok(rr.status < 300, `restore after ${r.key}: ${rr.status} ${rr.text}`);
              }
              if (RECORD) {
                ((((observed[r.key] ??= {})[c.field] ??= {})[v]) ??= {})[role] = got;
                continue;
              }
              await t.test(`${r.key} ${c.field}=${v} as ${role}`, () => {
                const want = c[v]?.[role];
                assert.notEqual(want, undefined, `${r.key} ${c.field}: row needs "${v}" for ${role}`);
                assert.equal(got, want, `${r.method} ${path} ${c.field}=${v} as ${role}: got ${res.status} ${res.text.slice(0, 300)}`);
                const [a0, t0] = before.split(',').map(Number);
                const [a1, t1] = after.split(',').map(Number);
                if (want === 'w' && t1 !== t0) assert.ok(a1 > a0, `${r.key}: a write must be audited`);
                if (want !== 'w') {
                  // An import job records itself (one job row, one audit row) and nothing else.
                  if (c.csv === undefined) assert.equal(a1, a0, `${r.key} ${c.field}=${v} as ${role}: refused but audited`);
                  assert.equal(t1, t0, `${r.key} ${c.field}=${v} as ${role}: refused but ${table} changed`);
                }
              });
            }
          }
        }
      }
      if (RECORD) console.log('OBSERVED ' + JSON.stringify(observed));
    } finally {
      await s.stop();
    }
  });
}

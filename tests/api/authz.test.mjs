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
import { ROLES, LOGINS, klass, fixture } from './authz-fixture.mjs';

const MATRIX = JSON.parse(readFileSync(join(ROOT, 'tests', 'api', 'authz-matrix.json'), 'utf8'));
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
            let body = r.op.requestBody?.content['application/json']?.example;
            // Failed logins lock the login they name (auth.test covers that); each persona names
            // its own, so the matrix sees the authorization answer rather than the lockout.
            if (r.key === 'POST /api/v1/auth/login') body = { ...body, login: `${body.login}-${role}` };
            const res = await s.request(r.method, path, { as: login, body });
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

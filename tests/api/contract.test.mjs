// The typed API contract (docs/api.md): the OpenAPI document `incunet openapi` prints lints with
// zero errors, every operation is complete enough to generate a client from, the server serves
// the same document, and an example client generated from it (tools/openapi/example) type-checks
// and works against a real server. Every answer of the other API suites is validated against the
// document by harness.mjs (contract.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, BACKENDS, ROOT, BIN } from './harness.mjs';
import { openapi, validate } from './contract.mjs';

const TOOLS = join(ROOT, 'tools', 'openapi');
const bin = (name) => join(TOOLS, 'node_modules', '.bin', name);

test('the document lints with zero errors (redocly, recommended rules)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'incunet-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    execFileSync(BIN, ['openapi', '--out', file]);
    const r = spawnSync(bin('redocly'), ['lint', file, '--format=summary'], { encoding: 'utf8' });
    const out = r.stdout + r.stderr;
    assert.equal(r.status, 0, `redocly lint failed:\n${out}`);
    assert.match(out, /valid/);
    assert.doesNotMatch(out, /^warning\s/m, `lint warnings:\n${out}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every operation can be generated from: ids, tags, schemas, errors, examples', () => {
  const doc = openapi();
  const tags = new Set(doc.tags.map((t) => t.name));
  const ids = new Set();
  const bad = [];
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) {
      const at = `${method.toUpperCase()} ${path}`;
      if (!/^[a-z][A-Za-z0-9]+$/.test(op.operationId || '')) bad.push(`${at}: operationId ${op.operationId}`);
      if (ids.has(op.operationId)) bad.push(`${at}: duplicate operationId ${op.operationId}`);
      ids.add(op.operationId);
      if (!op.tags?.length || !op.tags.every((t) => tags.has(t))) bad.push(`${at}: tag not declared`);
      const ok = Object.entries(op.responses).filter(([s]) => s.startsWith('2'));
      if (ok.length !== 1) bad.push(`${at}: ${ok.length} success responses`);
      for (const [status, res] of ok) {
        if (!res.content) { bad.push(`${at} ${status}: no response content`); continue; }
        for (const [type, media] of Object.entries(res.content))
          if (!media.schema) bad.push(`${at} ${status} ${type}: no response schema`);
        const json = res.content['application/json'];
        if (json && json.schema.type === 'object' && !json.schema.properties && !json.schema.additionalProperties)
          bad.push(`${at}: bare object response schema`);
      }
      if (!op.responses['400'] || !op.responses['401']) bad.push(`${at}: 400/401 not declared`);
      if (path.includes('{') && !op.responses['404']) bad.push(`${at}: 404 not declared`);
      for (const p of op.parameters || [])
        if (!p.schema?.type) bad.push(`${at}: parameter ${p.name} untyped`);
      const body = op.requestBody?.content?.['application/json'];
      if (body) {
        if (!body.schema) bad.push(`${at}: request body without schema`);
        else if (body.example !== undefined) {
          const broken = validate(body.schema, body.example);
          if (broken) bad.push(`${at}: its example breaks its schema: ${broken}`);
        }
      }
      if (!op.security?.length) bad.push(`${at}: no security`);
    }
  assert.deepEqual(bad, []);
  assert.ok(ids.size >= 80, `only ${ids.size} operations`);
  const error = doc.components.schemas.Error;
  assert.deepEqual(error.required, ['error']);
  assert.ok(doc.components.securitySchemes.bearer && doc.components.securitySchemes.csrf);
});

for (const backend of BACKENDS) {
  test(`the served document is the printed one, and a generated client works [${backend}]`, async () => {
    const s = await new Server(backend).start();
    const dir = mkdtempSync(join(tmpdir(), 'incunet-client-'));
    try {
      const served = await s.request('GET', '/api/v1/openapi.json');
      assert.equal(served.status, 200);
      assert.deepEqual(served.json, openapi());

      // The example client: types generated from the document, type-checked, then run.
      const file = join(dir, 'openapi.json');
      writeFileSync(file, served.text);
      execFileSync(bin('openapi-typescript'), [file, '-o', join(TOOLS, 'example', 'schema.gen.ts')], { stdio: 'pipe' });
      const tsc = spawnSync(bin('tsc'), ['-p', join(TOOLS, 'example', 'tsconfig.json')], { encoding: 'utf8' });
      assert.equal(tsc.status, 0, `the example client does not type-check:\n${tsc.stdout}${tsc.stderr}`);

      const login = await s.addUser('gd', 'region_admin', { region: '44' });
      for (const [name, uscc] of [['深圳湾客户端孵化器', '91440300MA5DA1B2CC'], ['南山客户端众创空间', '91440300MA5FXXXX0U'], ['福田客户端加速器', '91110108MA01A2B3CF']]) {
        const r = await s.request('POST', '/api/v1/carriers', {
          as: 'gd', body: { kind: 'incubator', name, operator_uscc: uscc, region_code: '440305', founded_on: '2016-05-01' },
        });
        assert.equal(r.status, 201, r.text);
      }
      const run = spawnSync(process.execPath, [join(TOOLS, 'example', 'client.ts'), s.base, login.token, '44'], { encoding: 'utf8' });
      assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
      const out = JSON.parse(run.stdout.trim().split('\n').pop());
      assert.deepEqual([...out.carriers].sort(), ['南山客户端众创空间', '深圳湾客户端孵化器', '福田客户端加速器'].sort());
      assert.equal(out.created.name, '深圳市示例客户端科技有限公司');
      assert.equal(out.created.version, 1);
      assert.match(out.refused, /^422 invalid_uscc/);
      assert.equal(s.sql(`SELECT count(*) FROM enterprises WHERE id = ${out.created.id}`), '1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await s.stop();
    }
  });
}

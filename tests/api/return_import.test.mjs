// Annual returns through the HTTP import/export on both databases: a carrier operator imports
// its own carrier's return as an asynchronous job (and nothing else), the draft holds the amounts
// in fen with the job as the source of each value, another carrier's row is out of scope, and
// the CSV export re-imports unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Server, BACKENDS } from './harness.mjs';

async function waitJob(s, as, id) {
  for (let i = 0; i < 200; i++) {
    const r = await s.request('GET', `/api/v1/imports/${id}`, { as });
    assert.equal(r.status, 200, r.text);
    if (r.json.status === 'succeeded' || r.json.status === 'failed') return r.json;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`job ${id} did not finish`);
}

const csv = (text) => ({ raw: text, headers: { 'Content-Type': 'text/csv' } });

for (const backend of BACKENDS) {
  test(`annual returns import and export over HTTP (${backend})`, async () => {
    const s = await new Server(backend).start();
    try {
      await s.addUser('nat', 'national_admin');
      const carrier = async (name, region, uscc) => (await s.request('POST', '/api/v1/carriers', {
        as: 'nat',
        body: { kind: 'incubator', name, operator_uscc: uscc, region_code: region, founded_on: '2018-01-01' },
      })).json;
      const own = await carrier('导入甲孵化器', '440305', '91440300MA5DA1B2CC');
      const other = await carrier('导入乙孵化器', '110108', '91440300MA5FXXXX0U');
      await s.addUser('op', 'carrier_operator', { carriers: [own.id] });

      const tpl = await s.request('GET', '/api/v1/imports/templates/returns.csv');
      assert.equal(tpl.status, 200);
      assert.match(tpl.text, /^\uFEFF?载体编码,统计年度,名称,/);
      assert.match(tpl.text, /总收入（千元）/);

      // Registry imports stay with the admins.
      const denied = await s.request('POST', '/api/v1/imports?entity=carriers', { as: 'op', ...csv('x\n') });
      assert.equal(denied.status, 403);

      const header = '载体编码,统计年度,总收入（千元）,建筑总面积（平方米）,其中：在孵企业用房（平方米）\n';
      const body = `${header}${own.code},2025,2500.125,3000,2000\n${other.code},2025,1,1,0\n`;
      let r = await s.request('POST', '/api/v1/imports?entity=returns', { as: 'op', ...csv(body) });
      assert.equal(r.status, 202, r.text);
      let job = await waitJob(s, 'op', r.json.id);
      assert.equal(job.status, 'failed');
      const scope = job.errors.items.find((e) => e.row === 3);
      assert.equal(scope.code, 'out_of_scope');
      assert.equal(scope.column, '载体编码');

      r = await s.request('POST', '/api/v1/imports?entity=returns&skip_bad=true', { as: 'op', ...csv(body) });
      job = await waitJob(s, 'op', r.json.id);
      assert.equal(job.status, 'succeeded', JSON.stringify(job));
      assert.deepEqual([job.counts.inserted, job.counts.rejected], [1, 1]);

      const list = await s.request('GET', `/api/v1/annual-returns?carrier_id=${own.id}`, { as: 'op' });
      assert.equal(list.json.total, 1);
      const ret = (await s.request('GET', `/api/v1/annual-returns/${list.json.items[0].id}`, { as: 'op' })).json;
      assert.equal(ret.status, 'draft');
      assert.equal(ret.values.Tdf7b00, 250012500);
      assert.equal(ret.values.Tdf7e02, 2000);
      const hist = await s.request('GET', `/api/v1/annual-returns/${ret.id}/history?code=Tdf7b00`, { as: 'op' });
      assert.equal(hist.json.items.length, 1);
      assert.equal(hist.json.items[0].source, `import:${job.id}`);
      assert.equal(hist.json.items[0].actor_login, 'op');

      // The operator's export holds its own return only and re-imports unchanged.
      const exp = await s.request('GET', '/api/v1/exports/returns.csv', { as: 'op' });
      assert.equal(exp.status, 200);
      const lines = exp.text.trim().split('\n');
      assert.equal(lines.length, 2);
      assert.ok(lines[1].startsWith(`${own.code},2025,`), lines[1]);
      assert.ok(lines[1].includes(',2500.125,'), lines[1]);
      r = await s.request('POST', '/api/v1/imports?entity=returns', { as: 'op', ...csv(exp.text) });
      job = await waitJob(s, 'op', r.json.id);
      assert.equal(job.status, 'succeeded', JSON.stringify(job));
      assert.equal(job.counts.unchanged, 1);
      const xlsx = await s.request('GET', '/api/v1/exports/returns.xlsx', { as: 'nat' });
      assert.equal(xlsx.status, 200);
    } finally {
      await s.stop();
    }
  });
}

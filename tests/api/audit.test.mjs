// `incunet audit keygen|checkpoint|verify` end to end on SQLite and PostgreSQL, with exit codes:
// 0 intact, 3 behind or wiped, 4 rewritten, 5 bad checkpoint file; and `serve` writing
// checkpoints on its own schedule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, BACKENDS, BIN } from './harness.mjs';

function run(args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

function sql(s, statement) {
  if (s.backend === 'sqlite') return execFileSync('sqlite3', [s.db, statement], { encoding: 'utf8' }).trim();
  return execFileSync('psql', [s.db, '-At', '-c', statement], { encoding: 'utf8' }).trim();
}

// The row hash exactly as storage/audit/audit_repo.cpp computes it (length-prefixed fields).
function rowHash(r) {
  const parts = [r.id, r.prev_hash, r.at, r.actor_id, r.actor_login, r.action, r.subject_type,
    r.subject_id, r.before_json, r.after_json, r.request_id];
  const buf = parts.map((p) => `${Buffer.byteLength(String(p))}:${p};`).join('');
  return createHash('sha256').update(buf).digest('hex');
}

test('audit --help on every subcommand', () => {
  for (const sub of ['keygen', 'checkpoint', 'verify']) {
    const r = run(['audit', sub, '--help']);
    assert.equal(r.code, 0);
    assert.match(r.out, /Usage|用法/);
  }
});

for (const backend of BACKENDS) {
  test(`keygen, checkpoint and verify catch a rewrite, a cut tail and a wiped log (${backend})`, async () => {
    const s = await new Server(backend).start();
    const dir = mkdtempSync(join(tmpdir(), 'incunet-audit-'));
    try {
      await s.addUser('auditor1', 'national_admin');
      await s.addUser('auditor2', 'national_admin');
      const key = join(dir, 'audit.key');
      const cps = join(dir, 'checkpoints.log');
      let r = run(['audit', 'keygen', '--out', key]);
      assert.equal(r.code, 0, r.out);
      assert.equal(statSync(key).mode & 0o777, 0o600);
      assert.equal(statSync(`${key}.pub`).mode & 0o777, 0o644);
      r = run(['audit', 'keygen', '--out', key]);
      assert.equal(r.code, 1, 'keygen refuses to overwrite');
      assert.match(r.out, /refusing to overwrite/);

      r = run(['audit', 'checkpoint', '--db', s.db, '--key', key, '--out', cps]);
      assert.equal(r.code, 0, r.out);
      const n = Number(sql(s, 'SELECT COUNT(*) FROM audit_log'));
      const line = readFileSync(cps, 'utf8').trim();
      assert.equal(line.split('\t')[1], String(n));
      const verify = (extra = ['--checkpoints', cps, '--pubkey', `${key}.pub`]) =>
        run(['audit', 'verify', '--db', s.db, ...extra]);
      r = verify();
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /OK: \d+ rows, chain intact; 1 checkpoints hold/);
      assert.equal(verify(['--checkpoints', cps]).code !== 0, true, '--checkpoints needs --pubkey');

      // A checkpoint line edited after signing.
      const forged = join(dir, 'forged.log');
      const f = line.split('\t');
      f[1] = f[2] = String(n - 1);
      writeFileSync(forged, `${line}\n${f.join('\t')}\n`);
      r = verify(['--checkpoints', forged, '--pubkey', `${key}.pub`]);
      assert.equal(r.code, 5, r.out);
      assert.match(r.out, /line 2 has an invalid signature/);
      assert.match(r.out, /签名无效/);

      // Rewrite the last row and its hash consistently: the chain alone still verifies.
      const col = (c) => sql(s, `SELECT ${c} FROM audit_log WHERE id = ${n}`);
      const row = {};
      for (const c of ['id', 'prev_hash', 'at', 'actor_id', 'actor_login', 'action', 'subject_type',
        'subject_id', 'before_json', 'after_json', 'request_id']) row[c] = col(c);
      row.after_json = '{"forged":1}';
      const h = rowHash(row);
      sql(s, `UPDATE audit_log SET after_json = '${row.after_json}', hash = '${h}' WHERE id = ${n}`);
      sql(s, `UPDATE audit_head SET last_hash = '${h}' WHERE id = 1`);
      assert.equal(verify([]).code, 0, 'a consistent rewrite passes the chain check');
      r = verify();
      assert.equal(r.code, 4, r.out);
      assert.match(r.out, /REWRITTEN: .*改写.* \/ the audit log was rewritten/);

      // Cut the tail and fix up audit_head: the log is behind the checkpoint.
      sql(s, `DELETE FROM audit_log WHERE id = ${n}`);
      sql(s, `UPDATE audit_head SET last_id = ${n - 1}, last_hash = (SELECT hash FROM audit_log WHERE id = ${n - 1}) WHERE id = 1`);
      assert.equal(verify([]).code, 0, 'the chain alone cannot see the cut');
      r = verify();
      assert.equal(r.code, 3, r.out);
      assert.match(r.out, /BEHIND: .*落后.*the log is behind checkpoint line 1/);
      r = run(['audit', 'checkpoint', '--db', s.db, '--key', key, '--out', cps]);
      assert.equal(r.code, 3, `checkpoint refuses a shorter log: ${r.out}`);
      assert.equal(readFileSync(cps, 'utf8').trim(), line, 'nothing appended');

      // Wipe the log.
      sql(s, 'DELETE FROM audit_log');
      sql(s, "UPDATE audit_head SET last_id = 0, last_hash = '' WHERE id = 1");
      r = verify();
      assert.equal(r.code, 3, r.out);
      assert.match(r.out, /WIPED: .*清空.*the audit log is empty/);
    } finally {
      await s.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`serve writes checkpoints on a schedule (${backend})`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'incunet-audit-'));
    const key = join(dir, 'audit.key');
    const cps = join(dir, 'checkpoints.log');
    assert.equal(run(['audit', 'keygen', '--out', key]).code, 0);
    const s = await new Server(backend).start(['--audit-checkpoint-key', key,
      '--audit-checkpoint-out', cps, '--audit-checkpoint-every', '1']);
    try {
      await s.addUser('sched1', 'national_admin');
      const lines = () => { try { return readFileSync(cps, 'utf8').trim().split('\n'); } catch { return []; } };
      for (let i = 0; i < 100 && lines().length < 3; i++) await new Promise((r) => setTimeout(r, 100));
      assert.ok(lines().length >= 3, `checkpoints written: ${lines().length}\n${s.output}`);
      const r = run(['audit', 'verify', '--db', s.db, '--checkpoints', cps, '--pubkey', `${key}.pub`]);
      assert.equal(r.code, 0, r.out);
    } finally {
      await s.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

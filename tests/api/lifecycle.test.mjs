// The binary's own life: --version and --help everywhere, graceful shutdown on SIGTERM with
// requests in flight, and the schema-version guard at start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { Server, BIN } from './harness.mjs';

test('--version and --help on every command', () => {
  assert.match(execFileSync(BIN, ['--version'], { encoding: 'utf8' }), /^incunet \d+\.\d+\.\d+/);
  for (const args of [[], ['serve'], ['migrate'], ['demo'], ['user'], ['user', 'add'], ['audit', 'verify']]) {
    const r = spawnSync(BIN, [...args, '--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${args.join(' ')} --help exited ${r.status}`);
    assert.match(r.stdout, /Usage|用法/, `${args.join(' ')} --help prints usage`);
  }
});

test('SIGTERM lets in-flight requests finish and exits cleanly', async () => {
  const s = await new Server('sqlite').start();
  try {
    // Keep several requests in flight while the signal arrives.
    const inflight = Array.from({ length: 20 }, () => fetch(`${s.base}/api/v1/regions?limit=200`).then((r) => r.status));
    const exited = new Promise((res) => s.proc.once('exit', (code, signal) => res({ code, signal })));
    s.proc.kill('SIGTERM');
    const statuses = await Promise.allSettled(inflight);
    const { code } = await exited;
    assert.equal(code, 0, `exit code; output:\n${s.output}`);
    assert.match(s.output, /stopped cleanly/);
    // Every request that was answered was answered fully (200); none got a 5xx.
    for (const st of statuses) if (st.status === 'fulfilled') assert.equal(st.value, 200);
    // The database is consistent afterwards: the audit chain verifies.
    assert.match(execFileSync(BIN, ['audit', 'verify', '--db', s.db], { encoding: 'utf8' }), /OK/);
  } finally {
    await s.stop();
  }
});

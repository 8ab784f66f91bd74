// Runs every tests/api/*.test file against the real server, once on SQLite and once on
// PostgreSQL. The format is described in dsl.mjs.
import { test } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Server, BACKENDS, ROOT } from './harness.mjs';
import { parseLines, runBlock } from './dsl.mjs';

const DIR = join(ROOT, 'tests', 'api');
const parse = (file) => parseLines(readFileSync(join(DIR, file), 'utf8').split('\n'));

// API_TEST_ONLY=edges.test,scope.test runs only those files (while working on them).
const only = (process.env.API_TEST_ONLY || '').split(',').filter(Boolean);
const files = readdirSync(DIR).filter((f) => f.endsWith('.test') && (!only.length || only.includes(f))).sort();
for (const file of files) {
  for (const backend of BACKENDS) {
    test(`${file} [${backend}]`, async (t) => {
      const server = await new Server(backend).start();
      try {
        const vars = {};
        for (const block of parse(file)) {
          const first = block.steps.find((s) => s.op === 'request') || block.steps[0];
          await t.test(`line ${block.line}: ${first.op} ${first.arg}`.slice(0, 120), () => runBlock(server, block, vars));
        }
      } finally {
        await server.stop();
      }
    });
  }
}

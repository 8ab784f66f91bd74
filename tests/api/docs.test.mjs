// The examples of docs/api.md and docs/api/*.md run, so one that stops working fails the test
// command: every ```api block is the declarative format of dsl.mjs (the one tests/api/*.test
// use), executed in page order against a fresh server on each database. Any other fenced block
// must follow a line `<!-- illustrative: reason -->` saying why it cannot run (national-scale
// figures, a shape with elisions, a diagram). Failures name the page and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Server, BACKENDS, ROOT } from './harness.mjs';
import { parseLines, runBlock } from './dsl.mjs';

const PAGES = ['docs/api.md', ...readdirSync(join(ROOT, 'docs', 'api')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/api/${f}`)];

// The fenced blocks of a page: {lang, line (of the opening fence), lines, marked}.
function fences(page) {
  const lines = readFileSync(join(ROOT, page), 'utf8').split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(/^```(\S*)\s*$/);
    if (!open) continue;
    let j = i + 1;
    while (j < lines.length && !/^```\s*$/.test(lines[j])) j++;
    assert.ok(j < lines.length, `${page}:${i + 1}: fence is never closed`);
    let k = i - 1;
    while (k >= 0 && !lines[k].trim()) k--;
    const marked = k >= 0 && /^<!--\s*illustrative:\s*\S.*-->\s*$/.test(lines[k].trim());
    out.push({ lang: open[1], line: i + 1, lines: lines.slice(i + 1, j), marked });
    i = j;
  }
  return out;
}

test('every example in the API docs runs or says why it cannot', () => {
  const bad = [];
  for (const page of PAGES)
    for (const f of fences(page)) {
      if (f.lang === 'api' && f.marked) bad.push(`${page}:${f.line}: an executable block marked illustrative`);
      if (f.lang !== 'api' && !f.marked)
        bad.push(`${page}:${f.line}: neither an \`\`\`api block nor marked <!-- illustrative: reason -->`);
    }
  assert.deepEqual(bad, []);
  assert.ok(PAGES.some((p) => fences(p).some((f) => f.lang === 'api')), 'no executable example found');
});

for (const page of PAGES) {
  const blocks = fences(page).filter((f) => f.lang === 'api').flatMap((f) => parseLines(f.lines, f.line + 1));
  if (!blocks.length) continue;
  for (const backend of BACKENDS) {
    test(`${page} [${backend}]`, async (t) => {
      const server = await new Server(backend).start();
      try {
        const vars = {};
        for (const block of blocks) {
          const first = block.steps.find((s) => s.op === 'request') || block.steps[0];
          await t.test(`${page}:${block.line}: ${first.op} ${first.arg}`.slice(0, 140), async () => {
            try {
              await runBlock(server, block, vars);
            } catch (e) {
              e.message = `${page}:${block.line}: ${e.message}`;
              throw e;
            }
          });
        }
      } finally {
        await server.stop();
      }
    });
  }
}

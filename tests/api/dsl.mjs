// The declarative format of tests/api/*.test and of the ```api examples in docs/api*.md (one block per request, blocks separated by blank lines):
//
//   user gd region_admin region=44          create an account via the CLI and log it in
//   login gd                                log in again with that account's password
//   request POST /api/v1/carriers as gd     method, path (with ${vars}), optional "as <login>"
//   header If-Match: "1"                    extra request header (repeatable)
//   body {"name":"…"}                        JSON body (one line; ${vars} substituted)
//   bodyhex 7b226e223a22ff227d               raw body bytes (for invalid UTF-8)
//   bodysize 2000000                         a JSON string body of that many bytes
//   bodytext "id = \"X\"\nversion = 1"        a text body given as a JSON string literal (sent as is;
//                                            set its Content-Type with a header line)
//   expect 201                               status
//   error invalid_uscc                       error.code of the response
//   match {"kind":"incubator"}               JSON subset the response must contain ("$any" = present)
//   count 3                                  number of items in a list response
//   contains 91440300777553573X              the response text holds this (CSV exports)
//   lacks 91110108MA01A2B3CF                 the response text does not hold this
//   respheader Allow: GET, POST              a response header has exactly this value
//   nonempty error.request_id                a field (dot path) is present and not empty
//   headersize 100000                        send an X-Padding header of that many bytes
//   capture cid = id                         remember a field (dot path) as ${cid}
//   sql <statement>                          run SQL directly (sqlite3 / psql) — to check nothing was written
//   sqlcount N <select count(*) …>           a count query must return N
import assert from 'node:assert/strict';

// Blocks of the declarative format from `lines`, the first of which is line `first` of its file.
export function parseLines(lines, first = 1) {
  const blocks = [];
  let cur = null;
  lines.forEach((raw, i) => {
    const line = raw.trimEnd();
    if (line.startsWith('#')) return;
    if (!line.trim()) { cur = null; return; }
    if (!cur) { cur = { line: i + first, steps: [] }; blocks.push(cur); }
    const sp = line.indexOf(' ');
    cur.steps.push({ op: sp < 0 ? line : line.slice(0, sp), arg: sp < 0 ? '' : line.slice(sp + 1) });
  });
  return blocks;
}

function subst(s, vars) {
  return s.replace(/\$\{(\w+)\}/g, (_, k) => {
    if (!(k in vars)) throw new Error(`unknown variable \${${k}}`);
    return String(vars[k]);
  });
}

function get(obj, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

function subset(actual, expected, where = '$') {
  if (expected === '$any') {
    assert.notEqual(actual, undefined, `${where} should be present`);
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${where} should be an object/array, got ${JSON.stringify(actual)}`);
    for (const [k, v] of Object.entries(expected)) subset(actual[k], v, `${where}.${k}`);
    return;
  }
  assert.deepEqual(actual, expected, `${where}`);
}

function sql(server, statement) {
  return server.sql(statement);
}

// Runs one block against `server`; `vars` carries captures from block to block.
export async function runBlock(server, block, vars) {
  let req = null;
  let res = null;
  for (const { op, arg } of block.steps) {
    const a = subst(arg, vars);
    switch (op) {
      case 'user': {
        const [login, role, ...rest] = a.split(/\s+/);
        const opts = {};
        for (const kv of rest) {
          const [k, v] = kv.split('=');
          opts[k] = k === 'region' ? v : v.split(',').filter(Boolean);
        }
        await server.addUser(login, role, opts);
        break;
      }
      case 'request': {
        const m = a.match(/^(\w+)\s+(\S+)(?:\s+as\s+(\S+))?$/);
        assert.ok(m, `bad request line: ${a}`);
        req = { method: m[1], path: m[2], as: m[3], headers: {} };
        break;
      }
      case 'login': {
        // Logs in with the stored password of an account created by `user`.
        req = { method: 'POST', path: '/api/v1/auth/login', headers: {}, loginAs: a,
          body: JSON.stringify({ login: a, password: server.passwords[a] }) };
        break;
      }
      case 'header': {
        const i = a.indexOf(':');
        req.headers[a.slice(0, i).trim()] = a.slice(i + 1).trim();
        break;
      }
      case 'body': req.body = a; break;
      case 'bodyhex': req.raw = Buffer.from(a.replace(/\s+/g, ''), 'hex'); req.headers['Content-Type'] = 'application/json'; break;
      case 'bodytext': req.raw = JSON.parse(a); break;
      case 'headersize': req.headers['X-Padding'] = 'p'.repeat(Number(a)); break;
      case 'bodysize': req.raw = '"' + 'a'.repeat(Number(a) - 2) + '"'; req.headers['Content-Type'] = 'application/json'; break;
      case 'sql': sql(server, a); break;
      case 'sqlcount': {
        const sp = a.indexOf(' ');
        assert.equal(Number(sql(server, a.slice(sp + 1))), Number(a.slice(0, sp)), `sqlcount ${a}`);
        break;
      }
      default: {
        if (req && !res) {
          res = await server.request(req.method, req.path, { as: req.as, body: req.body, raw: req.raw, headers: req.headers });
          if (req.loginAs && res.status === 200) server.tokens[req.loginAs] = res.json.token;
        }
        const ctx = () => `${req.method} ${req.path} -> ${res.status} ${res.text.slice(0, 400)}`;
        if (op === 'expect') assert.equal(res.status, Number(a), ctx());
        else if (op === 'error') assert.equal(res.json?.error?.code, a, ctx());
        else if (op === 'match') subset(res.json, JSON.parse(a), ctx());
        else if (op === 'count') assert.equal(res.json?.items?.length, Number(a), ctx());
        else if (op === 'contains') assert.ok(res.text.includes(a), `should contain ${a}: ${ctx()}`);
        else if (op === 'lacks') assert.ok(!res.text.includes(a), `should not contain ${a}: ${ctx()}`);
        else if (op === 'nonempty') assert.ok(String(get(res.json, a) ?? '').length > 0, `${a} should not be empty: ${ctx()}`);
        else if (op === 'respheader') {
          const i = a.indexOf(':');
          assert.equal(res.headers.get(a.slice(0, i).trim()), a.slice(i + 1).trim(), ctx());
        }
        else if (op === 'capture') {
          const [name, path] = a.split('=').map((s) => s.trim());
          const v = get(res.json, path);
          assert.notEqual(v, undefined, `capture ${path}: ${ctx()}`);
          vars[name] = v;
        } else throw new Error(`unknown directive ${op} (line ${block.line})`);
      }
    }
  }
}


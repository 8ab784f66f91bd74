// Starts the real incunet binary on a fresh database (SQLite file or a new PostgreSQL database
// on the cluster named by INCUNET_TEST_PG), creates accounts through the CLI and logs them in.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';
import { check as checkContract } from './contract.mjs';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const BIN = process.env.INCUNET_BIN || join(ROOT, 'build', 'incunet');
export const BACKENDS = ['sqlite', 'postgres'];

function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

let dbCounter = 0;

export class Server {
  constructor(backend) {
    this.backend = backend;
    this.tokens = {};
    this.passwords = {};
  }

  async start(extraArgs = []) {
    this.dir = mkdtempSync(join(tmpdir(), 'incunet-api-'));
    if (this.backend === 'sqlite') {
      this.db = join(this.dir, 'test.db');
    } else {
      const admin = process.env.INCUNET_TEST_PG;
      if (!admin) throw new Error('INCUNET_TEST_PG is not set: run through scripts/test.sh');
      const name = `api_${process.pid}_${++dbCounter}_${Date.now() % 100000}`;
      execFileSync('psql', [admin, '-q', '-c',
        `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`]);
      this.db = admin.slice(0, admin.lastIndexOf('/') + 1) + name;
    }
    this.cli(['migrate']);
    this.port = await freePort();
    this.base = `http://127.0.0.1:${this.port}`;
    this.proc = spawn(BIN, ['serve', '--db', this.db, '--listen', `127.0.0.1:${this.port}`,
      '--threads', '4', '--log-level', 'warn', ...extraArgs],
      { env: { ...process.env, INCUNET_FAST_PWHASH: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.output = '';
    this.proc.stdout.on('data', (d) => { this.output += d; });
    this.proc.stderr.on('data', (d) => { this.output += d; });
    for (let i = 0; i < 200; i++) {
      try {
        const r = await fetch(`${this.base}/api/v1/health`);
        if (r.ok) return this;
      } catch { /* not up yet */ }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`server did not start:\n${this.output}`);
  }

  cli(args, input) {
    return execFileSync(BIN, [args[0], ...(args[0] === 'user' ? [args[1]] : []), '--db', this.db,
      ...args.slice(args[0] === 'user' ? 2 : 1)],
    { env: { ...process.env, INCUNET_FAST_PWHASH: '1' }, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  }

  // Runs one SQL statement on the server's database and returns its output (for checks that
  // nothing was written).
  sql(statement) {
    if (this.backend === 'sqlite') return execFileSync('sqlite3', [this.db, statement], { encoding: 'utf8' }).trim();
    return execFileSync('psql', [this.db, '-At', '-c', statement], { encoding: 'utf8' }).trim();
  }

  // Creates an account through the CLI (as an operator would) and logs it in through the API.
  async addUser(login, role, opts = {}) {
    const password = `pw-${login}-${Math.random().toString(36).slice(2, 12)}`;
    const args = ['user', 'add', '--login', login, '--role', role, '--password-stdin'];
    if (opts.region) args.push('--region', opts.region);
    for (const c of opts.carriers || []) args.push('--carrier', String(c));
    for (const e of opts.enterprises || []) args.push('--enterprise', String(e));
    this.cli(args, password + '\n');
    this.passwords[login] = password;
    const r = await this.request('POST', '/api/v1/auth/login', { body: { login, password } });
    if (r.status !== 200) throw new Error(`login ${login} failed: ${r.status} ${r.text}`);
    this.tokens[login] = r.json.token;
    return r.json;
  }

  async request(method, path, { as, body, raw, headers = {} } = {}) {
    const h = { 'Accept-Language': 'en', ...headers };
    if (as) h.Authorization = `Bearer ${this.tokens[as]}`;
    let payload;
    if (raw !== undefined) payload = raw;
    else if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['Content-Type'] = 'application/json';
    }
    const r = await fetch(this.base + path, { method, headers: h, body: payload });
    const text = await r.text();
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    const breach = checkContract(method, path, r.status, r.headers.get('content-type'), json);
    if (breach) throw new Error(`API contract: ${breach}\n${text.slice(0, 600)}`);
    return { status: r.status, headers: r.headers, text, json };
  }

  async stop() {
    if (this.proc && this.proc.exitCode === null) {
      const exited = new Promise((r) => this.proc.once('exit', r));
      this.proc.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

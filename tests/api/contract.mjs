// The API contract checked on every answer the API suites receive: the document `incunet openapi`
// prints is the one the server serves, and each response must match its route's schema for that
// status (errors the shared Error schema), with the status among those the route declares. A
// schema that lies, a status a route does not declare, or a route without a response schema
// fails the request that showed it.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const BIN = process.env.INCUNET_BIN || join(ROOT, 'build', 'incunet');

// ajv comes with the OpenAPI tooling (tools/openapi, installed by scripts/build-web.sh).
const require = createRequire(join(ROOT, 'tools', 'openapi', 'package.json'));
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats');

let contract = null;

function load() {
  const doc = JSON.parse(execFileSync(BIN, ['openapi'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('int64', true);
  ajv.addSchema({ $id: 'api', components: doc.components });
  const routes = [];
  for (const [pattern, ops] of Object.entries(doc.paths)) {
    const segs = pattern.split('/');
    const params = segs.filter((s) => s.startsWith('{')).length;
    const re = new RegExp('^' + segs.map((s) => (s.startsWith('{') ? '[^/]+' : s.replace(/[.]/g, '\\.'))).join('/') + '$');
    for (const [method, op] of Object.entries(ops)) routes.push({ method: method.toUpperCase(), pattern, re, params, op });
  }
  // Literal segments win over parameters (/rule-sets/{id} after a literal route of the same length).
  routes.sort((a, b) => a.params - b.params);
  return { doc, ajv, routes, compiled: new Map() };
}

export function openapi() {
  contract ??= load();
  return contract.doc;
}

// Validates `value` against a schema of the document (its $refs resolved there); returns the
// errors as text, or null.
export function validate(schema, value) {
  contract ??= load();
  const v = contract.ajv.compile(rewrite(schema));
  return v(value) ? null : contract.ajv.errorsText(v.errors);
}

function rewrite(schema) {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"api#/components/'));
}

function validator(c, key, schema) {
  if (!c.compiled.has(key)) c.compiled.set(key, c.ajv.compile(rewrite(schema)));
  return c.compiled.get(key);
}

// Checks one answer; returns a description of the breach, or null.
export function check(method, url, status, contentType, json) {
  const path = url.split('?')[0];
  if (!path.startsWith('/api/')) return null;
  contract ??= load();
  const c = contract;
  const route = c.routes.find((r) => r.method === method && r.re.test(path));
  const type = (contentType || '').split(';')[0].trim();
  if (!route) {
    // Unknown paths and methods answer with the error envelope.
    if (status < 400) return `${method} ${path}: ${status} from a route the document lacks`;
    const v = validator(c, 'Error', { $ref: '#/components/schemas/Error' });
    return v(json) ? null : `${method} ${path} → ${status}: ${c.ajv.errorsText(v.errors)}`;
  }
  const where = `${route.op.operationId} (${method} ${route.pattern}) → ${status}`;
  const declared = route.op.responses[String(status)];
  if (!declared) {
    if ([405, 431, 500, 503].includes(status)) return null; // protocol answers every route may give
    return `${where}: status not declared (declared: ${Object.keys(route.op.responses).join(', ')})`;
  }
  const resolved = declared.$ref ? c.doc.components.responses[declared.$ref.split('/').pop()] : declared;
  if (!resolved.content) return status === 204 ? null : `${where}: no response schema`;
  const media = resolved.content[type];
  if (!media) return `${where}: Content-Type ${type} not declared (${Object.keys(resolved.content).join(', ')})`;
  if (type !== 'application/json') return null;
  if (!media.schema) return `${where}: no response schema`;
  const v = validator(c, `${route.op.operationId} ${status}`, media.schema);
  return v(json) ? null : `${where}: ${c.ajv.errorsText(v.errors, { separator: '; ' })}`;
}

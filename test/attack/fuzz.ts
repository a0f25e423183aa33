// Hostile inputs generated from an operation's schemas: for every string field a very long
// string, unicode and control characters, wrong types, nulls, negative and huge numbers; for every
// path parameter traversal and oversize ids; for the body invalid JSON, a wrong or missing content
// type. fast-check supplies the random part (seeded, so a failure can be replayed).
import fc from 'fast-check';
import type { JsonSchema, Operation } from './surfaces.js';

export interface FuzzCase {
  label: string;
  path: Record<string, string>;
  /** Raw (already encoded) path values: traversal forms must reach the router as written. */
  rawPath?: boolean;
  query: Record<string, string>;
  /** JSON value to send, or a raw payload with its content type (null = no content type). */
  body?: { json: unknown } | { raw: string | Buffer; contentType: string | null };
}

const LONG = 'A'.repeat(100_000);
const UNICODE = '👍🏽'.repeat(3_000) + 'e\u0301'.repeat(3_000) + '\u202e\u0000\ud800';
const TRAVERSAL = [
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '....//....//',
  '..',
  '%00',
  'ses_' + 'f'.repeat(32) + '%00',
  'x'.repeat(99),
  '%F0%9F%91%8D',
  '%E2%80%AE',
];

/** A plausible valid value for a schema (for the fields a case does not attack). */
export function sample(schema: JsonSchema, resolve: (s: JsonSchema) => JsonSchema): unknown {
  const s = resolve(schema);
  if (s.enum) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.[0]) return sample(alt[0], resolve);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'object' || s.properties) {
    const out: Record<string, unknown> = {};
    for (const key of s.required ?? []) if (s.properties?.[key]) out[key] = sample(s.properties[key], resolve);
    return out;
  }
  if (type === 'array') return [];
  if (type === 'integer' || type === 'number') return typeof s.minimum === 'number' ? s.minimum : 1;
  if (type === 'boolean') return true;
  return 'x';
}

/** Every string/number field of a body schema, as paths. */
function fields(
  schema: JsonSchema,
  resolve: (s: JsonSchema) => JsonSchema,
  prefix: string[] = [],
  depth = 0,
): { path: string[]; type: string }[] {
  const s = resolve(schema);
  if (depth > 3) return [];
  const out: { path: string[]; type: string }[] = [];
  const alt = s.anyOf ?? s.oneOf ?? s.allOf;
  if (alt) for (const a of alt) out.push(...fields(a, resolve, prefix, depth + 1));
  for (const [key, sub] of Object.entries(s.properties ?? {})) {
    const r = resolve(sub);
    const type = Array.isArray(r.type)
      ? (r.type.find((t) => t !== 'null') ?? 'string')
      : (r.type ?? (r.properties ? 'object' : 'string'));
    out.push({ path: [...prefix, key], type });
    if (type === 'object') out.push(...fields(r, resolve, [...prefix, key], depth + 1));
    if (type === 'array' && r.items) out.push(...fields(r.items, resolve, [...prefix, key, '0'], depth + 1));
  }
  return out;
}

function setAt(base: unknown, path: string[], value: unknown): unknown {
  const root = structuredClone(base ?? {}) as Record<string, unknown>;
  let node: Record<string, unknown> = root;
  path.forEach((key, i) => {
    if (i === path.length - 1) node[key] = value;
    else {
      if (typeof node[key] !== 'object' || node[key] === null) node[key] = /^\d+$/.test(path[i + 1] ?? '') ? [] : {};
      node = node[key] as Record<string, unknown>;
    }
  });
  return root;
}

/** The cases for one operation; `random` extra fast-check-generated bodies per operation. */
export function casesFor(
  op: Operation,
  ids: Record<string, string>,
  resolve: (s: JsonSchema) => JsonSchema,
  random: number,
  seed: number,
): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const pathValues = Object.fromEntries(
    op.params.filter((p) => p.in === 'path').map((p) => [p.name, ids[p.name] ?? 'x']),
  );
  const base = op.body ? sample(op.body, resolve) : undefined;
  const withBody = (label: string, body: FuzzCase['body']) =>
    cases.push({ label, path: pathValues, query: {}, ...(body ? { body } : {}) });
  // Path parameters: traversal, oversize, unicode.
  for (const p of op.params.filter((x) => x.in === 'path')) {
    for (const bad of TRAVERSAL)
      cases.push({
        label: `path ${p.name}=${bad.slice(0, 20)}`,
        path: { ...pathValues, [p.name]: bad },
        rawPath: true,
        query: {},
        ...(base !== undefined ? { body: { json: base } } : {}),
      });
  }
  // Query parameters: long, unicode, wrong type, negative.
  for (const p of op.params.filter((x) => x.in === 'query')) {
    for (const [what, v] of [
      ['long', LONG.slice(0, 6_000)],
      ['unicode', UNICODE.slice(0, 2_000)],
      ['negative', '-1'],
      ['huge', '99999999999999999999'],
      ['empty', ''],
    ] as const) {
      cases.push({ label: `query ${p.name} ${what}`, path: pathValues, query: { [p.name]: v } });
    }
  }
  if (op.body) {
    for (const f of fields(op.body, resolve)) {
      const name = f.path.join('.');
      for (const [what, v] of [
        ['long', LONG],
        ['unicode', UNICODE],
        ['null', null],
        ['number', -1],
        ['huge number', 1e308],
        ['object', { a: 1 }],
        ['array', [LONG.slice(0, 1000)]],
        ['bool', true],
      ] as const) {
        withBody(`body ${name} ${what}`, { json: setAt(base, f.path, v) });
      }
    }
    withBody('invalid JSON', { raw: '{"a": [1, 2', contentType: 'application/json' });
    withBody('deep JSON', { raw: '['.repeat(5_000) + ']'.repeat(5_000), contentType: 'application/json' });
    withBody('JSON null', { raw: 'null', contentType: 'application/json' });
    withBody('JSON array', { raw: '[]', contentType: 'application/json' });
    withBody('wrong content type', { raw: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' });
    withBody('text body', { raw: 'hello', contentType: 'text/plain' });
    withBody('no content type', { raw: JSON.stringify(base), contentType: null });
    withBody('__proto__', {
      raw: '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}',
      contentType: 'application/json',
    });
    // Random JSON values at the top level and at each field (fast-check, seeded).
    const values = fc.sample(fc.jsonValue({ maxDepth: 3 }), { numRuns: random, seed });
    const fieldList = fields(op.body, resolve);
    values.forEach((v, i) => {
      const f = fieldList.length > 0 ? fieldList[i % fieldList.length] : undefined;
      withBody(`random ${f ? f.path.join('.') : 'body'} #${i}`, { json: f ? setAt(base, f.path, v) : v });
    });
  }
  return cases;
}

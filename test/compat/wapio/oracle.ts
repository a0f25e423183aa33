// Wapio's published OpenAPI (fixtures/wapio-openapi.yaml) as a test oracle: the response schema of
// an operation and status, checked with ajv. The document says 3.1 but writes `nullable: true`
// the 3.0 way; we read that as its authors meant it (the type also admits null).
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../support/repo-root.js';

type Json = Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function nullableToType(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableToType);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) if (k !== 'nullable') out[k] = nullableToType(v);
  const n = node as Json;
  if (n['nullable'] === true && typeof n['type'] === 'string') out['type'] = [n['type'], 'null'];
  return out;
}

const doc = nullableToType(
  parse(readFileSync(new URL('test/compat/wapio/fixtures/wapio-openapi.yaml', REPO_ROOT), 'utf8')),
) as Json;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
ajv.addSchema(doc, 'wapio');
const paths = doc['paths'] as Record<string, Record<string, Json>>;

function templateOf(path: string): string | undefined {
  const bare = path.split('?')[0] ?? path;
  const candidates = Object.keys(paths).filter((tpl) =>
    new RegExp(`^${tpl.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare),
  );
  // A literal segment wins over a parameter (/api/groups/invite/accept before /api/groups/{jid}/…).
  return candidates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))[0];
}

/**
 * Paths the seed's Postman collection documents but the OpenAPI omits (API-CATALOG §3.6): no
 * schema to check, so only a success or a Wapio error body is required.
 */
const SEED_ONLY = [/^\/api\/whatsapp-sessions\/[^/]+\/message-logs$/];

function isWapioError(body: unknown): boolean {
  const b = body as Json | null;
  return !!b && b['success'] === false && typeof b['message'] === 'string' && typeof b['reason_code'] === 'string';
}

/** Errors of a Wapio response against the published document; [] when it conforms. */
export function oracleErrors(method: string, path: string, status: number, body: unknown): string[] {
  const tpl = templateOf(path);
  const bare = path.split('?')[0] ?? path;
  if (!tpl && SEED_ONLY.some((re) => re.test(bare))) {
    if (status === 200 || (status >= 400 && status < 500 && isWapioError(body))) return [];
    return [`${method} ${bare}: ${status} is neither a success nor a Wapio error`];
  }
  if (!tpl) return [`${method} ${path}: not in Wapio's OpenAPI`];
  const op = paths[tpl]?.[method.toLowerCase()] as Json | undefined;
  if (!op) return [`${method} ${tpl}: method not in Wapio's OpenAPI`];
  const responses = op['responses'] as Record<string, Json>;
  if (!responses[String(status)]) return [`${method} ${tpl}: status ${status} not documented`];
  const pointer = `wapio#/paths/${tpl.replace(/~/g, '~0').replace(/\//g, '~1')}/${method.toLowerCase()}/responses/${status}`;
  let response = responses[String(status)] as Json;
  let ref = pointer;
  if (typeof response['$ref'] === 'string') {
    ref = `wapio${response['$ref']}`;
    response = (response['$ref'] as string)
      .slice(2)
      .split('/')
      .reduce<Json>((node, key) => node[key] as Json, doc);
  }
  if (!(response['content'] as Json | undefined)?.['application/json']) return [];
  const validate = ajv.compile({ $ref: `${ref}/content/application~1json/schema` });
  return validate(body)
    ? []
    : (validate.errors ?? []).map((e) => `${method} ${tpl} ${status}: ${e.instancePath} ${e.message}`);
}

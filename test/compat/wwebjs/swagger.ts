// The original's swagger.json (test/fixtures/wwebjs) as a response oracle: the operations it lists
// and, per answer, whether its status is documented and its body matches the documented schema.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { SHAPES, type ShapeName } from './shapes.schema.js';

interface Schema {
  $ref?: string;
  [k: string]: unknown;
}
interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Swagger {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const swagger = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../fixtures/wwebjs/swagger.json', import.meta.url)), 'utf8'),
) as Swagger;

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
const compiled = new Map<string, ValidateFunction>();

function validator(key: string, schema: object): ValidateFunction {
  let v = compiled.get(key);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(key, v);
  }
  return v;
}

/** Every operation, as `METHOD /path` (88). */
export function swaggerOperations(): string[] {
  return Object.entries(swagger.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  );
}

/** What the swagger says is wrong with this answer of `op` (empty when nothing). */
export function swaggerErrors(op: string, status: number, contentType: string, body: unknown): string[] {
  const [method, path] = op.split(' ') as [string, string];
  const operation = swagger.paths[path]?.[method.toLowerCase()];
  if (!operation) return [`${op}: not in the swagger`];
  const response = operation.responses[String(status)];
  if (!response) return [`${op}: status ${status} is not documented (${Object.keys(operation.responses)})`];
  if (!response.content) return [];
  const type = contentType.split(';')[0]?.trim() ?? '';
  const media = response.content[type];
  if (!media) return [`${op}: ${status} answered ${type}, documented ${Object.keys(response.content)}`];
  const ref = media.schema?.$ref;
  const schema = ref ? swagger.components.schemas[ref.split('/').pop() ?? ''] : media.schema;
  if (!schema) return [];
  const v = validator(`${op} ${status} ${type}`, schema);
  return v(body) ? [] : (v.errors ?? []).map((e) => `${op}: body${e.instancePath} ${e.message}`);
}

/** What is wrong with `value` as the whatsapp-web.js object `shape` (API-CATALOG §6.9). */
export function shapeErrors(shape: ShapeName, value: unknown): string[] {
  const v = validator(`shape ${shape}`, SHAPES[shape]);
  return v(value) ? [] : (v.errors ?? []).map((e) => `${shape}${e.instancePath} ${e.message}`);
}

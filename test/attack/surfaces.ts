// What the attack suite attacks: every operation of /openapi.json whose path starts with one of
// these prefixes. A compatibility surface joins the fuzzer and the tenant matrix by adding its
// prefix here (its routes must be in /openapi.json, with their request and response schemas).
export const SURFACES = ['/v1/', '/media/'] as const;

/** Operations not worth fuzzing as plain requests (upgrades, endless streams); tested elsewhere. */
export const SKIP_OPERATIONS = new Set(['events.stream', 'events.streamWs']);

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  maxLength?: number;
  minimum?: number;
  $ref?: string;
  [k: string]: unknown;
};

export interface Operation {
  id: string;
  method: string;
  /** OpenAPI path, e.g. `/v1/sessions/{id}`. */
  path: string;
  params: { name: string; in: 'path' | 'query' | 'header'; schema: JsonSchema }[];
  body: JsonSchema | null;
  /** status → content type → schema */
  responses: Record<string, Record<string, JsonSchema>>;
}

interface RawOp {
  operationId?: string;
  parameters?: { name: string; in: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

export function operationsOf(doc: { paths: Record<string, Record<string, RawOp>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!SURFACES.some((p) => path.startsWith(p))) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!op.operationId || SKIP_OPERATIONS.has(op.operationId)) continue;
      const responses: Operation['responses'] = {};
      for (const [status, r] of Object.entries(op.responses ?? {})) {
        responses[status] = Object.fromEntries(
          Object.entries(r.content ?? {}).map(([type, c]) => [type, c.schema ?? {}]),
        );
      }
      out.push({
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? [])
          .filter((p) => p.in === 'path' || p.in === 'query')
          .map((p) => ({ name: p.name, in: p.in as 'path' | 'query', schema: p.schema ?? {} })),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
        responses,
      });
    }
  }
  return out;
}

/** Fills `{name}` segments from `values` (each value URL-encoded unless `raw`). */
export function fillPath(path: string, values: Record<string, string>, raw = false): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) =>
    raw ? (values[name] ?? 'x') : encodeURIComponent(values[name] ?? 'x'),
  );
}

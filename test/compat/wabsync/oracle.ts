// The served WabSync OpenAPI document as a test oracle: the operation a request path matches, and
// the errors of a response against that operation's schema for its status (ajv, JSON Schema 2020-12).
import addFormatsModule from 'ajv-formats';
import { Ajv2020 } from 'ajv/dist/2020.js';

type Json = Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export interface Oracle {
  /** `METHOD /template` of the operation a request path (under the server URL) matches, if any. */
  operationOf(method: string, path: string): string | undefined;
  /** [] when the response conforms to the document. */
  errors(method: string, path: string, status: number, body: unknown): string[];
  /** Every `METHOD /template` the document declares. */
  operations(): string[];
}

export function openApiOracle(doc: Json): Oracle {
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  ajv.addSchema(doc, 'wabsync');
  const paths = doc['paths'] as Record<string, Record<string, Json>>;

  function templateOf(path: string): string | undefined {
    const bare = path.split('?')[0] ?? path;
    const hits = Object.keys(paths).filter((tpl) => new RegExp(`^${tpl.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare));
    // A literal segment wins over a parameter (/session/list before /session/{id}).
    return hits.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))[0];
  }

  return {
    operationOf(method, path) {
      const tpl = templateOf(path);
      return tpl && paths[tpl]?.[method.toLowerCase()] ? `${method.toUpperCase()} ${tpl}` : undefined;
    },
    errors(method, path, status, body) {
      const tpl = templateOf(path);
      if (!tpl) return [`${method} ${path}: not in the document`];
      const op = paths[tpl]?.[method.toLowerCase()];
      if (!op) return [`${method} ${tpl}: method not in the document`];
      const responses = op['responses'] as Record<string, Json>;
      if (!responses[String(status)]) return [`${method} ${tpl}: status ${status} not documented`];
      const pointer = `wabsync#/paths/${tpl.replace(/~/g, '~0').replace(/\//g, '~1')}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
      const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
      return validate(body)
        ? []
        : (validate.errors ?? []).map((e) => `${method} ${tpl} ${status}: ${e.instancePath} ${e.message}`);
    },
    operations() {
      return Object.entries(paths).flatMap(([tpl, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${tpl}`));
    },
  };
}

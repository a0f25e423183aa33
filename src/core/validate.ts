// Runs a zod schema over input and turns the first issue into an InvalidError naming the field, so
// every surface reports bad input the same way whichever one received it.
import type { z } from 'zod';
import { issueSentence } from '../lib/validation-sentence.js';
import { InvalidError } from './errors.js';

/** Dotted path of a zod issue (`settings.proxy_url`, `items.0.id`); null for the root. */
export function issuePath(path: readonly PropertyKey[]): string | null {
  return path.length === 0 ? null : path.map(String).join('.');
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  let field = issue ? issuePath(issue.path) : null;
  // An unknown key is reported on the key itself, not on its parent object.
  if (issue?.code === 'unrecognized_keys' && issue.keys[0] !== undefined) {
    field = field ? `${field}.${issue.keys[0]}` : issue.keys[0];
  }
  if (prefix) field = field ? `${prefix}.${field}` : prefix;
  const message = issue
    ? `${field ?? 'input'}: ${issueSentence({ code: issue.code, message: issue.message, params: { ...issue } })}`
    : 'Invalid input';
  throw new InvalidError(message, { field });
}

// Parse a body or query with zod; failures become Laravel's `{field: [message]}` (422), worded as
// Laravel words them ("The to field is required.").
import type { z } from 'zod';
import { WasenderValidationError } from './errors.js';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || 'body';
    const missing = issue.code === 'invalid_type' && /received undefined/i.test(issue.message);
    const text = missing
      ? 'is required.'
      : `${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`.replace(/([^.])$/, '$1.');
    (errors[field] ??= []).push(`The ${field} field ${text}`);
  }
  throw new WasenderValidationError(errors);
}

// Parse a body or query with zod; failures become Laravel's `{field: [message]}` (422).
import type { z } from 'zod';
import { WasenderValidationError } from './errors.js';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || 'body';
    (errors[field] ??= []).push(`The ${field} field ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`);
  }
  throw new WasenderValidationError(errors);
}

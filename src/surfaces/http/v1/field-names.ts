// The core names an input field as its command does (`replyTo`, `content.media.url`); /v1 names it
// as its body does (`reply_to`, `image.url`). A route whose body and command differ runs the core
// call through `inV1Terms` with its translation, so the error envelope names the field the client sent.
import { AppError } from '../../../core/errors.js';

export type FieldNames = (domainField: string) => string;

/**
 * Renames by dotted prefix: `{ replyTo: 'reply_to' }` turns `replyTo` into `reply_to` and
 * `content.media.url` under `{ 'content.media': 'image' }` into `image.url`. The longest prefix wins.
 */
export function renameFields(names: Record<string, string>): FieldNames {
  const prefixes = Object.keys(names).sort((a, b) => b.length - a.length);
  return (field) => {
    for (const p of prefixes) {
      if (field === p || field.startsWith(`${p}.`)) return `${names[p] ?? p}${field.slice(p.length)}`;
    }
    return field;
  };
}

/** Runs a core call; an error naming a field names it in /v1's words. */
export async function inV1Terms<T>(work: Promise<T>, names: FieldNames): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof AppError && err.field) {
      const renamed = names(err.field);
      if (renamed !== err.field) throw err.withField(renamed);
    }
    throw err;
  }
}

// Validation failures as sentences a person can act on (`to: required`, `text: must be at most 4096
// characters`) instead of zod's wording (`Invalid input: expected string, received undefined`).
// Messages our schemas wrote themselves (refinements, custom messages) are kept as they are.
// Used by the /v1 error plugin (zod issues from route schemas) and core's parseInput (the same
// wording whichever surface received the input). No dependency: it reads a zod issue's plain fields.

/** One zod issue: its `code`, its default or custom `message`, and its other fields (`params`). */
export interface ValidationIssue {
  code: string;
  message?: string | undefined;
  params: Record<string, unknown>;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  date: 'a date',
  null: 'null',
};

/** zod's own default messages start like this; anything else was written by us and is kept. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized key|Expected|Required)/;

function bound(issue: ValidationIssue, word: 'least' | 'most'): string {
  const limit = issue.params[word === 'least' ? 'minimum' : 'maximum'];
  const n = typeof limit === 'bigint' ? Number(limit) : typeof limit === 'number' ? limit : null;
  const inclusive = issue.params['inclusive'] !== false;
  switch (issue.params['origin']) {
    case 'string':
      if (word === 'least' && n === 1) return 'must not be empty';
      return `must be at ${word} ${n} character${n === 1 ? '' : 's'}`;
    case 'array':
    case 'set':
      if (word === 'least' && n === 1) return 'must not be empty';
      return `must have at ${word} ${n} item${n === 1 ? '' : 's'}`;
    default:
      if (!inclusive) return `must be ${word === 'least' ? 'greater' : 'less'} than ${n}`;
      return `must be at ${word} ${n}`;
  }
}

function oneOf(values: unknown): string {
  const list = Array.isArray(values) ? values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : [];
  return list.length === 1 ? `must be ${list[0]}` : `must be one of ${list.join(', ')}`;
}

/** One issue as the part of the message after `field: `. */
export function issueSentence(issue: ValidationIssue): string {
  const message = issue.message ?? '';
  if (message && !ZOD_DEFAULT.test(message)) return message;
  switch (issue.code) {
    case 'invalid_type': {
      if (/received undefined$/.test(message)) return 'required';
      const expected = String(issue.params['expected'] ?? '');
      return `must be ${TYPE_NAMES[expected] ?? expected}`;
    }
    case 'too_small':
      return bound(issue, 'least');
    case 'too_big':
      return bound(issue, 'most');
    case 'unrecognized_keys':
      return 'is not a field of this request (check its spelling)';
    case 'invalid_value':
      return oneOf(issue.params['values']);
    case 'invalid_format':
      return issue.params['format'] === 'url'
        ? 'must be a URL'
        : `must be a valid ${String(issue.params['format'] ?? 'value')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.params['divisor'])}`;
    case 'invalid_union':
      return 'matches none of the accepted forms';
    default:
      return 'is not valid';
  }
}

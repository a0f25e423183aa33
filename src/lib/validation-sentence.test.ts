import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { issueSentence } from './validation-sentence.js';

const schema = z.strictObject({
  to: z.string(),
  text: z.string().min(1).max(4096).optional(),
  count: z.number().int().gt(0).optional(),
  tags: z.array(z.string()).max(2).optional(),
  kind: z.enum(['a', 'b']).optional(),
  phone: z.string().regex(/^\d+$/, 'must be digits only').optional(),
});

function sentence(input: unknown): string {
  const result = schema.safeParse(input);
  assert.equal(result.success, false);
  const issue = result.error!.issues[0]!;
  return issueSentence({ code: issue.code, message: issue.message, params: { ...issue } });
}

test('zod issues become sentences; our own messages are kept', () => {
  assert.equal(sentence({}), 'required');
  assert.equal(sentence({ to: 1 }), 'must be a string');
  assert.equal(sentence({ to: 'x', text: '' }), 'must not be empty');
  assert.equal(sentence({ to: 'x', text: 'y'.repeat(4097) }), 'must be at most 4096 characters');
  assert.equal(sentence({ to: 'x', count: 0 }), 'must be greater than 0');
  assert.equal(sentence({ to: 'x', tags: ['a', 'b', 'c'] }), 'must have at most 2 items');
  assert.equal(sentence({ to: 'x', kind: 'c' }), 'must be one of a, b');
  assert.equal(sentence({ to: 'x', extra: 1 }), 'is not a field of this request (check its spelling)');
  assert.equal(sentence({ to: 'x', phone: 'abc' }), 'must be digits only');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { parseInput } from './validate.js';

const schema = z.strictObject({ to: z.string(), text: z.string().min(1).max(4096).optional() });

test("core's parseInput speaks the same sentences, naming the field", () => {
  assert.throws(() => parseInput(schema, { to: 'x', text: 'y'.repeat(4097) }), {
    code: 'VALIDATION_FAILED',
    field: 'text',
    message: 'text: must be at most 4096 characters',
  });
  assert.throws(() => parseInput(schema, {}), { message: 'to: required' });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isId, newId, uuidv7Hex } from './ids.js';

test('ids are prefixed UUIDv7 hex and sort in creation order, even within one millisecond', () => {
  const ids = Array.from({ length: 2000 }, () => newId('ses'));
  assert.deepEqual([...ids].sort(), ids);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids.slice(0, 5)) {
    assert.ok(isId('ses', id));
    assert.equal(id[4 + 12], '7', 'version nibble');
    assert.ok('89ab'.includes(id[4 + 16]!), 'variant');
  }
  assert.equal(isId('ses', 'ses_xyz'), false);
  // One instant for both sides: a millisecond passing between two Date.now() calls failed this.
  const at = Date.now() + 10_000;
  const hex = uuidv7Hex(at);
  assert.equal(parseInt(hex.slice(0, 12), 16) >= at, true, 'the timestamp is in the first 48 bits');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSealer } from './seal.js';

test('sealed values round-trip and are not readable', () => {
  const s = createSealer('a-very-long-master-key-for-tests-0123456789');
  const sealed = s.seal('{"secret":"creds"}');
  assert.ok(sealed.startsWith('sealed:v1:'));
  assert.ok(!sealed.includes('creds'));
  assert.equal(s.open(sealed), '{"secret":"creds"}');
  assert.notEqual(s.seal('x'), s.seal('x'), 'random IV per value');
});

test('a wrong key cannot open, a tampered value is refused', () => {
  const a = createSealer('key-a-key-a-key-a-key-a-key-a-key-a');
  const b = createSealer('key-b-key-b-key-b-key-b-key-b-key-b');
  const sealed = a.seal('hello');
  assert.throws(() => b.open(sealed));
  const raw = Buffer.from(sealed.slice('sealed:v1:'.length), 'base64');
  raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 1, raw.length - 1);
  assert.throws(() => a.open('sealed:v1:' + raw.toString('base64')));
});

test('without a key values pass through, and sealed ones are refused', () => {
  const none = createSealer(undefined);
  assert.equal(none.seal('x'), 'x');
  assert.equal(none.open('x'), 'x');
  assert.throws(() => none.open(createSealer('k'.repeat(40)).seal('x')), /MASTER_KEY/);
});

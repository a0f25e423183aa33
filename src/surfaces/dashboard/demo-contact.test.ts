import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replyTo } from './demo-contact.js';

test('the demo contact quotes what it was told, cut to 80 characters', () => {
  assert.equal(replyTo('Hello'), 'Hi! I\'m a simulated contact. You said: "Hello"');
  assert.equal(replyTo('  '), "Hi! I'm a simulated contact.");
  assert.equal(replyTo(undefined), "Hi! I'm a simulated contact.");
  const long = 'x'.repeat(200);
  assert.equal(replyTo(long), `Hi! I'm a simulated contact. You said: "${'x'.repeat(80)}…"`);
});

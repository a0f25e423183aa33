// Validation errors read as sentences that name the field and the fix (`to: required`), never as
// the validation library's wording (`Invalid input: expected string, received undefined`).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, forEachDialect, type TestApp } from '../support/harness.js';

forEachDialect((dialect) => {
  let t: TestApp;
  let token: string;
  let sessionId: string;
  before(async () => {
    t = await createTestApp({ dialect });
    ({ token } = await t.createAccount());
    sessionId = (await t.request(token, 'POST', '/v1/sessions', { name: 'sentences' })).body.session.id;
  });
  after(() => t.close());

  const cases: Array<[string, 'GET' | 'POST', string, unknown, string, string]> = [
    ['a missing field', 'POST', 'messages', {}, 'to', 'to: required'],
    ['a wrong type', 'POST', 'messages', { to: 14155550123, text: 'x' }, 'to', 'to: must be a string'],
    ['an empty string', 'POST', 'messages', { to: '+14155550123', text: '' }, 'text', 'text: must not be empty'],
    [
      'a nested missing field',
      'POST',
      'messages',
      { to: '+14155550123', poll: { name: 'x', options: ['a', 'b'] } },
      'poll.question',
      'poll.question: required',
    ],
    [
      'a number over its maximum',
      'POST',
      'messages',
      { to: '+14155550123', location: { latitude: 91, longitude: 0 } },
      'location.latitude',
      'location.latitude: must be at most 90',
    ],
    [
      'a bad URL',
      'POST',
      'messages',
      { to: '+14155550123', image: { url: 'not a url' } },
      'image.url',
      'image.url: must be a URL',
    ],
    [
      'an unknown key',
      'POST',
      '/v1/sessions',
      { nmae: 'x' },
      'nmae',
      'nmae: is not a field of this request (check its spelling)',
    ],
    [
      'a string over its length',
      'POST',
      '/v1/sessions',
      { name: 'x'.repeat(65) },
      'name',
      'name: must be at most 64 characters',
    ],
    [
      'a boolean',
      'POST',
      '/v1/sessions',
      { settings: { typing: 'yes' } },
      'settings.typing',
      'settings.typing: must be true or false',
    ],
    ['a body of the wrong type', 'POST', '/v1/sessions', [1, 2], 'body', 'body: must be an object'],
    [
      'a list',
      'POST',
      '/v1/webhooks',
      { url: 'http://127.0.0.1:9/x', events: 'messages.*' },
      'events',
      'events: must be a list',
    ],
    ['a query number', 'GET', '/v1/sessions?limit=0', undefined, 'limit', 'limit: must be at least 1'],
    ['a query that is not a number', 'GET', '/v1/sessions?limit=abc', undefined, 'limit', 'limit: must be a number'],
    [
      'an enum',
      'GET',
      '/v1/sessions?status=sleeping',
      undefined,
      'status',
      'status: must be one of disconnected, connecting, need_scan, connected, logged_out, failed, pending_deletion, deleted',
    ],
  ];

  for (const [what, method, path, body, field, message] of cases) {
    test(`${what} → "${message}"`, async () => {
      const url = path === 'messages' ? `/v1/sessions/${sessionId}/messages` : path;
      const res = await t.request(token, method, url, body);
      assert.equal(res.statusCode, 400);
      assert.equal(res.body.error.code, 'VALIDATION_FAILED');
      assert.equal(res.body.error.field, field);
      assert.equal(res.body.error.message, message);
    });
  }

  test('messages written by our schemas are kept as they are', async () => {
    const res = await t.request(token, 'POST', '/v1/sessions', { phone_number: 'call me' });
    assert.equal(
      res.body.error.message,
      'phone_number: must be a phone number in international format, e.g. +14155550123',
    );
  });
});

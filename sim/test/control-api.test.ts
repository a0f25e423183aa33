import { test } from 'node:test';
import assert from 'node:assert/strict';
import { control, startSim } from './support/sim.js';

test('control API: accounts are idempotent per phone; bad input and unknown accounts get clear errors', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const a = await control<{ phone: string; lid: string; devices: number[] }>(sim, 'POST', '/sim/accounts', {
    phone: '+15554440001',
  });
  assert.equal(a.status, 200);
  assert.equal(a.body.phone, '15554440001');
  assert.deepEqual(a.body.devices, [0]);
  const again = await control<{ lid: string }>(sim, 'POST', '/sim/accounts', { phone: '15554440001' });
  assert.equal(again.body.lid, a.body.lid, 'same account, same LID');

  const cases: [string, string, unknown, number, string][] = [
    ['POST', '/sim/accounts', { phone: 'not-a-number' }, 400, 'INVALID_PHONE'],
    ['POST', '/sim/accounts', {}, 400, 'INVALID_BODY'],
    ['POST', '/sim/accounts/15559990000/link', { qr: 'x' }, 404, 'ACCOUNT_NOT_FOUND'],
    ['POST', '/sim/accounts/15554440001/link', { qr: 'garbage' }, 400, 'LINK_FAILED'],
    ['POST', '/sim/accounts/15554440001/link-code', { code: 'ABCD1234' }, 404, 'LINK_FAILED'],
    ['POST', '/sim/accounts/15554440001/messages', { to: '15559990000', text: 'hi' }, 404, 'RECIPIENT_NOT_FOUND'],
    [
      'POST',
      '/sim/accounts/15554440001/messages',
      { to: '15559990000', reaction: { id: 'X', emoji: '👍' } },
      404,
      'RECIPIENT_NOT_FOUND',
    ],
    [
      'POST',
      '/sim/accounts/15554440001/messages',
      { to: '15559990000', location: { latitude: 1, longitude: 2 } },
      404,
      'RECIPIENT_NOT_FOUND',
    ],
    [
      'POST',
      '/sim/accounts/15554440001/presence',
      { type: 'composing', to: '15559990000' },
      404,
      'RECIPIENT_NOT_FOUND',
    ],
    ['POST', '/sim/accounts/15554440001/calls', { to: '15559990000' }, 404, 'RECIPIENT_NOT_FOUND'],
    ['GET', '/sim/nowhere', undefined, 404, 'NOT_FOUND'],
    // A malformed escape in a path param is a 400, not an uncaught URIError that kills the process.
    ['GET', '/sim/accounts/%E0%A4%A/sent', undefined, 400, 'INVALID_PATH'],
    ['DELETE', '/sim/stats', undefined, 405, 'METHOD_NOT_ALLOWED'],
  ];
  for (const [method, path, body, status, code] of cases) {
    const res = await control<{ error: { code: string } }>(sim, method, path, body);
    assert.equal(res.status, status, `${method} ${path}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.error.code, code, `${method} ${path}`);
  }
  const bad = await fetch(`${sim.controlUrl}/sim/accounts`, { method: 'POST', body: '{nope' });
  assert.equal(bad.status, 400);

  // The same account by LID works wherever a phone is expected.
  const byLid = await control<unknown[]>(sim, 'GET', `/sim/accounts/${a.body.lid}/inbox`);
  assert.equal(byLid.status, 200);
  const stats = await control<{ accounts: number; unhandled: number }>(sim, 'GET', '/sim/stats');
  assert.equal(stats.body.accounts, 1);
  assert.equal(stats.body.unhandled, 0);
});

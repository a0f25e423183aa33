// The seam for many nodes: with a router that turns every command into JSON and back, the whole
// session API still works end to end (link by QR, send, react, presence, a refused action, the QR
// of another session, logout). Nothing that cannot cross a process reaches a runtime.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { JsonRoundTripRouter } from '../support/json-router.js';
import { useLinkedSession, waitFor } from '../support/sim.js';

describe('session router: every command crosses as JSON', () => {
  let router: JsonRoundTripRouter | undefined;
  const ctx = useLinkedSession({
    names: ['Router Me', 'Router Contact'],
    sessionName: 'json-router',
    settings: { account_protection: false },
    overrides: { wrapRouter: (local) => (router = new JsonRoundTripRouter(local)) },
  });
  const ops = () => new Set<string>((router?.carried ?? []).map((c) => c.op));

  test('send, react and presence go through the JSON router and reach the contact', async () => {
    const { t, token, sim, sessionId, contact } = ctx;
    const res = await t.request(token, 'POST', `/v1/sessions/${sessionId}/messages`, {
      to: `+${contact.phone}`,
      text: 'over the seam',
    });
    assert.equal(res.statusCode, 202, JSON.stringify(res.body));
    const inbox = () =>
      sim.control<Array<{ id: string; text?: string }>>('GET', `/sim/accounts/${contact.phone}/inbox`);
    const sent = await waitFor('the message at the contact', async () => {
      const m = (await t.request(token, 'GET', `/v1/messages/${res.body.message.id}`)).body.message;
      return m.wa_id && (await inbox()).some((i) => i.id === m.wa_id) ? m : undefined;
    });
    const reacted = await t.request(token, 'POST', `/v1/messages/${sent.id}/reactions`, { emoji: '👍' });
    assert.equal(reacted.statusCode, 200, JSON.stringify(reacted.body));
    const presence = await t.request(token, 'POST', `/v1/sessions/${sessionId}/presence`, {
      presence: 'composing',
      to: `+${contact.phone}`,
    });
    assert.equal(presence.statusCode, 200, JSON.stringify(presence.body));
    for (const op of ['connect', 'snapshot', 'kick', 'react', 'presence', 'settingsChanged'])
      assert.ok(ops().has(op), `${op} not carried: ${[...ops()].join(',')}`);
  });

  test('an error raised by the holder comes back as the same error (class, code, status)', async () => {
    const { t, token } = ctx;
    const other = (await t.request(token, 'POST', '/v1/sessions', { name: 'json-router-idle' })).body.session.id;
    const qr = await t.request(token, 'GET', `/v1/sessions/${other}/qr`);
    assert.equal(qr.statusCode, 409, JSON.stringify(qr.body));
    assert.equal(qr.body.error.code, 'QR_NOT_AVAILABLE');
    const code = await t.request(token, 'POST', `/v1/sessions/${other}/pairing-code`, { phone_number: '+14155550123' });
    assert.equal(code.statusCode, 409, JSON.stringify(code.body));
    assert.equal(code.body.error.code, 'SESSION_NOT_PAIRING');
    assert.ok(ops().has('pairingCode'));
  });
});

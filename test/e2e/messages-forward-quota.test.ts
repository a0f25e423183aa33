// Forward is a send: it takes the session's send quota (429 RATE_LIMITED once it runs out), and the
// original's `forwarded` history entry is written with the queued copy, never for a refused one.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useLinkedSession, waitFor } from '../support/sim.js';

describe('forward and the send quota', () => {
  const ctx = useLinkedSession({
    env: { WAGATE_SEND_PER_DAY: '2' },
    names: ['Forward Quota', 'Forward Quota Contact'],
    sessionName: 'fwd-quota',
    settings: { account_protection: false },
  });

  test('forwards count against the send quota (daily cap here: a per-minute quota this small would pace sends 30 s apart); the refused one leaves no history', async () => {
    const { sim, t, token, sessionId, contact } = ctx;
    const sent = await t.request(token, 'POST', `/v1/sessions/${sessionId}/messages`, {
      to: `+${contact.phone}`,
      text: 'to be forwarded',
    });
    assert.equal(sent.statusCode, 202, JSON.stringify(sent.body));
    const original = sent.body.message.id as string;

    const first = await t.request(token, 'POST', `/v1/messages/${original}/forward`, { to: `+${contact.phone}` });
    assert.equal(first.statusCode, 202, JSON.stringify(first.body));
    const second = await t.request(token, 'POST', `/v1/messages/${original}/forward`, { to: `+${contact.phone}` });
    assert.equal(second.statusCode, 429, JSON.stringify(second.body));
    assert.equal(second.body.error.code, 'RATE_LIMITED');

    const got = await t.request(token, 'GET', `/v1/messages/${original}`);
    const forwarded = (
      got.body.message.events as Array<{ status: string; detail: { message_id?: string } | null }>
    ).filter((e) => e.status === 'forwarded');
    assert.deepEqual(
      forwarded.map((e) => e.detail?.message_id),
      [first.body.message.id],
    );
    // Both accepted messages leave before the app closes (nothing in flight at shutdown).
    await waitFor('the original and its forward at the contact', async () => {
      const inbox = await sim.control<Array<{ text?: string }>>('GET', `/sim/accounts/${contact.phone}/inbox`);
      return inbox.filter((m) => m.text === 'to be forwarded').length === 2 || undefined;
    });
  });
});

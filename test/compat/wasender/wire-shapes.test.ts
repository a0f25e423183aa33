// Issue 13: one request per WasenderApi endpoint (all 45, C1–C45) against wagate linked to the
// simulator; each answer is compared with the seed's documented example (seed-examples.ts) by shape:
// same keys, same JSON types, same nesting. The known deviations below are the ones
// docs/compat/wasender.md lists; anything else fails.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { newId } from '../../../src/lib/ids.js';
import { useLinkedSession, waitFor } from '../../support/sim.js';
import { SEED_EXAMPLES } from './seed-examples.js';
import { shapeDiff, type Deviations } from './shape.js';

const SETTINGS_ECHOED = [
  'auto_reject_calls',
  'ignore_groups',
  'ignore_channels',
  'ignore_broadcasts',
  'always_online',
  'proxy_url',
];
const sessionExtra = (prefix: string) => SETTINGS_ECHOED.map((k) => `${prefix}.${k}`);

/** Known deviations per endpoint (docs/compat/wasender.md, "Shape deviations"). */
const DEVIATIONS: Record<string, Deviations> = {
  C1: { extra: [...sessionExtra('data[]'), 'data[].read_incoming_messages'] },
  C2: { extra: sessionExtra('data') },
  C3: { extra: [...sessionExtra('data'), 'data.read_incoming_messages'], missing: ['data.api_key'] },
  C4: { extra: sessionExtra('data'), missing: ['data.api_key'] },
  C30: { opaque: ['data.message'] },
};

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('wasender compat: every endpoint answers in the shape the seed documents', () => {
  const ctx = useLinkedSession({
    env: { WAGATE_ALLOW_PRIVATE_URLS: '1' },
    overrides: (sim) => ({ mediaCaPem: [sim.handle.mediaCaPem] }),
    names: ['Shape Me', 'Shape Contact'],
    sessionName: 'wasender-shapes',
    settings: { account_protection: false },
  });
  const checked = new Set<string>();
  /** Shape differences found, reported together at the end. */
  const differences: string[] = [];
  let key = '';
  let seq = 0;
  let hook: Server;
  let hookUrl = '';

  before(async () => {
    hook = createServer((_req, res) => res.writeHead(200).end());
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const a = hook.address();
    assert.ok(a && typeof a === 'object');
    hookUrl = `http://127.0.0.1:${a.port}/hook`;
  });
  after(async () => {
    await new Promise((resolve) => hook?.close(resolve));
  });

  async function call(token: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) {
    const res = await ctx.t.request(token, method, `/wasender/api${path}`, body);
    return res;
  }

  /** Asserts the answer's status and shape against endpoint `cid`'s example. */
  function check(cid: string, res: { statusCode: number; body: unknown }, status = 200): void {
    const seed = SEED_EXAMPLES[cid];
    assert.ok(seed, cid);
    assert.equal(res.statusCode, status, `${cid} ${seed.endpoint}: ${JSON.stringify(res.body)}`);
    for (const d of shapeDiff(seed.example, res.body, DEVIATIONS[cid]))
      differences.push(`${cid} ${seed.endpoint}: ${d}`);
    checked.add(cid);
  }

  test('the comparison itself catches a missing key, a wrong type and an extra key', () => {
    const ex = { success: true, data: { id: 1, list: [{ a: 'x' }] } };
    assert.deepEqual(shapeDiff(ex, { success: true, data: { id: 1, list: [{ a: 'y' }] } }), []);
    assert.deepEqual(shapeDiff(ex, { success: true, data: { list: [] } }), ['data.id: missing']);
    assert.deepEqual(shapeDiff(ex, { success: true, data: { id: '1', list: [] } }), [
      'data.id: expected number, got string',
    ]);
    assert.deepEqual(shapeDiff(ex, { success: true, data: { id: 1, list: [{ a: 'x', b: 2 }] } }), [
      'data.list[].b: not in the example',
    ]);
  });

  test('sessions C1–C16', async () => {
    const pat = ctx.token;
    const list = await call(pat, 'GET', '/whatsapp-sessions');
    check('C1', list);
    seq = list.body.data.find((s: { name: string }) => s.name === 'wasender-shapes').id;
    key = (await call(pat, 'POST', `/whatsapp-sessions/${seq}/regenerate-key`)).body.api_key;

    const created = await call(pat, 'POST', '/whatsapp-sessions', {
      name: 'Shape Other',
      phone_number: '+15550001234',
      account_protection: true,
      log_messages: true,
      webhook_url: hookUrl,
      webhook_enabled: true,
      webhook_events: ['messages.received', 'session.status', 'messages.update'],
    });
    check('C2', created);
    const other = created.body.data.id as number;
    check('C3', await call(pat, 'GET', `/whatsapp-sessions/${other}`));
    check(
      'C4',
      await call(pat, 'PUT', `/whatsapp-sessions/${other}`, { name: 'Shape Other 2', read_incoming_messages: true }),
    );
    check('C7', await call(pat, 'POST', `/whatsapp-sessions/${other}/connect`));
    check('C10', await call(pat, 'GET', `/whatsapp-sessions/${other}/qrcode`));
    check('C11', await call(pat, 'POST', `/whatsapp-sessions/${other}/disconnect`));
    check('C12', await call(pat, 'GET', `/whatsapp-sessions/${other}/session-logs`));
    check('C15', await call(pat, 'POST', `/whatsapp-sessions/${other}/regenerate-key`));
    const deleted = await call(pat, 'DELETE', `/whatsapp-sessions/${other}`);
    check('C5', { statusCode: deleted.statusCode, body: deleted.body ?? {} }, 204);

    check('C6', await call(key, 'GET', '/status'));
    check('C13', await call(key, 'GET', '/user'));
    check('C14', await call(key, 'GET', `/on-whatsapp/+${ctx.contact.phone}`));
    check(
      'C16',
      await call(key, 'POST', '/send-presence-update', {
        jid: `${ctx.contact.phone}@s.whatsapp.net`,
        type: 'composing',
      }),
    );

    await call(key, 'POST', '/send-message', { to: `+${ctx.contact.phone}`, text: 'for the logs' });
    check('C9', await call(key, 'GET', `/whatsapp-sessions/${seq}/message-logs`));
  });

  test('contacts C17–C24', async () => {
    const jid = `${ctx.contact.phone}@s.whatsapp.net`;
    check('C22', await call(key, 'PUT', '/contacts', { jid, fullName: 'Shape Friend' }));
    check('C17', await call(key, 'POST', `/contacts/${ctx.contact.phone}/block`));
    check('C21', await call(key, 'POST', `/contacts/${ctx.contact.phone}/unblock`));
    check('C18', await call(key, 'GET', '/contacts'));
    check('C19', await call(key, 'GET', `/contacts/${ctx.contact.phone}`));
    check('C20', await call(key, 'GET', `/contacts/${ctx.contact.phone}/picture`));
    check('C23', await call(key, 'GET', `/lid-from-pn/${jid}`));
    check('C24', await call(key, 'GET', `/pn-from-lid/${ctx.contact.lid}@lid`));
  });

  test('messages C25–C32', async () => {
    const sent = await call(key, 'POST', '/send-message', { to: `+${ctx.contact.phone}`, text: 'shape me' });
    check('C25', sent);
    const msgId = sent.body.data.msgId as number;
    await waitFor(
      'the message to be sent',
      async () => {
        const st = (await call(key, 'GET', `/messages/${msgId}/info`)).body.data.status;
        if (st === 0) throw new Error('failed');
        return st >= 2;
      },
      30_000,
    );
    check('C30', await call(key, 'GET', `/messages/${msgId}/info`));
    check('C29', await call(key, 'PUT', `/messages/${msgId}`, { text: 'shaped' }));
    check('C31', await call(key, 'DELETE', `/messages/${msgId}`));

    // A message that failed on an earlier attempt (as a send error leaves it).
    const scope = await ctx.t.container.services.tokens.authenticate(key);
    let failedSeq = 0;
    await ctx.t.container.store.transaction(async (tx) => {
      const now = new Date().toISOString();
      failedSeq = await tx.counters.next('message_seq');
      await tx.messages.insert({
        id: newId('msg'),
        seq: failedSeq,
        accountId: scope.accountId,
        sessionId: ctx.sessionId,
        direction: 'out',
        chatId: `${ctx.contact.phone}@s.whatsapp.net`,
        waId: `3EB0${Date.now().toString(16).toUpperCase()}`,
        sender: null,
        kind: 'text',
        text: 'second chance',
        content: { kind: 'text', text: 'second chance' },
        raw: null,
        status: 'failed',
        error: 'earlier failure',
        idempotencyKey: null,
        waTimestamp: null,
        createdAt: now,
        updatedAt: now,
      });
    });
    check('C28', await call(key, 'POST', `/messages/${failedSeq}/resend`));

    // An image from the contact: its key marks it read, its media is decrypted.
    const got = await ctx.sim.control<{ id: string }>('POST', `/sim/accounts/${ctx.contact.phone}/messages`, {
      to: ctx.me.phone,
      image: { base64: PNG.toString('base64'), mimetype: 'image/png' },
    });
    const inbound = await waitFor('the image to be stored', async () => {
      const list = await ctx.t.request(ctx.token, 'GET', `/v1/sessions/${ctx.sessionId}/messages?direction=in`);
      return (list.body.data as Array<{ id: string; wa_id: string }>).find((m) => m.wa_id === got.id);
    });
    const stored = await ctx.t.container.services.messages.get(scope, inbound.id);
    const info = (await call(key, 'GET', `/messages/${stored.seq}/info`)).body.data;
    check('C32', await call(key, 'POST', '/messages/read', { key: info.key }));
    check(
      'C26',
      await call(key, 'POST', '/decrypt-media', { data: { messages: { key: info.key, message: info.message } } }),
    );
    check('C27', await call(key, 'POST', '/upload', { base64: PNG.toString('base64'), mimetype: 'image/png' }));
  });

  test('groups C33–C45', async () => {
    const jid = `${ctx.contact.phone}@s.whatsapp.net`;
    const created = await call(key, 'POST', '/groups', { name: 'Shapes', participants: [jid] });
    check('C33', created);
    const g = created.body.data.id as string;
    check('C34', await call(key, 'GET', '/groups'));
    check('C35', await call(key, 'GET', `/groups/${g}/metadata`));
    check('C37', await call(key, 'GET', `/groups/${g}/participants`));
    check(
      'C36',
      await call(key, 'PUT', `/groups/${g}/participants/update`, { action: 'promote', participants: [jid] }),
    );
    check('C40', await call(key, 'POST', `/groups/${g}/participants/remove`, { participants: [jid] }));
    check('C38', await call(key, 'POST', `/groups/${g}/participants/add`, { participants: [jid] }));
    check('C39', await call(key, 'GET', `/groups/${g}/picture`));
    check('C41', await call(key, 'PUT', `/groups/${g}/settings`, { subject: 'Shapes 2', description: 'shaped' }));
    const link = await call(key, 'GET', `/groups/${g}/invite-link`);
    check('C42', link);
    const code = String(link.body.inviteLink).split('/').pop();
    check('C45', await call(key, 'POST', `/groups/${g}/leave`));
    check('C43', await call(key, 'GET', `/groups/invite/${code}`));
    check('C44', await call(key, 'POST', '/groups/invite/accept', { code }));
  });

  test('restart C8 (last: the session reconnects)', async () => {
    check('C8', await call(ctx.token, 'POST', `/whatsapp-sessions/${seq}/restart`));
    await waitFor(
      'the session to be connected again',
      async () => (await call(key, 'GET', '/status')).body.status === 'connected',
    );
  });

  test('all 45 endpoints were compared, with no shape difference beyond the known deviations', () => {
    assert.deepEqual(differences, []);
    const all = Array.from({ length: 45 }, (_, i) => `C${i + 1}`);
    assert.deepEqual(
      all.filter((c) => !checked.has(c)),
      [],
    );
  });
});

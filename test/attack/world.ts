// The world the attack runs in: account A with two sessions, a stored message, a webhook, media and
// an event; account B; a session key rotated away and one whose session was deleted. Ids of A's
// resources fill the path parameters; "nonexistent" ids have the same shape.
import { newId } from '../../src/lib/ids.js';
import type { Message } from '../../src/core/messages/message.types.js';
import type { NewEvent } from '../../src/core/events/index.js';
import type { TestApp } from '../support/harness.js';

export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export interface World {
  a: {
    token: string;
    accountId: string;
    session: string;
    sessionKey: string;
    other: string;
    otherKey: string;
    message: string;
    webhook: string;
    media: string;
    event: string;
    file: string;
    pat: string;
  };
  b: { token: string };
  rotatedKey: string;
  revokedKey: string;
  /** A JSON snapshot of A's state; equal before and after = nothing changed. */
  fingerprint(): Promise<string>;
}

export async function buildWorld(t: TestApp, receiverUrl: string): Promise<World> {
  const A = await t.createAccount('attack-a');
  const B = await t.createAccount('attack-b');
  const s1 = (await t.request(A.token, 'POST', '/v1/sessions', { name: 'a-one' })).body;
  const s2 = (await t.request(A.token, 'POST', '/v1/sessions', { name: 'a-two' })).body;
  const s3 = (await t.request(A.token, 'POST', '/v1/sessions', { name: 'a-rotated' })).body;
  await t.request(A.token, 'POST', `/v1/sessions/${s3.session.id}/rotate-key`);
  const s4 = (await t.request(A.token, 'POST', '/v1/sessions', { name: 'a-deleted' })).body;
  await t.request(A.token, 'DELETE', `/v1/sessions/${s4.session.id}`);
  const now = new Date().toISOString();
  const message: Message = {
    id: newId('msg'),
    seq: Math.floor(Math.random() * 1e9),
    accountId: A.accountId,
    sessionId: s1.session.id,
    direction: 'out',
    chatId: '15551234567@s.whatsapp.net',
    waId: '3EB0ATTACK0001',
    sender: null,
    kind: 'text',
    text: 'hello',
    content: { kind: 'text', text: 'hello' },
    raw: null,
    status: 'failed',
    error: 'boom',
    idempotencyKey: null,
    waTimestamp: now,
    createdAt: now,
    updatedAt: now,
  } as Message;
  await t.container.store.transaction((tx) => tx.messages.insert(message));
  const webhook = (await t.request(A.token, 'POST', '/v1/webhooks', { url: receiverUrl, session_id: s1.session.id }))
    .body;
  const media = (
    await t.app.inject({
      method: 'POST',
      url: '/v1/media',
      payload: PNG,
      headers: { authorization: `Bearer ${s1.session_key.token}`, 'content-type': 'image/png' },
    })
  ).json();
  await t.container.webhooks.outbox.appendNow({
    type: 'session.status',
    account_id: A.accountId,
    session_id: s1.session.id,
    payload: { status: 'connected', previous_status: null, reason: 'attack' },
  } as NewEvent);
  const events = (await t.request(A.token, 'GET', '/v1/events/history')).body;
  const pats = (await t.request(A.token, 'GET', '/v1/tokens')).body;
  await t.idle();
  const read = async (url: string) => JSON.stringify((await t.request(A.token, 'GET', url)).body);
  return {
    a: {
      token: A.token,
      accountId: A.accountId,
      session: s1.session.id,
      sessionKey: s1.session_key.token,
      other: s2.session.id,
      otherKey: s2.session_key.token,
      message: message.id,
      webhook: webhook.webhook?.id ?? webhook.id,
      media: media.media.id,
      event: events.data[0].id,
      file: String(media.media.url).split('/').pop() ?? '',
      pat: pats.data?.[0]?.id ?? 'pat_x',
    },
    b: { token: B.token },
    rotatedKey: s3.session_key.token,
    revokedKey: s4.session_key.token,
    fingerprint: async () =>
      [
        await read('/v1/sessions?limit=100'),
        await read(`/v1/sessions/${s1.session.id}/settings`),
        await read('/v1/webhooks'),
        await read('/v1/tokens'),
        await read(`/v1/messages/${message.id}`),
        await read(`/v1/media/${media.media.id}`),
      ]
        .join('\n')
        .replace(/"last_used_at":"[^"]*"/g, ''),
  };
}

/** A's id for a path's `{id}`, by resource (the path segment before it). */
export function idFor(path: string, w: World): Record<string, string> {
  const resource = /\/(\w+)\/\{(id|file)\}/.exec(path)?.[1];
  const id =
    {
      sessions: w.a.session,
      messages: w.a.message,
      webhooks: w.a.webhook,
      media: path.startsWith('/media/') ? w.a.file : w.a.media,
      events: w.a.event,
      tokens: w.a.pat,
    }[resource ?? ''] ?? 'x';
  return { id, file: w.a.file };
}

/** Same shape, exists nowhere. */
export function nonexistent(id: string): string {
  return id.replace(/[0-9a-f]{32}$/, '0'.repeat(32)).replace(/^[A-Za-z0-9_-]{32}(\.\w+)$/, `${'Q'.repeat(32)}$1`);
}

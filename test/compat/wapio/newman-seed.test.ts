// Wapio compatibility (API-CATALOG.md §3): seed 001, Wapio's own Postman collection (53 requests),
// run by newman against a listening wagate linked to the simulator. Each request carries test
// scripts attached here: its status must be one the seed documents for it, and its body must have
// the keys and JSON types of that status's example. Every response is also validated against
// Wapio's published OpenAPI (oracle.ts). The sends must reach the simulated contact.
//
// The requests are the seed's, in phases (a newman run each) so the flow makes sense: session
// management (PAT) on a spare session that ends deleted; the sends (the linked session's key);
// then message actions, contacts, groups and channels. Placeholders get real values; the seed's
// example.com media URLs point at a local file server; a few requests are reordered within their
// phase (a delete last) and "Update group settings" gets real settings for its sample `key_0`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../../support/repo-root.js';
import { testPhone, useLinkedSession, waitFor } from '../../support/sim.js';
import { oracleErrors } from './oracle.js';

// newman ships no types: the little of its Node API used here, typed.
interface NewmanExecution {
  item: { name: string };
  request: { method: string; url: { toString(): string } };
  response?: { code: number; stream?: Buffer };
  assertions?: Array<{ assertion: string; error?: { message: string } }>;
}
interface NewmanSummary {
  run: { executions: NewmanExecution[]; failures: Array<{ error: { message: string } }> };
  environment: { toObject(): Record<string, string> };
}
interface Newman {
  run(options: Record<string, unknown>, done: (err: Error | null, summary: NewmanSummary) => void): void;
}
/** The msgId the "Delete (revoke)" request targets (the location send's). */
function revokeOf(results: Array<{ name: string; body: unknown }>): string {
  const sent = results.find((r) => r.name === 'Send Location Message')?.body as { msgId: string } | undefined;
  assert.ok(sent, 'the location send ran');
  return sent.msgId;
}
const newman = createRequire(import.meta.url)('newman') as Newman;

// Copies of the seed collections, kept in the repository (test/fixtures/seeds/README.md).
const SEEDS = fileURLToPath(new URL('test/fixtures/seeds', REPO_ROOT));

interface PmResponse {
  code: number;
  body?: string;
}
interface PmItem {
  name: string;
  request: {
    method: string;
    url: { path?: string[]; variable?: Array<{ key: string; value: string }> };
    body?: { raw?: string };
  };
  response?: PmResponse[];
  item?: PmItem[];
  event?: unknown[];
}

function loadCollection(): { item: PmItem[]; auth: unknown; variable: Array<{ key: string; value: string }> } {
  const file = readdirSync(SEEDS).find((f) => f.startsWith('001_'));
  assert.ok(file, 'seed 001 present');
  return JSON.parse(readFileSync(`${SEEDS}/${file}`, 'utf8'));
}

function leaves(items: PmItem[]): PmItem[] {
  return items.flatMap((i) => (i.item ? leaves(i.item) : [i]));
}

/**
 * Where `actual` departs from the seed's example (runs inside newman's sandbox too, so plain JS).
 * The seed writes "" for values of every type (even booleans): "" stands for any value; other
 * scalars fix the JSON type; `{key_0: …}` is a free-form map (or null); arrays are checked item by
 * item against their first example; objects must have exactly the example's keys, except those
 * listed in `optional` (absent where the OpenAPI makes them optional).
 */
function shapeErrors(example: unknown, actual: unknown, path: string, optional: string[]): string[] {
  if (example === '') return [];
  if (example === null) return [];
  if (Array.isArray(example)) {
    if (!Array.isArray(actual)) return [`${path}: array expected, got ${JSON.stringify(actual)}`];
    if (example.length === 0) return [];
    const errors: string[] = [];
    for (let i = 0; i < actual.length; i++)
      errors.push(...shapeErrors(example[0], actual[i], `${path}[${i}]`, optional));
    return errors;
  }
  if (typeof example === 'object') {
    const keys = Object.keys(example as object);
    const freeForm = keys.length > 0 && keys.every((k) => /^key_\d+$/.test(k));
    if (freeForm)
      return actual === null || (typeof actual === 'object' && !Array.isArray(actual))
        ? []
        : [`${path}: object expected`];
    if (!actual || typeof actual !== 'object' || Array.isArray(actual))
      return [`${path}: object expected, got ${JSON.stringify(actual)}`];
    const errors: string[] = [];
    const got = Object.keys(actual as object);
    for (const k of keys) if (!got.includes(k) && !optional.includes(k)) errors.push(`${path}.${k}: missing`);
    for (const k of got) if (!keys.includes(k)) errors.push(`${path}.${k}: not in the example`);
    for (const k of keys)
      if (got.includes(k))
        errors.push(
          ...shapeErrors(
            (example as Record<string, unknown>)[k],
            (actual as Record<string, unknown>)[k],
            `${path}.${k}`,
            optional,
          ),
        );
    return errors;
  }
  return typeof actual === typeof example ? [] : [`${path}: ${typeof example} expected, got ${JSON.stringify(actual)}`];
}

/** Keys of the examples that the OpenAPI makes optional and wagate leaves out. */
const OPTIONAL = ['previous_fingerprint'];

/** The test script attached to a request: a documented status, and the example's keys and types. */
function checkScript(responses: PmResponse[]): string[] {
  const docs = responses.map((r) => ({ code: r.code, body: r.body && r.body.trim() ? JSON.parse(r.body) : null }));
  return [
    `const shapeErrors = ${shapeErrors.toString()};`,
    `const docs = ${JSON.stringify(docs)};`,
    // A request the seed gives no example for (the channel-id how-to) is documented as a 200 read.
    'const doc = docs.length ? docs.find((d) => d.code === pm.response.code) : (pm.response.code === 200 ? { body: null } : undefined);',
    "pm.test('documented status ' + pm.response.code, () => pm.expect(doc, pm.response.text()).to.be.ok);",
    `if (doc && doc.body !== null) pm.test('keys and types of the example', () => pm.expect(shapeErrors(doc.body, pm.response.json(), '$', ${JSON.stringify(OPTIONAL)})).to.eql([]));`,
  ];
}

/** Scripts that keep ids for later requests, by request name. */
const CAPTURE: Record<string, string> = {
  'Create a session (PAT only)': "pm.environment.set('sessionId', pm.response.json().session.session_id);",
  'Send Text Message': "pm.environment.set('messageId', pm.response.json().msgId);",
  'Create a group': "pm.environment.set('groupJid', pm.response.json().group_jid);",
  "Get the group's invite link": "pm.environment.set('inviteCode', pm.response.json().invite_code);",
};

/** Values for the path variables (`:phone`, `:jid`, `:groupJid`, `:inviteCode`). */
const PATH_VARIABLES: Record<string, string> = {
  phone: '{{recipientPhone}}',
  jid: '{{recipientJid}}',
  groupJid: '{{groupJid}}',
  inviteCode: '{{inviteCode}}',
};

const PHASES: Array<{ name: string; token: 'pat' | 'key'; items: string[] }> = [
  {
    name: 'sessions',
    token: 'pat',
    items: [
      'List sessions',
      'Create a session (PAT only)',
      'Get a session',
      'Update session metadata + settings',
      'Connect a paired session',
      'Disconnect a session',
      'Restart the session worker',
      'Get the pairing QR code',
      'Rotate the session-scoped key (PAT only)',
      'Get session operational settings',
      'Update session operational settings',
      'Delete a session (PAT only)',
    ],
  },
  {
    name: 'sends',
    token: 'key',
    items: [
      'Send Text Message',
      'Send Image Message',
      'Send Video Message',
      'Send Document Message',
      'Send Audio Message',
      'Send Sticker Message',
      'Send View Once Message',
      'Send Location Message',
      'Send Contact Message',
      'Send Poll Message',
      'Send Channel Message',
    ],
  },
  {
    name: 'message actions',
    token: 'key',
    items: [
      'Get delivery info for a message',
      'Edit a message (alias)',
      'Edit a previously-sent text message',
      'Re-dispatch a previously-sent message',
      'Mark one or more messages as read',
      'Update typing / online presence',
      'Delete (revoke) a previously-sent message',
    ],
  },
  {
    name: 'contacts, groups, channels',
    token: 'key',
    items: [
      "Resolve a phone's WhatsApp registration status",
      'List contacts',
      'Upsert a contact',
      'Get a contact by phone',
      "Get a contact's profile picture URL",
      'Block a contact',
      'Unblock a contact',
      'List groups',
      'Create a group',
      'Get a group',
      'Get group metadata',
      'List group participants',
      'Add group participants',
      'Remove group participants',
      'Promote participants to admin',
      'Demote participants from admin',
      'Update group settings',
      "Get the group's profile picture URL",
      "Get the group's invite link",
      'Leave a group',
      'Resolve a group invite code',
      'Accept a group invite code',
      'How to get a Channel ID',
    ],
  },
];

// Small real files the send pipeline fetches (the server sniffs their type from the bytes).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const FILES: Record<string, Buffer> = {
  'image.jpg': PNG,
  'private-image.jpg': PNG,
  'video.mp4': Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypmp42'),
    Buffer.from([0, 0, 0, 0]),
    Buffer.from('mp42isom'),
    Buffer.alloc(256, 1),
  ]),
  'invoice.pdf': Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  'audio.mp3': Buffer.concat([
    Buffer.from('OggS'),
    Buffer.from([0, 2]),
    Buffer.alloc(20, 0),
    Buffer.from([1, 19]),
    Buffer.from('OpusHead'),
    Buffer.from([1, 1, 0x38, 1, 0x80, 0xbb, 0, 0, 0, 0, 0]),
    Buffer.alloc(200, 3),
  ]),
  'sticker.webp': Buffer.concat([
    Buffer.from('RIFF'),
    Buffer.from([0x24, 0, 0, 0]),
    Buffer.from('WEBPVP8 '),
    Buffer.alloc(40, 7),
  ]),
};

/** Real values for the seed's empty body fields, by key. */
function fillBody(raw: string, values: Record<string, unknown>): string {
  const fill = (v: unknown, key: string): unknown => {
    if (key in values && (v === '' || (Array.isArray(v) && v.every((x) => x === '')))) return values[key];
    if (v && typeof v === 'object' && !Array.isArray(v))
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x, k)]));
    return v;
  };
  return JSON.stringify(fill(JSON.parse(raw), ''), null, 1);
}

describe('Wapio surface through its Postman collection (seed 001)', () => {
  const ctx = useLinkedSession({
    env: { WAGATE_ALLOW_PRIVATE_URLS: '1' },
    overrides: (sim) => ({ mediaCaPem: [sim.handle.mediaCaPem] }),
    names: ['Wapio Seed Me', 'Wapio Seed Contact'],
    sessionName: 'wapio-seed',
    settings: { account_protection: false },
  });
  let files: Server;
  let filesBase = '';

  before(async () => {
    files = createServer((req, res) => {
      const name = (req.url ?? '').slice(1);
      const body = FILES[name];
      if (!body) return res.writeHead(404).end();
      res.writeHead(200, { 'content-length': body.length }).end(body);
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    filesBase = `http://127.0.0.1:${(files.address() as AddressInfo).port}/`;
  });
  after(async () => {
    await new Promise<void>((resolve) => files?.close(() => resolve()));
  });

  test('every request: a documented status, the example keys and types, and a body the OpenAPI accepts; sends reach the contact', async () => {
    const { t, sim, token, sessionId, contact } = ctx;
    if (!t.app.server.listening) await t.app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/wapio`;

    // Tokens in Wapio's forms: a bps_pat_ PAT, and the linked session's key rotated to bps_sk_.
    const minted = await t.request(token, 'POST', '/v1/tokens', { name: 'wapio seed', prefix: 'bps' });
    assert.equal(minted.statusCode, 201, JSON.stringify(minted.body));
    const pat: string = minted.body.token.token;
    const wapioSession = (await t.request(pat, 'GET', '/wapio/v1/whatsapp-sessions')).body.data[0].session_id;
    const rotated = await t.request(pat, 'POST', `/wapio/v1/whatsapp-sessions/${wapioSession}/regenerate-key`);
    const key: string = rotated.body.session_api_key.raw;
    assert.match(key, /^bps_sk_/);

    // A channel of ours the contact follows (the channel send posts to it), and a third person.
    const channel = await t.request(token, 'POST', `/v1/sessions/${sessionId}/channels`, { name: 'Seed channel' });
    assert.equal(channel.statusCode, 201, JSON.stringify(channel.body));
    const channelId: string = channel.body.channel.id;
    await sim.control('POST', `/sim/accounts/${contact.phone}/newsletters/${channelId}/follow`);
    const third = await sim.account(testPhone(), 'Wapio Seed Third');

    const source = loadCollection();
    const byName = new Map(leaves(source.item).map((i) => [i.name, i]));
    assert.equal(byName.size, 53, 'the seed has 53 requests');
    assert.equal(PHASES.flatMap((p) => p.items).length, 53, 'every request of the seed runs once');
    const bodyValues: Record<string, unknown> = {
      label: 'Seed spare',
      phone_number: '+14155550199',
      text: 'Edited from Wapio',
      message_ids: ['{{inboundMessageId}}'],
      chat_jid: '{{recipientJid}}',
      to: '{{recipientPhone}}',
      phone: '{{recipientPhone}}',
      name: 'Seed Friend',
      subject: 'Seed group',
      invite_code: '{{inviteCode}}',
      ...Object.fromEntries(
        [
          'account_protection',
          'read_incoming',
          'auto_reject_calls',
          'always_online',
          'ignore_groups',
          'ignore_broadcasts',
          'ignore_channels',
          'typing',
        ].map((k) => [k, false]),
      ),
    };
    const participantsOf: Record<string, string[]> = {
      'Create a group': ['{{recipientPhone}}'],
      'Add group participants': ['{{thirdPhone}}'],
      'Remove group participants': ['{{thirdPhone}}'],
      'Promote participants to admin': ['{{recipientPhone}}'],
      'Demote participants from admin': ['{{recipientPhone}}'],
    };

    function prepare(name: string): PmItem {
      const item = structuredClone(byName.get(name));
      assert.ok(item, `${name} is in the seed`);
      const responses = item.response ?? [];
      item.response = [];
      for (const v of item.request.url.variable ?? []) v.value = PATH_VARIABLES[v.key] ?? v.value;
      if (item.request.body?.raw) {
        const values = { ...bodyValues, ...(participantsOf[name] ? { participants: participantsOf[name] } : {}) };
        let raw = fillBody(item.request.body.raw, values).replaceAll('https://example.com/', filesBase);
        if (name === 'Update group settings')
          raw = JSON.stringify({ subject: 'Seed group (renamed)', announce: false });
        item.request.body.raw = raw;
      }
      if (name === 'Delete (revoke) a previously-sent message') {
        // The text message is edited above; the location message is the one deleted for everyone.
        item.request.url.path = ['api', 'messages', '{{revokeMessageId}}'];
      }
      if (name === 'Re-dispatch a previously-sent message') {
        item.request.url.path = ['api', 'messages', '{{failedMessageId}}', 'resend'];
      }
      const exec = [...checkScript(responses), ...(CAPTURE[name] ? [CAPTURE[name]] : [])];
      if (name === 'Send Location Message')
        exec.push("pm.environment.set('revokeMessageId', pm.response.json().msgId);");
      item.event = [
        {
          listen: 'prerequest',
          script: {
            type: 'text/javascript',
            exec: ["pm.environment.set('idempotencyKey', pm.variables.replaceIn('{{$guid}}'));"],
          },
        },
        { listen: 'test', script: { type: 'text/javascript', exec } },
      ];
      return item;
    }

    let env: Record<string, string> = {
      baseUrl: base,
      recipientPhone: `+${contact.phone}`,
      recipientJid: `${contact.phone}@s.whatsapp.net`,
      thirdPhone: `+${third.phone}`,
      channelId,
    };
    const results: Array<{ name: string; code: number; body: unknown }> = [];

    async function runPhase(phase: (typeof PHASES)[number], extra: Record<string, string>) {
      env = { ...env, ...extra, apiToken: phase.token === 'pat' ? pat : key };
      const collection = {
        info: {
          name: `Wapio seed 001: ${phase.name}`,
          schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
        },
        auth: source.auth,
        item: phase.items.map(prepare),
        variable: [],
      };
      const summary = await new Promise<NewmanSummary>((resolve, reject) =>
        newman.run(
          {
            collection,
            environment: { values: Object.entries(env).map(([k, value]) => ({ key: k, value })) },
            reporters: [],
          },
          (err, s) => (err ? reject(err) : resolve(s)),
        ),
      );
      env = { ...env, ...summary.environment.toObject() };
      for (const e of summary.run.executions) {
        const name = e.item.name;
        const code = e.response?.code ?? 0;
        const text = e.response?.stream?.toString() ?? '';
        const body = text ? JSON.parse(text) : undefined;
        assert.ok((e.assertions ?? []).length >= 1, `${name}: its checks ran`);
        for (const a of e.assertions ?? [])
          assert.ok(!a.error, `${name}: ${a.assertion}: ${a.error?.message} (${text})`);
        const url = new URL(e.request.url.toString());
        const path = url.pathname.replace(/^\/wapio/, '') + url.search;
        assert.deepEqual(oracleErrors(e.request.method, path, code, body), [], `${name}: ${code} ${text}`);
        results.push({ name, code, body });
      }
      assert.deepEqual(
        summary.run.failures.map((f) => f.error.message),
        [],
        `${phase.name}: no failures`,
      );
      assert.equal(summary.run.executions.length, phase.items.length, `${phase.name}: every request ran`);
    }
    const result = (name: string) => results.find((r) => r.name === name);

    // 1. Session management with the PAT, on a spare session that the last request deletes.
    await runPhase(PHASES[0] as (typeof PHASES)[number], {});
    assert.equal(result('Create a session (PAT only)')?.code, 201);
    assert.equal(result('Rotate the session-scoped key (PAT only)')?.code, 200);
    const deleted = result('Delete a session (PAT only)');
    assert.equal(deleted?.code, 202);
    const statusUrl = new URL((deleted?.body as { status_url: string } | undefined)?.status_url ?? '', base).pathname;
    await waitFor('the deletion to finish', async () => {
      const op = await t.request(pat, 'GET', statusUrl);
      assert.deepEqual(oracleErrors('DELETE', '/v1/whatsapp-sessions/x', 202, op.body), [], 'an OperationStatus');
      return op.body.status === 'succeeded' || undefined;
    });

    // 2. Every send with the linked session's key: 202 queued, and each reaches the contact.
    await runPhase(PHASES[1] as (typeof PHASES)[number], { sessionId: wapioSession });
    const sends = results.filter((r) => r.name.startsWith('Send '));
    assert.equal(sends.length, 11);
    for (const s of sends) assert.equal(s.code, 202, `${s.name}: ${JSON.stringify(s.body)}`);
    const msgIds = sends.map((s) => (s.body as { msgId: string }).msgId);
    assert.equal(new Set(msgIds).size, 11, 'a new Idempotency-Key each: eleven messages');
    const delivered = await waitFor(
      'every send at the contact',
      async () => {
        const inbox = await sim.control<Array<{ id: string; type?: string; media?: { error?: string } }>>(
          'GET',
          `/sim/accounts/${contact.phone}/inbox`,
        );
        const infos = await Promise.all(msgIds.map((id) => t.request(key, 'GET', `/wapio/api/messages/${id}/info`)));
        const ids = infos.map((i) => i.body.provider_msg_id as string | null);
        return ids.every((id) => id && inbox.some((m) => m.id === id)) ? inbox : undefined;
      },
      30_000,
      500,
    );
    assert.ok(!delivered.some((m) => m.media?.error), JSON.stringify(delivered));

    // A failed message to resend (a number WhatsApp does not know: an error ack) and a received one to mark read.
    const failingRes = await t.raw(
      'POST',
      '/wapio/api/send-message',
      key,
      { to: '+19990000000', text: 'nobody' },
      { 'idempotency-key': 'seed-failing' },
    );
    assert.equal(failingRes.statusCode, 202, failingRes.body);
    const failing = { body: JSON.parse(failingRes.body) as { msgId: string } };
    const failedInfo = await waitFor('the send to fail', async () => {
      const info = await t.request(key, 'GET', `/wapio/api/messages/${failing.body.msgId}/info`);
      return info.body.status === 'failed' ? info.body : undefined;
    });
    assert.ok(failedInfo.failed_at && failedInfo.failure_reason, JSON.stringify(failedInfo));
    await sim.control('POST', `/sim/accounts/${contact.phone}/messages`, { to: ctx.me.phone, text: 'seed inbound' });
    const inbound = await waitFor('the inbound message stored', async () => {
      const list = await t.request(token, 'GET', `/v1/sessions/${sessionId}/messages?direction=in`);
      return list.body.data.find((m: { text: string | null }) => m.text === 'seed inbound');
    });

    // 3. Actions on messages.
    await runPhase(PHASES[2] as (typeof PHASES)[number], {
      failedMessageId: failing.body.msgId,
      inboundMessageId: `bps_msg_${String(inbound.id).split('_')[1]}`,
    });
    await waitFor('the resent message tried again', async () => {
      const info = await t.request(key, 'GET', `/wapio/api/messages/${failing.body.msgId}/info`);
      const queued = info.body.events.filter((e: { event_type: string }) => e.event_type === 'queued').length;
      return queued >= 2 || undefined;
    });
    await waitFor('the contact to see its message read', async () => {
      const sent = await sim.control<Array<{ text?: string; status: string }>>(
        'GET',
        `/sim/accounts/${contact.phone}/sent`,
      );
      return sent.some((m) => m.text === 'seed inbound' && m.status === 'read') || undefined;
    });
    const info = await t.request(key, 'GET', `/wapio/api/messages/${revokeOf(results)}/info`);
    assert.ok(info.body.deleted_at, 'the deleted message shows deleted_at');

    // 4. Contacts, groups and the channel how-to.
    await runPhase(PHASES[3] as (typeof PHASES)[number], {});
    const group = result('Create a group')?.body as { group_jid: string };
    const simGroup = await sim.control<{ subject: string; participants: Array<{ phone: string }> }>(
      'GET',
      `/sim/groups/${group.group_jid}`,
    );
    assert.equal(simGroup.subject, 'Seed group (renamed)');
    assert.ok(
      simGroup.participants.some((p) => p.phone === ctx.me.phone),
      'rejoined by the invite',
    );
    const logs = result('How to get a Channel ID')?.body as { data: Array<{ jid: string }> };
    assert.ok(
      logs.data.some((m) => m.jid === channelId),
      'the channel post is in the logs with its id',
    );
    assert.equal(results.length, 53);
  });
});

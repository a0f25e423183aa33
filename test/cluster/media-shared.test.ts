// Media on shared storage (issue 17): two wagate nodes on one PostgreSQL database, each with its
// own data dir, media bytes in PostgreSQL (WAGATE_MEDIA_STORE=postgres, what cluster mode picks by
// default). A file uploaded through node A, whose local folder is then wiped, is downloaded through
// node B's public URL byte for byte, and sent from a session that node B holds: the simulated
// contact decrypts the very bytes uploaded through A. And media received on B's session is served
// by node A. Both nodes run in this process (single mode,
// so no Redis is needed: routing is covered by the other cluster tests; this is about the bytes).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app/build-app.js';
import { createContainer, type Container } from '../../src/app/container.js';
import { useLinkedSession, waitFor } from '../support/sim.js';

// A 1×1 PNG with a few hundred bytes of trailing padding (several database chunks would need a
// bigger file; the chunking is covered by the blob-store contract).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('media uploaded through one node is read and sent through another', () => {
  // Node B: holds the linked session.
  const ctx = useLinkedSession({
    dialect: 'postgres',
    // Private URLs: inbound media is downloaded from the simulator's media host on loopback.
    env: { WAGATE_MEDIA_STORE: 'postgres', WAGATE_ALLOW_PRIVATE_URLS: '1' },
    overrides: (sim) => ({ mediaCaPem: [sim.handle.mediaCaPem] }),
    names: ['Shared Media Sender', 'Shared Media Contact'],
    sessionName: 'shared-media',
    settings: { account_protection: false },
  });
  // Node A: same database, its own data dir; it only takes the upload (never started: it resumes no
  // session, so B stays the only node with a WhatsApp connection).
  let dataDirA: string;
  let containerA: Container;
  let appA: FastifyInstance;

  before(async () => {
    dataDirA = mkdtempSync(join(tmpdir(), 'wagate-node-a-'));
    containerA = await createContainer(
      { ...ctx.t.config, dataDir: dataDirA },
      { waWebSocketUrl: ctx.sim.handle.wsUrl, mediaCaPem: [ctx.sim.handle.mediaCaPem] },
    );
    appA = await buildApp(containerA);
    await appA.ready();
  });
  after(async () => {
    await appA?.close();
    await containerA?.close();
    await rm(dataDirA, { recursive: true, force: true });
  });

  test('upload on A, wipe A’s disk, download and send through B', async () => {
    const up = await appA.inject({
      method: 'POST',
      url: '/v1/media',
      headers: { authorization: `Bearer ${ctx.token}` },
      payload: { base64: PNG.toString('base64'), mimetype: 'image/png', file_name: 'dot.png' },
    });
    assert.equal(up.statusCode, 201, up.body);
    const media = up.json().media as { id: string; url: string; sha256: string; size: number };
    assert.equal(media.sha256, sha(PNG));
    // Nothing of it may come from A's disk from here on.
    await rm(join(dataDirA, 'media-cache'), { recursive: true, force: true });
    assert.equal(existsSync(join(ctx.t.config.dataDir, 'media')), false, 'node B keeps no media on its disk');

    const download = await ctx.t.app.inject({ method: 'GET', url: new URL(media.url).pathname });
    assert.equal(download.statusCode, 200);
    assert.equal(sha(download.rawPayload), sha(PNG), 'node B serves the bytes uploaded through A');

    const sent = await ctx.t.request(ctx.token, 'POST', `/v1/sessions/${ctx.sessionId}/messages`, {
      to: `+${ctx.contact.phone}`,
      image: { media_id: media.id, caption: 'from node A' },
    });
    assert.equal(sent.statusCode, 202, JSON.stringify(sent.body));
    const message = await waitFor(
      'the image to be sent by node B',
      async () => {
        const m = (await ctx.t.request(ctx.token, 'GET', `/v1/messages/${sent.body.message.id}`)).body.message;
        if (m.status === 'failed') throw new Error(`failed: ${m.error}`);
        return m.wa_id && !['queued', 'sending'].includes(m.status) ? m : undefined;
      },
      20_000,
    );
    const item = await waitFor(
      'the contact to download and decrypt it',
      async () => {
        const inbox = await ctx.sim.control<
          Array<{ id: string; type: string; media?: { sha256?: string; size?: number; error?: string } }>
        >('GET', `/sim/accounts/${ctx.contact.phone}/inbox`);
        return inbox.find((i) => i.id === message.wa_id && i.media?.sha256);
      },
      20_000,
    );
    assert.equal(item.type, 'image');
    assert.equal(item.media?.error, undefined);
    assert.equal(item.media?.sha256, media.sha256, 'the contact decrypted the bytes uploaded through A');
    assert.equal(item.media?.size, PNG.length);
    assert.ok(existsSync(join(ctx.t.config.dataDir, 'media-cache', 'cache')), 'B sent from its cached copy');
  });

  test('media received on B’s session is served through A', async () => {
    const bytes = Buffer.concat([PNG, Buffer.from('received on node B')]);
    const sent = await ctx.sim.control<{ id: string }>('POST', `/sim/accounts/${ctx.contact.phone}/messages`, {
      to: ctx.me.phone,
      document: { base64: bytes.toString('base64'), mimetype: 'application/octet-stream', file_name: 'in.bin' },
    });
    const media = await waitFor('node B to store the received file', async () => {
      const list = await ctx.t.request(ctx.token, 'GET', `/v1/sessions/${ctx.sessionId}/messages?direction=in`);
      const m = (list.body.data as Array<{ id: string; wa_id: string }>).find((x) => x.wa_id === sent.id);
      if (!m) return undefined;
      return (await ctx.t.request(ctx.token, 'GET', `/v1/messages/${m.id}/media`)).body.data?.[0] as
        | { url: string; sha256: string }
        | undefined;
    });
    assert.equal(media.sha256, sha(bytes));
    const file = await appA.inject({ method: 'GET', url: new URL(media.url).pathname });
    assert.equal(file.statusCode, 200);
    assert.equal(sha(file.rawPayload), sha(bytes), 'node A serves the bytes node B received');
  });
});

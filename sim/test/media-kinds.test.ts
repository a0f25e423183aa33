/**
 * Stage 5 and message kinds at the phone, against real, unmodified Baileys: media_conn, HTTPS upload
 * to the simulator's media host (its own CA), download + MAC check + decrypt at the contact's phone;
 * every kind decoded into the contact's inbox; actions (edit, revoke, reaction) on their targets;
 * receipts on what the phone sent; presence and chat states; contact-side media to Baileys.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { downloadMediaMessage } from 'baileys';
import { control, startSim } from './support/sim.js';
import { linkWithMedia, mediaDownloadOptions, waitForItem } from './support/media.js';

interface Item { id: string; type: string; text?: string; media?: { mimetype?: string; sha256?: string; size?: number; file_name?: string; error?: string }; [k: string]: unknown }

const hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

test('media: a Baileys client uploads to the sim media host and the contact decrypts every media kind', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const client = await linkWithMedia(sim, '15550007001');
  t.after(() => client.end());
  await control(sim, 'POST', '/sim/accounts', { phone: '15550007002' });
  const to = '15550007002@s.whatsapp.net';

  const png = randomBytes(3000);
  const cases = [
    { content: { image: png, mimetype: 'image/png', caption: 'a picture' }, type: 'image', data: png, mimetype: 'image/png', text: 'a picture' },
    { content: { video: randomBytes(5000), mimetype: 'video/mp4', caption: 'a clip' }, type: 'video', mimetype: 'video/mp4', text: 'a clip' },
    { content: { audio: randomBytes(2000), mimetype: 'audio/mpeg', seconds: 3 }, type: 'audio', mimetype: 'audio/mpeg' },
    { content: { audio: randomBytes(1500), mimetype: 'audio/ogg; codecs=opus', ptt: true, seconds: 2, waveform: new Uint8Array(64) }, type: 'ptt', mimetype: 'audio/ogg; codecs=opus' },
    { content: { document: randomBytes(4096), mimetype: 'application/pdf', fileName: 'report.pdf' }, type: 'document', mimetype: 'application/pdf', file_name: 'report.pdf' },
    { content: { sticker: randomBytes(800), mimetype: 'image/webp' }, type: 'sticker', mimetype: 'image/webp' },
  ];
  for (const c of cases) {
    const data = Object.values(c.content).find((v): v is Buffer => Buffer.isBuffer(v))!;
    const sent = await client.sock.sendMessage(to, c.content as never);
    const id = sent!.key.id!;
    const item = await waitForItem<Item>(sim, '/sim/accounts/15550007002/inbox', (m) => m.id === id, `${c.type} in the inbox`);
    assert.equal(item.type, c.type);
    assert.equal(item.media?.error, undefined, `${c.type}: ${item.media?.error}`);
    assert.equal(item.media?.sha256, hex(data), `${c.type}: sha256 of the decrypted bytes`);
    assert.equal(item.media?.size, data.length);
    assert.equal(item.media?.mimetype, c.mimetype);
    if (c.text) assert.equal(item.text, c.text);
    if (c.file_name) assert.equal(item.media?.file_name, c.file_name);
  }
  assert.deepEqual(sim.unhandled(), []);
});

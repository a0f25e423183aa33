import { test } from 'node:test';
import assert from 'node:assert/strict';
import { control, linkByQr, startSim, until } from './support/sim.js';

// Channels (newsletters) against unmodified Baileys: w:mex create/metadata/follow, posts as
// plaintext with server ids to every follower device (Baileys and simulated phones).

type Item = { id: string; text?: string; newsletter?: string; server_id?: string };

test('channels: create, follow, posts reach followers; only the owner posts; a phone owns one too', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const a = await linkByQr(sim, '15556660001');
  t.after(() => a.end());
  const b = await linkByQr(sim, '15556660002');
  t.after(() => b.end());
  await control(sim, 'POST', '/sim/accounts', { phone: '15556660003' });

  const created = await a.sock.newsletterCreate('News', 'all the news');
  assert.match(created.id, /^\d+@newsletter$/);
  assert.equal(created.name, 'News');
  assert.equal(created.description, 'all the news');
  await b.sock.newsletterFollow(created.id);
  assert.equal((await control(sim, 'POST', `/sim/accounts/15556660003/newsletters/${created.id}/follow`)).status, 200);
  const meta = (await b.sock.newsletterMetadata('jid', created.id)) as unknown as {
    thread_metadata: { name: { text: string }; subscribers_count: string };
    viewer_metadata: { role: string };
  };
  assert.equal(meta.thread_metadata.name.text, 'News');
  assert.equal(meta.thread_metadata.subscribers_count, '2');
  assert.equal(meta.viewer_metadata.role, 'SUBSCRIBER');

  const post = await a.sock.sendMessage(created.id, { text: 'issue 1' });
  const got = await b.waitForMessage((m) => m.key.id === post!.key.id);
  assert.equal(got.key.remoteJid, created.id);
  assert.equal(got.message?.conversation ?? got.message?.extendedTextMessage?.text, 'issue 1');
  await until('the phone follower to get the post', async () =>
    (await control<Item[]>(sim, 'GET', '/sim/accounts/15556660003/inbox')).body.some(
      (m) => m.id === post!.key.id && m.newsletter === created.id && m.text === 'issue 1' && !!m.server_id,
    ),
  );

  const notMine = await b.sock.sendMessage(created.id, { text: 'let me post' });
  await until(
    "a follower's post refused (ERROR)",
    () =>
      b.messageUpdates.some((u) => u.key.id === notMine!.key.id && u.update.status === 0) ||
      b.messages.some((m) => m.key.id === notMine!.key.id && (m.status as unknown) === 0),
  );

  const own = await control<{ id: string }>(sim, 'POST', '/sim/accounts/15556660003/newsletters', {
    name: 'Phone channel',
  });
  assert.equal(own.status, 200);
  await a.sock.newsletterFollow(own.body.id);
  const phonePost = await control<{ id: string }>(sim, 'POST', '/sim/accounts/15556660003/messages', {
    to: own.body.id,
    text: 'from the phone',
  });
  const atA = await a.waitForMessage((m) => m.key.id === phonePost.body.id);
  assert.equal(atA.message?.conversation ?? atA.message?.extendedTextMessage?.text, 'from the phone');
  await a.sock.newsletterUnfollow(own.body.id);
  assert.equal(
    (await control(sim, 'POST', '/sim/accounts/15556660003/newsletters/120363000000000000@newsletter/follow')).status,
    404,
  );
  assert.deepEqual(sim.unhandled(), []);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startClient } from './support/client.js';
import { control, linkByQr, startSim, tempDir } from './support/sim.js';

test('QR link reaches open, a reconnect with saved creds opens without a new link', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const started = Date.now();
  const client = await linkByQr(sim, '15550000001');
  t.diagnostic(`QR link to open in ${Date.now() - started} ms`);
  const me = client.sock.user!;
  assert.match(me.id, /^15550000001:\d+@s\.whatsapp\.net$/);
  assert.match(me.lid ?? '', /^\d+:\d+@lid$/);
  await client.end();
  await client.waitForUpdate((u) => u.connection === 'close');

  const again = startClient(sim.wsUrl, client.auth);
  t.after(() => again.end());
  await again.waitForUpdate((u) => u.connection === 'open', 10_000, 'open on reconnect');
  assert.ok(!again.updates.some((u) => u.qr), 'no QR on reconnect');
  const accounts = await control<{ phone: string; devices: number[] }[]>(sim, 'GET', '/sim/accounts');
  assert.deepEqual(accounts.body.find((a) => a.phone === '15550000001')?.devices, [0, 1]);
  assert.deepEqual(sim.unhandled(), []);
});

test('unlink from the phone logs the companion out (401), and it cannot log in again', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const client = await linkByQr(sim, '15550000002');
  const res = await control<{ unlinked: number[] }>(sim, 'POST', '/sim/accounts/15550000002/unlink');
  assert.deepEqual(res.body.unlinked, [1]);
  await client.waitForUpdate((u) => u.connection === 'close', 5_000, 'close after unlink');
  assert.equal(client.closeCode(), 401);
  const retry = startClient(sim.wsUrl, client.auth);
  t.after(() => retry.end());
  await retry.waitForUpdate((u) => u.connection === 'close', 5_000, 'refused login');
  assert.equal(retry.closeCode(), 401);
  assert.deepEqual(sim.unhandled(), []);
});

test('a second connection with the same creds replaces the first (440)', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const first = await linkByQr(sim, '15550000003');
  const second = startClient(sim.wsUrl, first.auth);
  t.after(() => second.end());
  await second.waitForUpdate((u) => u.connection === 'open', 10_000, 'second open');
  await first.waitForUpdate((u) => u.connection === 'close', 5_000, 'first replaced');
  assert.equal(first.closeCode(), 440);
  assert.deepEqual(sim.unhandled(), []);
});

test('logout() from the companion removes the device', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const client = await linkByQr(sim, '15550000004');
  await client.sock.logout();
  await new Promise((r) => setTimeout(r, 200));
  const accounts = await control<{ phone: string; devices: number[] }[]>(sim, 'GET', '/sim/accounts');
  assert.deepEqual(accounts.body.find((a) => a.phone === '15550000004')?.devices, [0]);
  assert.deepEqual(sim.unhandled(), []);
});

test('pairing-code link reaches open; a wrong code is refused', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const phone = '15550000005';
  await control(sim, 'POST', '/sim/accounts', { phone });
  const client = startClient(sim.wsUrl);
  t.after(() => client.end());
  await client.waitForUpdate((u) => !!u.qr, 10_000, 'qr');
  const code = await client.sock.requestPairingCode(phone);
  assert.equal(code.length, 8);
  const started = Date.now();
  const res = await control<{ jid: string }>(sim, 'POST', `/sim/accounts/${phone}/link-code`, { code });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.match(res.body.jid, /^15550000005:1@s\.whatsapp\.net$/);
  await client.waitForUpdate((u) => u.connection === 'close', 10_000, 'close after code pairing');
  assert.equal(client.closeCode(), 515);
  const again = startClient(sim.wsUrl, client.auth);
  t.after(() => again.end());
  await again.waitForUpdate((u) => u.connection === 'open', 10_000, 'open after code link');
  t.diagnostic(`code link to open in ${Date.now() - started} ms (PBKDF2 131072 rounds on both sides)`);

  const other = startClient(sim.wsUrl);
  t.after(() => other.end());
  await other.waitForUpdate((u) => !!u.qr, 10_000, 'qr');
  await other.sock.requestPairingCode(phone);
  const wrong = await control<{ error: { code: string } }>(sim, 'POST', `/sim/accounts/${phone}/link-code`, {
    code: 'AAAAAAAA',
  });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.error.code, 'LINK_FAILED');
  assert.deepEqual(sim.unhandled(), []);
});

test('a restarted simulator with the same data dir keeps the link', async (t) => {
  const dir = tempDir();
  t.after(() => dir.remove());
  const first = await startSim({ dataDir: dir.path });
  const client = await linkByQr(first, '15550000006');
  await client.end();
  await first.close();

  const second = await startSim({ dataDir: dir.path });
  t.after(() => second.close());
  const again = startClient(second.wsUrl, client.auth);
  t.after(() => again.end());
  await again.waitForUpdate((u) => u.connection === 'open', 10_000, 'open after simulator restart');
  await again.waitForUpdate((u) => u.receivedPendingNotifications === true, 10_000, 'offline flush');
  const accounts = await control<{ phone: string; lid: string; devices: number[] }[]>(second, 'GET', '/sim/accounts');
  const account = accounts.body.find((a) => a.phone === '15550000006');
  assert.deepEqual(account?.devices, [0, 1]);
  assert.equal(again.sock.user?.lid?.split(':')[0], account?.lid);
  assert.deepEqual(second.unhandled(), []);
});

test('login with the right device but another Noise key is refused (401)', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const client = await linkByQr(sim, '15550000007');
  await client.end();
  const { Curve } = await import('baileys');
  const forged = { creds: { ...client.auth.creds, noiseKey: Curve.generateKeyPair() }, store: client.auth.store };
  const impostor = startClient(sim.wsUrl, forged);
  t.after(() => impostor.end());
  await impostor.waitForUpdate((u) => u.connection === 'close', 10_000, 'refused');
  assert.equal(impostor.closeCode(), 401);
  assert.ok(!impostor.updates.some((u) => u.connection === 'open'));
  const again = startClient(sim.wsUrl, client.auth);
  t.after(() => again.end());
  await again.waitForUpdate((u) => u.connection === 'open', 10_000, 'the real key still logs in');
  assert.deepEqual(sim.unhandled(), []);
});

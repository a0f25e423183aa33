/**
 * Test support for media: Baileys clients that trust the simulator's media CA, the way the gateway
 * must configure Baileys (an https.Agent for uploads, an undici dispatcher for downloads), and
 * polling helpers for a contact's inbox / sent list / presence through the control API.
 */
import { Agent as HttpsAgent } from 'node:https';
import { Agent as UndiciAgent } from 'undici';
import type { SimHandle } from '../../src/index.js';
import { startClient, type MemoryAuth, type TestClient } from './client.js';
import { control } from './sim.js';

/** Baileys socket options for uploads: `uploadWithNodeHttp` passes `fetchAgent` to https.request. */
export function mediaSocketOptions(sim: SimHandle): { fetchAgent: HttpsAgent } {
  return { fetchAgent: new HttpsAgent({ ca: sim.mediaCaPem }) };
}

/** `downloadMediaMessage(msg, 'buffer', mediaDownloadOptions(sim))`: Baileys downloads with fetch. */
export function mediaDownloadOptions(sim: SimHandle): { options: RequestInit } {
  return { options: { dispatcher: new UndiciAgent({ connect: { ca: sim.mediaCaPem } }) } as unknown as RequestInit };
}

/** linkByQr with extra socket options on the logged-in client (here: trust for the media host). */
export async function linkWithMedia(sim: SimHandle, phone: string, auth?: MemoryAuth): Promise<TestClient> {
  await control(sim, 'POST', '/sim/accounts', { phone });
  const first = startClient(sim.wsUrl, auth);
  const { qr } = await first.waitForUpdate((u) => !!u.qr, 15_000, 'qr');
  const res = await control(sim, 'POST', `/sim/accounts/${phone}/link`, { qr });
  if (res.status !== 200) throw new Error(`link failed: ${JSON.stringify(res.body)}`);
  await first.waitForUpdate((u) => u.connection === 'close', 15_000, 'close after pairing');
  const second = startClient(sim.wsUrl, first.auth, mediaSocketOptions(sim));
  await second.waitForUpdate((u) => u.connection === 'open', 20_000, 'open after 515');
  await second.waitForUpdate((u) => u.receivedPendingNotifications === true, 20_000, 'offline flush');
  await new Promise((r) => setTimeout(r, 200));
  return second;
}

/** Polls a control GET list until an item matches (default 10 s). */
export async function waitForItem<T>(sim: SimHandle, path: string, pred: (x: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await control<T[]>(sim, 'GET', path);
    const hit = body.find(pred);
    if (hit) return hit;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(body).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

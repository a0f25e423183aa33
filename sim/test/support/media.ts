/**
 * Test support for media: Baileys clients that trust the simulator's media CA, the way the gateway
 * must configure Baileys (an https.Agent for uploads, an undici dispatcher for downloads), and
 * polling helpers for a contact's inbox / sent list / presence through the control API.
 */
import { Agent as HttpsAgent } from 'node:https';
import { Agent as UndiciAgent } from 'undici';
import type { SimHandle } from '../../src/index.js';
import type { MemoryAuth, TestClient } from './client.js';
import { control, linkByQr } from './sim.js';

/** Baileys socket options for uploads: `uploadWithNodeHttp` passes `fetchAgent` to https.request. */
export function mediaSocketOptions(sim: SimHandle): { fetchAgent: HttpsAgent } {
  return { fetchAgent: new HttpsAgent({ ca: sim.mediaCaPem }) };
}

/** `downloadMediaMessage(msg, 'buffer', mediaDownloadOptions(sim))`: Baileys downloads with fetch. */
export function mediaDownloadOptions(sim: SimHandle): { options: RequestInit } {
  return { options: { dispatcher: new UndiciAgent({ connect: { ca: sim.mediaCaPem } }) } as unknown as RequestInit };
}

/** linkByQr whose logged-in client trusts the media host. */
export function linkWithMedia(sim: SimHandle, phone: string, auth?: MemoryAuth): Promise<TestClient> {
  return linkByQr(sim, phone, auth, mediaSocketOptions(sim));
}

/** Polls a control GET list until an item matches (default 10 s). */
export async function waitForItem<T>(
  sim: SimHandle,
  path: string,
  pred: (x: T) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await control<T[]>(sim, 'GET', path);
    const hit = body.find(pred);
    if (hit) return hit;
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(body).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

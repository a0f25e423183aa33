// The inbound media URL is named by the sender: without WAGATE_ALLOW_PRIVATE_URLS a loopback URL
// must be refused before any request is made (SSRF).
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { WASocket } from 'baileys';
import { Agent } from 'undici';
import { guardedLookup } from '../../lib/address-guard.js';
import { downloadInboundMedia } from './media-download.js';

function rawImage(url: string, keyLength = 32): unknown {
  return {
    key: { remoteJid: '15550000001@s.whatsapp.net', fromMe: false, id: 'ABC' },
    message: { imageMessage: { url, mediaKey: Buffer.alloc(keyLength, 7).toString('base64'), mimetype: 'image/png' } },
  };
}

describe('downloadInboundMedia address guard', () => {
  let server: Server;
  let hits = 0;
  let base = '';
  const agent = new Agent({ connect: { lookup: guardedLookup } });
  const sock = {} as WASocket;

  before(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.statusCode = 500;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await agent.close();
    await new Promise((resolve) => server.close(resolve));
  });

  test('a loopback media URL is refused without allowPrivateUrls, and never requested', async () => {
    for (const url of [`${base}/media`, `http://localhost:${new URL(base).port}/media`]) {
      await assert.rejects(
        downloadInboundMedia(rawImage(url), { sock, dispatcher: agent, timeoutMs: 5_000, allowPrivateUrls: false }),
        /refused/,
      );
    }
    assert.equal(hits, 0);
  });

  test('with allowPrivateUrls the same URL is requested', async () => {
    const plain = new Agent();
    try {
      await assert.rejects(
        downloadInboundMedia(rawImage(`${base}/media`), {
          sock,
          dispatcher: plain,
          timeoutMs: 5_000,
          allowPrivateUrls: true,
        }),
        /HTTP 500/,
      );
      assert.equal(hits, 1);
    } finally {
      await plain.close();
    }
  });

  test('a bad mediaKey fails before any request (no response body left open)', async () => {
    const plain = new Agent();
    const before = hits;
    try {
      await assert.rejects(
        downloadInboundMedia(rawImage(`${base}/media`, 16), {
          sock,
          dispatcher: plain,
          timeoutMs: 5_000,
          allowPrivateUrls: true,
        }),
        /mediaKey must be 32 bytes/,
      );
      assert.equal(hits, before);
    } finally {
      await plain.close();
    }
  });
});

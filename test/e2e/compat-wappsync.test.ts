// WappSync compatibility (API-CATALOG.md §2): seed 000's own Postman collection, run by newman
// against a listening wagate linked to the simulator. Every response must be a status the seed
// documents for that request, with the keys and JSON types of that status's example; the sends
// must reach the simulated contact. A second run with a wrong token must get 401 everywhere.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { useLinkedSession, waitFor } from '../support/sim.js';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../support/repo-root.js';

// newman ships no types: the little of its Node API used here, typed.
interface NewmanExecution {
  item: { name: string };
  response?: { code: number; stream?: Buffer };
}
interface Newman {
  run(
    options: Record<string, unknown>,
    done: (err: Error | null, summary: { run: { executions: NewmanExecution[] } }) => void,
  ): void;
}
const newman = createRequire(import.meta.url)('newman') as Newman;

// Copies of the seed collections, kept in the repository (CI has nothing else).
const SEEDS = fileURLToPath(new URL('test/fixtures/seeds', REPO_ROOT));
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

interface PmResponse {
  code: number;
  body?: string;
}
interface PmItem {
  name: string;
  request: { url: string; body?: { raw?: string }; auth?: unknown };
  response?: PmResponse[];
  item?: PmItem[];
}

function loadCollection(): { item: PmItem[]; auth?: unknown; variable?: unknown } {
  const file = readdirSync(SEEDS).find((f) => f.startsWith('000_'));
  assert.ok(file, 'seed 000 present');
  return JSON.parse(readFileSync(`${SEEDS}/${file}`, 'utf8'));
}

/** The seed is Postman v2.0 (bearer as basicConfig); newman reads v2.1 (bearer as a key list). */
const BEARER = { type: 'bearer', bearer: [{ key: 'token', value: '{{bearerToken}}', type: 'string' }] };

function leaves(items: PmItem[]): PmItem[] {
  return items.flatMap((i) => (i.item ? leaves(i.item) : [i]));
}

/** JSON type named like the seed's placeholders (`<string>`, `<integer>`, `<boolean>`, `<dateTime>`). */
function placeholderType(v: unknown): string {
  if (typeof v === 'string' && /^<(.+)>$/.test(v)) {
    const t = v.slice(1, -1);
    return t === 'dateTime' ? 'string' : t === 'integer' ? 'integer' : t;
  }
  return typeof v;
}
function jsonType(v: unknown): string {
  return Number.isInteger(v) ? 'integer' : typeof v;
}

describe('WappSync surface through its Postman collection', () => {
  const ctx = useLinkedSession({
    names: ['WappSync Me', 'WappSync Contact'],
    sessionName: 'wappsync',
    settings: { account_protection: false },
    // The simulator's media host (where SendMedia's file is uploaded) has its own CA.
    overrides: (sim) => ({ mediaCaPem: [sim.handle.mediaCaPem] }),
  });

  async function run(token: string, fill: Record<string, string>) {
    const { t } = ctx;
    if (!t.app.server.listening) await t.app.listen({ host: '127.0.0.1', port: 0 });
    const port = (t.app.server.address() as AddressInfo).port;
    const source = loadCollection();
    const expected = new Map<string, PmResponse[]>();
    for (const it of leaves(source.item)) {
      expected.set(it.name, it.response ?? []);
      it.request.url = it.request.url.replace('https://wappsync.com/api', `http://127.0.0.1:${port}/wappsync/api`);
      it.request.auth = BEARER;
      if (it.request.body?.raw) {
        const body = JSON.parse(it.request.body.raw) as Record<string, string>;
        for (const k of Object.keys(body)) body[k] = fill[k] ?? body[k] ?? '';
        it.request.body.raw = JSON.stringify(body);
      }
      it.response = [];
    }
    const collection = { ...source, auth: BEARER, variable: [] };
    const summary = await new Promise<{ run: { executions: NewmanExecution[] } }>((resolve, reject) =>
      newman.run({ collection, envVar: [{ key: 'bearerToken', value: token }], reporters: [] }, (err, s) =>
        err ? reject(err) : resolve(s),
      ),
    );
    return summary.run.executions.map((e) => {
      const name = e.item.name;
      const code = e.response?.code ?? 0;
      const body = JSON.parse(e.response?.stream?.toString() ?? 'null') as Record<string, unknown>;
      const doc = expected.get(name)?.find((r) => r.code === code);
      assert.ok(doc, `${name}: ${code} is not a documented status (${JSON.stringify(body)})`);
      const example = JSON.parse(doc.body ?? '{}') as Record<string, unknown>;
      assert.deepEqual(Object.keys(body).sort(), Object.keys(example).sort(), `${name} ${code} keys`);
      for (const [k, v] of Object.entries(example)) {
        assert.equal(jsonType(body[k]), placeholderType(v), `${name} ${code}: ${k} type`);
      }
      return { name, code, body };
    });
  }

  test('seed 000 requests: documented statuses and shapes, sends reach the contact; a wrong token is 401', async () => {
    const { t, sim, token, sessionId, contact } = ctx;
    const rotated = await t.request(token, 'POST', `/v1/sessions/${sessionId}/rotate-key`);
    assert.equal(rotated.statusCode, 200, JSON.stringify(rotated.body));
    const key = rotated.body.session_key.token as string;

    const results = await run(key, {
      chatId: `${contact.phone}@c.us`,
      message: 'hello from wappsync',
      mediaBase64: PNG,
      mediaName: 'pixel.png',
      contactId: `${contact.phone}@c.us`,
    });
    const codes = results.map((r) => `${r.name}:${r.code}`);
    assert.equal(results.length, 4, codes.join(','));
    for (const r of results.filter((x) => /Send a WhatsApp/.test(x.name))) assert.equal(r.code, 200, r.name);
    const status = results.find((r) => r.name.startsWith('Get the client status'));
    assert.equal(status?.code, 200);
    assert.equal(status?.body.instanceStatus, 'connected');
    const sent = results.find((r) => r.name === 'Send a WhatsApp message');
    assert.equal(String(status?.body.instanceId), sent?.body.instanceId, 'one instance id, string and integer');
    const registered = results.find((r) => /registered/i.test(r.name));
    assert.equal(registered?.code, 200, JSON.stringify(registered));
    assert.equal(registered?.body.isRegisteredUser, true, 'the simulated contact is on WhatsApp');
    const nobody = await t.request(key, 'POST', '/wappsync/api/IsRegisteredUser', { contactId: '19990000001@c.us' });
    assert.equal(nobody.statusCode, 200, JSON.stringify(nobody.body));
    assert.equal(nobody.body.isRegisteredUser, false);

    await waitFor('the text at the contact', async () => {
      const inbox = await sim.control<Array<{ text?: string; type?: string }>>(
        'GET',
        `/sim/accounts/${contact.phone}/inbox`,
      );
      return inbox.some((m) => m.text === 'hello from wappsync') || undefined;
    });
    // SendMedia: the contact's phone downloaded, MAC-checked and decrypted the very bytes sent.
    await waitFor('the image at the contact', async () => {
      const inbox = await sim.control<Array<{ type?: string; media?: { sha256?: string; file_name?: string } }>>(
        'GET',
        `/sim/accounts/${contact.phone}/inbox`,
      );
      const pngSha = createHash('sha256').update(Buffer.from(PNG, 'base64')).digest('hex');
      return inbox.some((m) => m.type === 'image' && m.media?.sha256 === pngSha) || undefined;
    });

    const refused = await run('sk_wrong', { chatId: `${contact.phone}@c.us` });
    assert.deepEqual(
      refused.map((r) => r.code),
      [401, 401, 401, 401],
    );

    const missing = await t.request(key, 'POST', '/wappsync/api/SendMessage', { chatId: `${contact.phone}@c.us` });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body.error, /message/);
  });
});

// bench/e2e-send: messages per second from the HTTP API to decrypted text at a simulated contact,
// through the whole product: POST /v1/sessions/{id}/messages (202 after the durable write) → FIFO
// queue → Baileys (real Signal encryption) → the simulator → the contact's phone decrypts it.
//
//   node --import tsx bench/e2e-send.ts [--messages 500] [--in-flight 1]
//
// wagate runs in this process on SQLite; the simulator (and the contact) in a child process.
// Account protection is off and the plan limit lifted, so the pipeline itself is measured.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app/build-app.js';
import { loadConfig } from '../src/app/config.js';
import { createContainer } from '../src/app/container.js';
import { startSimChild } from './support/sim-child.js';

const { values } = parseArgs({
  options: { messages: { type: 'string', default: '500' }, 'in-flight': { type: 'string', default: '1' } },
});
const M = Number(values.messages);
const DEADLINE_MS = 300_000;

const dir = mkdtempSync(join(tmpdir(), 'wagate-e2e-send-'));
const sim = await startSimChild(join(dir, 'sim'));
const config = loadConfig({
  WAGATE_DATA_DIR: dir,
  WAGATE_LOG_LEVEL: 'error',
  WAGATE_SEND_PER_MINUTE: '100000000',
  WAGATE_RATE_LIMIT_PER_MINUTE: '100000000',
  WAGATE_SEND_MAX_IN_FLIGHT: values['in-flight'],
});
const container = await createContainer(config, { waWebSocketUrl: sim.wsUrl });
await container.store.migrate();
const app = await buildApp(container);
const base = await app.listen({ host: '127.0.0.1', port: 0 });
const { token } = await container.services.accounts.create({ name: 'bench' });
const auth = { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' };
const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: auth,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

const me = '1888' + String(process.pid).padStart(7, '0');
const contact = '1777' + String(process.pid).padStart(7, '0');
await sim.control('/sim/accounts', { phone: me, pushName: 'Bench' });
await sim.control('/sim/accounts', { phone: contact, pushName: 'Contact' });
const { session } = await api<{ session: { id: string } }>('POST', '/v1/sessions', {
  settings: { account_protection: false },
});
await api('POST', `/v1/sessions/${session.id}/connect`);
let qr: string | undefined;
while (!qr) {
  const res = await fetch(`${base}/v1/sessions/${session.id}/qr`, { headers: auth });
  if (res.ok) qr = ((await res.json()) as { qr: string }).qr;
  else await new Promise((r) => setTimeout(r, 50));
}
await sim.control(`/sim/accounts/${me}/link`, { qr });
for (;;) {
  const s = await api<{ session: { status: string } }>('GET', `/v1/sessions/${session.id}`);
  if (s.session.status === 'connected') break;
  await new Promise((r) => setTimeout(r, 50));
}
// First message establishes the Signal session (pkmsg); it is not counted.
await api('POST', `/v1/sessions/${session.id}/messages`, { to: contact, text: 'warm-up' });
const inboxCount = async () => (await sim.control<unknown[]>(`/sim/accounts/${contact}/inbox`)).length;
while ((await inboxCount()) < 1) await new Promise((r) => setTimeout(r, 50));

const started = Date.now();
for (let i = 0; i < M; i += 50) {
  await Promise.all(
    Array.from({ length: Math.min(50, M - i) }, (_, k) =>
      api('POST', `/v1/sessions/${session.id}/messages`, { to: contact, text: `bench ${i + k}` }),
    ),
  );
}
const accepted = Date.now();
let got = 0;
while (got < M + 1 && Date.now() - started < DEADLINE_MS) {
  got = await inboxCount();
  if (got < M + 1) await new Promise((r) => setTimeout(r, 100));
}
const done = Date.now();
const delivered = got - 1;

console.log(`bench/e2e-send — ${new Date().toISOString()}`);
console.log(`command: node --import tsx bench/e2e-send.ts --messages ${M} --in-flight ${values['in-flight']}`);
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}; wagate, simulator and contact share the 2 cores`,
);
console.log(
  `accepted ${M} sends (202) in ${((accepted - started) / 1000).toFixed(2)} s → ${(M / ((accepted - started) / 1000)).toFixed(0)} accepts/s (50 concurrent requests)`,
);
console.log(
  `decrypted at the contact: ${delivered}/${M} in ${((done - started) / 1000).toFixed(2)} s → ${(delivered / ((done - started) / 1000)).toFixed(1)} messages/s end to end`,
);

console.log(
  `json: ${JSON.stringify({
    messages: M,
    inFlight: Number(values['in-flight']),
    acceptsPerSec: Math.round(M / ((accepted - started) / 1000)),
    delivered,
    messagesPerSec: Number((delivered / ((done - started) / 1000)).toFixed(1)),
  })}`,
);

await app.close();
await container.close();
sim.stop();
rmSync(dir, { recursive: true, force: true });
if (delivered < M) process.exitCode = 1;

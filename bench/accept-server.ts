// The server side of bench/accept, run in its own process (one core for it, one for the load):
//   --mode wagate : the real app (auth, validation, quota, durable SQLite write, 202), a session marked
//                   connected but no engine running, so accepted messages stay queued;
//   --mode bare   : bare Fastify with the same route shape answering 202 without doing anything.
// Prints one JSON line {url, token, sessionId} when listening.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { buildApp } from '../src/app/build-app.js';
import { loadConfig } from '../src/app/config.js';
import { createContainer } from '../src/app/container.js';

const { values } = parseArgs({
  options: { mode: { type: 'string', default: 'wagate' }, 'database-url': { type: 'string' } },
});

if (values.mode === 'bare') {
  const app = Fastify({ logger: false });
  app.post(
    '/v1/sessions/:id/messages',
    {
      schema: {
        body: {
          type: 'object',
          required: ['to', 'text'],
          properties: { to: { type: 'string' }, text: { type: 'string' } },
        },
      },
    },
    async (req, reply) => {
      const body = req.body as { to: string; text: string };
      return reply.code(202).send({ message: { id: 'msg_x', to: body.to, status: 'queued' } });
    },
  );
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  console.log(JSON.stringify({ url, token: 'none', sessionId: 'ses_x' }));
} else {
  const dir = mkdtempSync(join(tmpdir(), 'wagate-accept-'));
  const config = loadConfig({
    WAGATE_DATA_DIR: dir,
    WAGATE_LOG_LEVEL: 'error',
    WAGATE_SEND_PER_MINUTE: '100000000',
    WAGATE_RATE_LIMIT_PER_MINUTE: '100000000',
    ...(values['database-url'] ? { WAGATE_DATABASE_URL: values['database-url'] } : {}),
  });
  const container = await createContainer(config);
  await container.store.migrate();
  const { token } = await container.services.accounts.create({ name: 'bench' });
  const scope = await container.services.tokens.authenticate(token.token);
  const { session } = await container.services.sessions.create(scope, { name: 'bench' });
  await container.store.sessions.update(session.accountId, session.id, {
    status: 'connected',
    updatedAt: new Date().toISOString(),
  });
  const app = await buildApp(container);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  console.log(JSON.stringify({ url, token: token.token, sessionId: session.id }));
}

// Exit normally on a signal, so `node --cpu-prof` can write its profile.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));

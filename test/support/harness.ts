// The test harness every route/e2e test uses: a real app on a real database (fresh SQLite file or
// PostgreSQL schema), real HTTP through app.inject(), accounts made through the real core.
//
//   forEachDialect((dialect) => {
//     let t: TestApp;
//     before(async () => { t = await createTestApp({ dialect }); });
//     after(() => t.close());
//     test('…', async () => {
//       const { token } = await t.createAccount();
//       const res = await t.request(token, 'POST', '/v1/sessions', { name: 'a' });
//       assert.equal(res.statusCode, 201);
//     });
//   });
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app/build-app.js';
import { loadConfig, type Config } from '../../src/app/config.js';
import { createContainer, type Container, type ContainerOverrides } from '../../src/app/container.js';
import { createTestDatabase, type Dialect } from './databases.js';

export type { Dialect };
export { forEachDialect } from './dialects.js';

export interface TestApp {
  app: FastifyInstance;
  container: Container;
  config: Config;
  /** A new account with its first PAT (random name by default). */
  createAccount(name?: string): Promise<{ accountId: string; token: string }>;
  /** `app.inject` with `Authorization: Bearer <token>` (null: no header) and an optional JSON body. */
  request(token: string | null, method: InjectOptions['method'], url: string, body?: unknown): Promise<TestResponse>;
  /** `app.inject` with extra headers; the body stays a string (for header checks and non-JSON answers). */
  raw(
    method: InjectOptions['method'],
    url: string,
    token: string | null,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  /** Waits for background work (e.g. session teardown after DELETE). */
  idle(): Promise<void>;
  /**
   * Stops the app and its container (as a server stop does) and starts new ones on the same database
   * and data dir; `app` and `container` then point at the new ones. `start()` runs (sessions resume).
   */
  restart(overrides?: ContainerOverrides): Promise<void>;
  close(): Promise<void>;
}

export interface TestResponse {
  statusCode: number;
  headers: LightMyRequestResponse['headers'];
  /** Parsed JSON body (undefined when the body is empty or not JSON). */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  raw: LightMyRequestResponse;
}

export interface TestAppOptions {
  dialect?: Dialect;
  /** Extra WAGATE_* variables. */
  env?: Record<string, string>;
  overrides?: ContainerOverrides;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase(options.dialect ?? 'sqlite');
  const config: Config = {
    ...loadConfig({
      WAGATE_DATA_DIR: db.dataDir,
      WAGATE_LOG_LEVEL: process.env.WAGATE_TEST_LOG_LEVEL ?? 'silent',
      WAGATE_PORT: '0',
      ...options.env,
    }),
    database: db.config,
  };
  let container = await createContainer(config, options.overrides);
  await container.store.migrate();
  let app = await buildApp(container);
  await app.ready();

  let n = 0;
  const t: TestApp = {
    get app() {
      return app;
    },
    get container() {
      return container;
    },
    config,
    createAccount: async (name) => {
      const created = await container.services.accounts.create({ name: name ?? `test-${++n}-${Date.now()}` });
      return { accountId: created.account.id, token: created.token.token };
    },
    request: async (token, method, url, body) => {
      const raw = await app.inject({
        method,
        url,
        headers: token === null ? {} : { authorization: `Bearer ${token}` },
        ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
      });
      let parsed: unknown;
      try {
        parsed = raw.body ? JSON.parse(raw.body) : undefined;
      } catch {
        parsed = undefined;
      }
      return { statusCode: raw.statusCode, headers: raw.headers, body: parsed, raw };
    },
    raw: (method, url, token, body, headers) =>
      app.inject({
        method,
        url,
        headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...headers },
        ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
      }),
    idle: () => container.services.sessions.idle(),
    restart: async (overrides) => {
      await app.close();
      await container.close();
      container = await createContainer(config, overrides ?? options.overrides);
      await container.store.migrate();
      app = await buildApp(container);
      await app.ready();
      await container.start();
    },
    close: async () => {
      await app.close();
      await container.close();
      await db.drop();
    },
  };
  return t;
}

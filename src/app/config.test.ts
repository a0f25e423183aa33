import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

test('zero configuration: SQLite in ./data, 127.0.0.1:3000, simulator port = port + 1', () => {
  const c = loadConfig({});
  assert.equal(c.server.host, '127.0.0.1');
  assert.equal(c.server.port, 3000);
  assert.equal(c.dataDir, resolve('data'));
  assert.deepEqual(c.database, { kind: 'sqlite', file: resolve('data', 'wagate.db') });
  assert.equal(c.log.level, 'info');
  assert.equal(c.security.masterKey, null);
  assert.equal(c.security.allowPrivateUrls, false);
  assert.deepEqual(c.simulator, { enabled: false, port: 3001 });
});

test('postgres URL selects PostgreSQL, ?schema= becomes the schema; sqlite: and bare paths are files', () => {
  assert.deepEqual(loadConfig({ WAGATE_DATABASE_URL: 'postgres://u@h:5432/db?schema=tenant_a' }).database, {
    kind: 'postgres',
    url: 'postgres://u@h:5432/db',
    schema: 'tenant_a',
  });
  assert.deepEqual(loadConfig({ WAGATE_DATABASE_URL: 'postgresql://h/db' }).database, {
    kind: 'postgres',
    url: 'postgresql://h/db',
  });
  assert.deepEqual(loadConfig({ WAGATE_DATABASE_URL: 'sqlite:/tmp/x.db' }).database, {
    kind: 'sqlite',
    file: '/tmp/x.db',
  });
  assert.deepEqual(loadConfig({ WAGATE_DATABASE_URL: './y.db' }).database, { kind: 'sqlite', file: resolve('y.db') });
});

test('booleans, ports and levels parse; every bad value is reported at once', () => {
  const c = loadConfig({
    WAGATE_ALLOW_PRIVATE_URLS: 'yes',
    WAGATE_SIMULATOR: '1',
    WAGATE_PORT: '8080',
    WAGATE_LOG_LEVEL: 'DEBUG',
  });
  assert.equal(c.security.allowPrivateUrls, true);
  assert.deepEqual(c.simulator, { enabled: true, port: 8081 });
  assert.equal(c.log.level, 'debug');
  assert.throws(
    () =>
      loadConfig({
        WAGATE_PORT: '70000',
        WAGATE_SIMULATOR: 'maybe',
        WAGATE_MASTER_KEY: 'short',
        WAGATE_DATABASE_URL: 'mysql://x',
        WAGATE_BODY_LIMIT: '1',
      }),
    (err) => {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.problems.length, 5, err.problems.join('\n'));
      return true;
    },
  );
});

test('cluster mode needs PostgreSQL and Redis; single mode is the default with a generated node id', () => {
  const single = loadConfig({});
  assert.equal(single.cluster.mode, 'single');
  assert.match(single.cluster.nodeId, /^[A-Za-z0-9._-]+-[0-9a-f]{6}$/);
  assert.notEqual(loadConfig({}).cluster.nodeId, single.cluster.nodeId);
  const c = loadConfig({
    WAGATE_MODE: 'cluster',
    WAGATE_DATABASE_URL: 'postgres://127.0.0.1:5432/test',
    WAGATE_REDIS_URL: 'redis://127.0.0.1:6379',
    WAGATE_NODE_ID: 'node-a',
    WAGATE_LEASE_TTL: '5s',
  });
  assert.deepEqual(c.cluster, {
    mode: 'cluster',
    nodeId: 'node-a',
    redisUrl: 'redis://127.0.0.1:6379',
    redisPrefix: 'wagate:',
    leaseTtlMs: 5000,
    maxSessions: 0,
    takeoverConcurrency: 4,
  });
  assert.throws(
    () => loadConfig({ WAGATE_MODE: 'cluster', WAGATE_DATABASE_URL: 'sqlite:/tmp/x.db' }),
    (err) => {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.problems.length, 2, err.problems.join('\n'));
      assert.match(err.problems[0] ?? '', /WAGATE_MODE=cluster needs WAGATE_DATABASE_URL=postgres/);
      assert.match(err.problems[1] ?? '', /WAGATE_REDIS_URL/);
      return true;
    },
  );
  assert.throws(() => loadConfig({ WAGATE_MODE: 'swarm' }), /WAGATE_MODE must be single or cluster/);
  assert.throws(() => loadConfig({ WAGATE_NODE_ID: 'has space' }), /WAGATE_NODE_ID/);
  assert.equal(loadConfig({ WAGATE_REDIS_PREFIX: 'run-1:' }).cluster.redisPrefix, 'run-1:');
  assert.throws(() => loadConfig({ WAGATE_REDIS_PREFIX: 'a b' }), /WAGATE_REDIS_PREFIX/);
});

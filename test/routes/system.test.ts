// /health, /ready, /openapi.json and /docs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, forEachDialect, type TestApp } from '../support/harness.js';

forEachDialect((dialect) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ dialect });
  });
  after(() => t.close());

  test('GET /health and /ready answer without a token', async () => {
    const health = await t.request(null, 'GET', '/health');
    assert.equal(health.statusCode, 200);
    assert.equal(health.body.status, 'ok');
    assert.match(health.body.version, /^\d+\.\d+\.\d+/);
    assert.equal(health.body.node, t.container.config.cluster.nodeId);
    const ready = await t.request(null, 'GET', '/ready');
    assert.deepEqual(ready.body, { status: 'ready', store: dialect });
    assert.match(String(ready.headers['x-request-id']), /^req_/);
  });

  test('GET /ready → 503 NOT_READY when the database is gone, /health still 200', async () => {
    const other = await createTestApp({ dialect });
    try {
      await other.container.store.close();
      const ready = await other.request(null, 'GET', '/ready');
      assert.equal(ready.statusCode, 503);
      assert.equal(ready.body.error.code, 'NOT_READY');
      assert.equal((await other.request(null, 'GET', '/health')).statusCode, 200);
    } finally {
      await other.app.close();
      await other.close().catch(() => {}); // the store is already closed
    }
  });

  test('/openapi.json is OpenAPI 3.1 and describes every route with its request and response schemas', async () => {
    const res = await t.request(null, 'GET', '/openapi.json');
    assert.equal(res.statusCode, 200);
    const doc = res.body;
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.components.securitySchemes.bearerAuth);
    const expected: Record<string, string[]> = {
      '/health': ['get'],
      '/ready': ['get'],
      '/v1/sessions': ['get', 'post'],
      '/v1/sessions/{id}': ['delete', 'get', 'patch'],
      '/v1/sessions/{id}/rotate-key': ['post'],
      '/v1/sessions/{id}/settings': ['get', 'patch'],
      '/v1/sessions/{id}/logs': ['get'],
    };
    for (const [path, methods] of Object.entries(expected)) {
      assert.ok(doc.paths[path], `missing ${path}`);
      for (const method of methods) {
        const op = doc.paths[path][method];
        assert.ok(op?.operationId, `${method} ${path} has an operationId`);
        const success = Object.keys(op.responses).find((s) => s.startsWith('2'));
        assert.ok(
          success && op.responses[success].content['application/json'].schema,
          `${op.operationId} has a success schema`,
        );
        if (path.startsWith('/v1')) {
          assert.ok(op.responses['401'], `${op.operationId} documents 401`);
          assert.ok(op.responses['400'], `${op.operationId} documents 400`);
        }
        if (['post', 'patch'].includes(method) && !path.endsWith('rotate-key')) {
          assert.ok(
            op.requestBody?.content?.['application/json']?.schema,
            `${op.operationId} has a request body schema`,
          );
        }
      }
    }
    const list = doc.paths['/v1/sessions'].get;
    assert.deepEqual(list.parameters.map((p: { name: string }) => p.name).sort(), ['cursor', 'limit', 'status']);
    assert.deepEqual(doc.paths['/health'].get.security, []);
  });

  test('/docs serves the interactive documentation', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/docs' });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.match(page.body, /swagger/i);
  });
});

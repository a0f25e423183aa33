// The dashboard's HTTP side without a browser: the page and its files, their security headers,
// and the simulator-mode routes (present only in simulator mode, authenticated, validated).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startDashboardServer, type DashboardServer } from './server.js';

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('dashboard files (normal mode)', () => {
  let s: DashboardServer;
  before(async () => {
    s = await startDashboardServer({ simulator: false });
  });
  after(() => s.close());

  test('/ and /dashboard serve the page with a strict CSP that allows only its import map inline', async () => {
    for (const path of ['/', '/dashboard', '/dashboard/']) {
      const page = await get(`${s.url}${path}`);
      assert.equal(page.status, 200, path);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
      const importMap = /<script type="importmap">(.*?)<\/script>/s.exec(page.text)?.[1];
      assert.ok(importMap, 'the import map is filled in');
      const hash = createHash('sha256').update(importMap).digest('base64');
      const csp = page.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'none'/);
      assert.ok(csp.includes(`script-src 'self' 'sha256-${hash}'`), csp);
      assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
      for (const file of Object.values((JSON.parse(importMap) as { imports: Record<string, string> }).imports)) {
        const js = await get(`${s.url}${file}`);
        assert.equal(js.status, 200, file);
        assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
      }
    }
  });

  test('every module the page loads is served, and their relative imports resolve', async () => {
    const seen = new Set<string>();
    const queue = ['/dashboard/assets/app.js'];
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const file = await get(`${s.url}${path}`);
      assert.equal(file.status, 200, path);
      for (const m of file.text.matchAll(/from '(\.\/[^']+)'/g)) queue.push(new URL(m[1]!, `${s.url}${path}`).pathname);
    }
    assert.ok(seen.size >= 10, `${seen.size} modules`);
    assert.equal((await get(`${s.url}/dashboard/assets/style.css`)).status, 200);
  });

  test('ETag: an unchanged file answers 304', async () => {
    const first = await get(`${s.url}/dashboard/assets/app.js`);
    const etag = first.headers.get('etag');
    assert.ok(etag);
    assert.equal((await get(`${s.url}/dashboard/assets/app.js`, { 'if-none-match': etag })).status, 304);
  });

  test('unknown files and path tricks are 404 in the API envelope, never the file system', async () => {
    for (const path of [
      '/dashboard/assets/nope.js',
      '/dashboard/assets/..%2Fassets.ts',
      '/dashboard/vendor/..%2F..%2Fpackage.json',
      '/dashboard/assets/index.html',
    ]) {
      const res = await get(`${s.url}${path}`);
      assert.equal(res.status, 404, path);
      assert.equal((JSON.parse(res.text) as { error: { code: string } }).error.code, 'ROUTE_NOT_FOUND');
    }
  });

  test('the simulator routes do not exist outside simulator mode', async () => {
    assert.equal((await s.api('GET', '/dashboard/sim')).status, 404);
    assert.equal((await s.api('POST', '/dashboard/sim/scan', { qr: 'x' })).status, 404);
  });
});

describe('dashboard simulator routes (simulator mode)', () => {
  let s: DashboardServer;
  before(async () => {
    s = await startDashboardServer({ simulator: true });
  });
  after(() => s.close());

  test('need a valid token', async () => {
    for (const [method, path] of [
      ['GET', '/dashboard/sim'],
      ['POST', '/dashboard/sim/scan'],
      ['POST', '/dashboard/sim/contact/messages'],
    ] as const) {
      const res = await s.api(method, path, method === 'POST' ? { qr: 'x' } : undefined, 'wg_pat_not-a-token');
      assert.equal(res.status, 401, path);
      assert.equal(res.body.error.code, 'UNAUTHORIZED');
    }
  });

  test('name the demo phone and contact', async () => {
    const res = await s.api('GET', '/dashboard/sim');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      phone: { phone: '+15550000001', name: 'Demo phone' },
      contact: { phone: '+15550000002', name: 'Alice (simulated)' },
    });
  });

  test('bad input is a 400 naming the field; a QR the simulator refuses is SIMULATOR_REFUSED', async () => {
    const noQr = await s.api('POST', '/dashboard/sim/scan', {});
    assert.equal(noQr.status, 400);
    assert.equal(noQr.body.error.field, 'qr');
    const extra = await s.api('POST', '/dashboard/sim/scan', { qr: 'x', phone: '1' });
    assert.equal(extra.status, 400);
    assert.equal(extra.body.error.field, 'phone');
    const badTo = await s.api('POST', '/dashboard/sim/contact/messages', { to: 'alice', text: 'hi' });
    assert.equal(badTo.status, 400);
    assert.equal(badTo.body.error.field, 'to');
    const bogus = await s.api('POST', '/dashboard/sim/scan', { qr: '2@notaref,abc,def,ghi' });
    assert.equal(bogus.status, 400, JSON.stringify(bogus.body));
    assert.equal(bogus.body.error.code, 'SIMULATOR_REFUSED');
  });
});

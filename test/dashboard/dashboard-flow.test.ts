// Issue 16, done-when: in headless Chromium, the dashboard of a server in simulator mode links a
// simulated phone by the QR it shows, sends a message and sees it delivered and read, opens a
// webhook delivery and replays it, and rotates a key; axe-core finds no serious violation on the
// main pages (light, dark, phone width). Screenshots of every step go to test/dashboard/artifacts/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { waitFor } from '../support/sim.js';
import { launchBrowser, shot, type TestBrowser } from './browser.js';
import { seriousViolations, startDashboardServer, type DashboardServer } from './server.js';

const CONTACT = '+15550000002';
const CONTACT_CHAT = '15550000002@s.whatsapp.net';

describe('dashboard in the browser (simulator mode)', () => {
  let s: DashboardServer;
  let browser: TestBrowser;
  let page: Page;
  let receiver: Receiver;
  let sessionId = '';
  let sessionKey = '';
  const pageErrors: string[] = [];

  const noSeriousViolations = async (what: string) => {
    const violations = await seriousViolations(page);
    assert.deepEqual(violations, [], `${what}: ${JSON.stringify(violations, null, 2)}`);
  };

  const horizontalOverflow = () =>
    page.evaluate<number>('Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)');

  before(async () => {
    [s, browser, receiver] = await Promise.all([
      startDashboardServer({ simulator: true }),
      launchBrowser(),
      startReceiver(),
    ]);
    page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  after(async () => {
    await browser?.close();
    await receiver?.close();
    await s?.close();
  });

  test('the accessibility check itself finds a real violation (it is not a no-op)', async () => {
    const probe = await browser.newPage();
    try {
      await probe.setContent(
        '<!doctype html><html lang="en"><title>probe</title><main><button></button></main></html>',
      );
      const found = await seriousViolations(probe);
      assert.ok(
        found.some((v) => v.id === 'button-name'),
        JSON.stringify(found),
      );
    } finally {
      await probe.close();
    }
  });

  test('the start-up output says where the dashboard is', () => {
    assert.match(s.output, new RegExp(`dashboard at ${s.url}/`));
  });

  test('sign in with the token (kept in sessionStorage, never in the URL)', async () => {
    await page.goto(`${s.url}/`);
    await page.getByLabel('API token').fill('wg_pat_wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'UNAUTHORIZED' }).waitFor();
    await noSeriousViolations('sign-in page');
    await shot(page, '01-sign-in-refused');
    await page.getByLabel('API token').fill(s.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Sessions', level: 1 }).waitFor();
    assert.equal(await page.evaluate("sessionStorage.getItem('wagate.token')"), s.token);
    assert.ok(!page.url().includes(s.token));
    await page.getByText('● live').waitFor();
    await noSeriousViolations('sessions page');
    await shot(page, '02-sessions');
  });

  test('create a session: its key is shown once', async () => {
    await page.getByLabel(/^Name/).fill('browser');
    await page.getByLabel(/^Label/).fill('Browser test');
    await page.getByRole('button', { name: 'Create session' }).click();
    sessionKey = (await page.getByTestId('secret').textContent()) ?? '';
    assert.match(sessionKey, /^wg_sk_/);
    await page.locator('tr[data-session="browser"]').waitFor();
    sessionId = (await s.api('GET', '/v1/sessions/browser')).body.session.id;
    assert.equal(
      (await s.api('GET', '/v1/sessions/browser', undefined, sessionKey)).status,
      200,
      'the shown key works',
    );
    await shot(page, '03-session-created');
  });

  test('link the simulated phone by the QR the dashboard shows; the status goes live to connected', async () => {
    await page.getByRole('link', { name: 'Browser test' }).click();
    await page.getByRole('button', { name: 'Connect' }).click();
    const qr = page.getByRole('img', { name: /QR code to link this session/ });
    await qr.waitFor({ timeout: 20_000 });
    await waitFor('the QR image to load', () =>
      qr.evaluate((img) => {
        const loaded = img as unknown as { complete: boolean; naturalWidth: number };
        return loaded.complete && loaded.naturalWidth > 0;
      }),
    );
    await noSeriousViolations('session detail (QR)');
    await shot(page, '04-qr');
    await page.getByRole('button', { name: 'Scan with the simulated phone' }).click();
    // No reload: the badge follows the session.status event from the live stream.
    await page.locator('h1 [data-status="connected"]').waitFor({ timeout: 30_000 });
    assert.equal((await s.api('GET', `/v1/sessions/${sessionId}`)).body.session.phone_number, '+15550000001');
    await shot(page, '05-connected');
  });

  test('create a webhook for message events: the secret is shown once', async () => {
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByLabel('URL').fill(receiver.url);
    await page.getByLabel(/^Events/).fill('messages.*');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    assert.match((await page.getByTestId('secret').textContent()) ?? '', /^whsec_/);
    await page.getByRole('link', { name: receiver.url }).waitFor();
    await noSeriousViolations('webhooks page');
  });

  test('send a message from the composer and see it delivered and read; the contact answers', async () => {
    await page.goto(`${s.url}/#/sessions/${sessionId}/chats`);
    await page.getByLabel('New chat with').fill(CONTACT);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByLabel('Message', { exact: true }).fill('Hello from the browser test');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const bubble = page.locator('.bubble.out', { hasText: 'Hello from the browser test' });
    await bubble.waitFor();
    await bubble.locator('[data-status="read"]').waitFor({ timeout: 30_000 });
    await page
      .locator('.bubble.in', { hasText: 'You said: "Hello from the browser test"' })
      .waitFor({ timeout: 30_000 });
    await noSeriousViolations('conversation');
    await shot(page, '06-message-read');
    await bubble.getByRole('button', { name: /Message info/ }).click();
    const history = page.locator('dialog .history');
    for (const status of ['queued', 'sent', 'delivered', 'read'])
      await history.locator(`[data-event="${status}"]`).waitFor();
    await shot(page, '07-message-info');
    await page.getByRole('button', { name: 'Close' }).click();
    const sent = (await s.api('GET', `/v1/sessions/${sessionId}/messages?direction=out&chat=${CONTACT_CHAT}`)).body
      .data;
    assert.equal(sent[0].status, 'read');
  });

  test('attach a file in the composer; an image from the contact shows as a preview', async () => {
    const png = await QRCode.toBuffer('wagate dashboard test', { type: 'png', width: 120 });
    await page.getByLabel('Message', { exact: true }).fill('a picture for you');
    await page.getByLabel('Attach a file').setInputFiles({ name: 'picture.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const sent = page.locator('.bubble.out', { hasText: 'a picture for you' });
    await sent.locator('[data-status="delivered"], [data-status="read"]').waitFor({ timeout: 30_000 });
    const out = (await s.api('GET', `/v1/sessions/${sessionId}/messages?direction=out&limit=1`)).body.data[0];
    assert.equal(out.kind, 'image');
    assert.equal(out.content.image.mimetype, 'image/png');

    const control = s.server.simulator?.controlUrl;
    assert.ok(control);
    const res = await fetch(`${control}/sim/accounts/15550000002/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        to: '15550000001',
        image: { base64: png.toString('base64'), mimetype: 'image/png', caption: 'one back' },
      }),
    });
    assert.equal(res.status, 200);
    const preview = page.locator('.bubble.in', { hasText: 'one back' }).locator('img.preview');
    await preview.waitFor({ timeout: 30_000 });
    await waitFor('the preview to load', () =>
      preview.evaluate((img) => {
        const loaded = img as unknown as { complete: boolean; naturalWidth: number };
        return loaded.complete && loaded.naturalWidth === 120;
      }),
    );
    await shot(page, '08-media');
  });

  test('open a webhook delivery with its attempts, and replay it', async () => {
    await receiver.waitFor((r) => r.length > 0, 20_000);
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('link', { name: receiver.url }).click();
    const first = page.locator('details.delivery').last();
    await first.waitFor();
    await first.locator('summary').click();
    await first.getByRole('cell', { name: '200' }).first().waitFor();
    await first.getByLabel('Event body').waitFor();
    await noSeriousViolations('webhook detail');
    await shot(page, '09-delivery');
    const eventId = await first.getAttribute('data-delivery');
    assert.ok(eventId);
    const before = receiver.requests.length;
    const webhookIdOf = (i: number) => receiver.requests[i]?.headers['webhook-id'];
    const replayed = (await first.getByLabel('Event body').textContent()) ?? '';
    const replayedEventId = (JSON.parse(replayed) as { id: string }).id;
    await first.getByRole('button', { name: 'Replay this delivery' }).click();
    await first.getByText('Replay queued.').waitFor();
    await receiver.waitFor((r) => r.length > before, 20_000);
    assert.equal(webhookIdOf(before), replayedEventId, 'the replay carries the same event id');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.locator('details.delivery', { hasText: 'replay' }).first().waitFor();
    await shot(page, '10-replayed');
  });

  test('rotate the session key: the new key is shown once and the old one stops working', async () => {
    await page.goto(`${s.url}/#/sessions/${sessionId}`);
    await page.getByRole('button', { name: 'Rotate key' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Rotate key' }).click();
    const secret = page.getByTestId('secret');
    await secret.waitFor();
    const rotated = (await secret.textContent()) ?? '';
    assert.match(rotated, /^wg_sk_/);
    assert.notEqual(rotated, sessionKey);
    assert.equal((await s.api('GET', `/v1/sessions/${sessionId}`, undefined, sessionKey)).status, 401);
    assert.equal((await s.api('GET', `/v1/sessions/${sessionId}`, undefined, rotated)).status, 200);
    await noSeriousViolations('session detail');
    await shot(page, '11-key-rotated');
  });

  test('account: create a personal access token (shown once) and revoke it after a confirmation', async () => {
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByLabel('New token: what it is for').fill('ci-deploy');
    await page.getByRole('button', { name: 'Create token' }).click();
    const created = (await page.getByTestId('secret').textContent()) ?? '';
    assert.match(created, /^wg_pat_/);
    assert.equal((await s.api('GET', '/v1/account', undefined, created)).status, 200);
    await page.locator('tr[data-token="ci-deploy"]').waitFor();
    await noSeriousViolations('account page');
    await page.getByRole('button', { name: 'Revoke ci-deploy' }).click();
    await page
      .getByRole('dialog', { name: 'Revoke ci-deploy' })
      .getByRole('button', { name: 'Revoke', exact: true })
      .click();
    await page.locator('tr[data-token="ci-deploy"]').waitFor({ state: 'detached' });
    assert.equal((await s.api('GET', '/v1/account', undefined, created)).status, 401);
    await shot(page, '12-account');
    await page.goto(`${s.url}/#/sessions/${sessionId}`);
  });

  test('settings: a bad proxy is refused naming the field; a change is saved', async () => {
    await page.getByLabel(/^Proxy URL/).fill('ftp://proxy.example.com');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').filter({ hasText: 'proxy_url' }).waitFor();
    await page.getByLabel(/^Proxy URL/).fill('');
    await page.getByRole('checkbox', { name: /Typing indicator/ }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved.').waitFor();
    const settings = (await s.api('GET', `/v1/sessions/${sessionId}`)).body.session.settings;
    assert.equal(settings.typing, true);
    assert.equal(settings.proxy_url, null);
  });

  test('link by pairing code, log out and delete, each after a confirmation', async () => {
    const control = s.server.simulator?.controlUrl;
    const post = (path: string, body: unknown) =>
      fetch(`${control}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    assert.equal((await post('/sim/accounts', { phone: '15550000003' })).status, 200);
    const created = await s.api('POST', '/v1/sessions', { name: 'paired' });
    assert.equal(created.status, 201);
    await page.goto(`${s.url}/#/sessions/${created.body.session.id}`);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByLabel(/phone's number/).fill('+15550000003');
    await page.getByRole('button', { name: 'Get a pairing code' }).click();
    const code = (await page.locator('.code').textContent()) ?? '';
    assert.match(code, /^[A-Z0-9]{8}$/);
    assert.equal((await post('/sim/accounts/15550000003/link-code', { code })).status, 200);
    await page.locator('h1 [data-status="connected"]').waitFor({ timeout: 30_000 });

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await s.api('GET', '/v1/sessions/paired')).body.session.status, 'connected', 'cancel does nothing');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Log out' }).click();
    await page.locator('h1 [data-status="logged_out"]').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete' }).getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL(/#\/sessions$/);
    await waitFor('the session gone', async () => (await s.api('GET', '/v1/sessions/paired')).status === 404);
    await shot(page, '13-after-delete');
  });

  test('offline demo: one click links a demo session; a message is delivered and read within a minute', async () => {
    const started = Date.now();
    await page.goto(`${s.url}/#/sessions`);
    await page.getByRole('button', { name: 'Link a demo session with one click' }).click();
    await page.waitForURL(/#\/sessions\/demo\/chats\//, { timeout: 40_000 });
    await page.getByLabel('Message', { exact: true }).fill('Hi Alice, this is the demo');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page
      .locator('.bubble.out', { hasText: 'Hi Alice, this is the demo' })
      .locator('[data-status="read"]')
      .waitFor({ timeout: 40_000 });
    await page
      .locator('.bubble.in', { hasText: 'You said: "Hi Alice, this is the demo"' })
      .waitFor({ timeout: 20_000 });
    const seconds = (Date.now() - started) / 1000;
    assert.ok(seconds < 60, `took ${seconds} s`);
    assert.equal((await s.api('GET', '/v1/sessions/demo')).body.session.status, 'connected');
    await shot(page, '14-offline-demo');
  });

  test('dark theme and a phone-width screen stay accessible', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${s.url}/#/sessions/${sessionId}/chats/${encodeURIComponent(CONTACT_CHAT)}`);
    await page.locator('.bubble.out').first().waitFor();
    await noSeriousViolations('conversation, dark, phone width');
    await shot(page, '15-phone-dark-chat');
    assert.equal(await horizontalOverflow(), 0, 'the conversation fits a 390 px screen');
    await page.goto(`${s.url}/#/sessions`);
    await page.locator('tr[data-session="browser"]').waitFor();
    await noSeriousViolations('sessions, dark, phone width');
    await shot(page, '16-phone-dark-sessions');
    assert.equal(await horizontalOverflow(), 0, 'the sessions page fits a 390 px screen');
    assert.deepEqual(pageErrors, []);
  });
});

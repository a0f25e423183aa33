// Request logs: every line of a request, its one request line included, carries its request id, and
// once authenticated its account and session (the session key's own, or the one the path names);
// the token itself never appears.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { pino } from 'pino';
import { createTestApp } from '../support/harness.js';

test('request logs carry requestId, accountId and sessionId, never the token', async () => {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  const t = await createTestApp({ overrides: { logger: pino({ level: 'info' }, sink) } });
  try {
    const { accountId, token } = await t.createAccount();
    const created = (await t.request(token, 'POST', '/v1/sessions', { name: 'logged' })).body;
    const byPat = await t.request(token, 'GET', '/v1/sessions/logged');
    const bySk = await t.request(created.session_key.token, 'GET', `/v1/sessions/${created.session.id}/settings`);
    const completed = (res: { headers: Record<string, unknown> }) =>
      lines.find((l) => (l.http as { request_id?: unknown } | undefined)?.request_id === res.headers['x-request-id']);
    const pat = completed(byPat);
    assert.ok(pat, 'a request line for the PAT request');
    assert.equal(pat.reqId, byPat.headers['x-request-id']);
    assert.equal(pat.accountId, accountId);
    assert.equal(pat.sessionId, 'logged', 'the session as the path names it');
    const sk = completed(bySk);
    assert.equal(sk?.accountId, accountId);
    assert.equal(sk?.sessionId, created.session.id);
    assert.match(String(byPat.headers['x-request-id']), /^req_/);
    const all = JSON.stringify(lines);
    assert.ok(!all.includes(token) && !all.includes(created.session_key.token), 'no token in the logs');
  } finally {
    await t.close();
  }
});

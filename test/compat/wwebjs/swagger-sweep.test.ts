// Issue 15: every operation of the original's swagger.json (88) driven against wagate's /wwebjs
// surface on a session linked to the simulator. Each answer: a documented status, a body matching
// the swagger's schema, `success` as expected, the catalog's result key and the §6.9 object shape.
// Operations not built yet are listed in KNOWN_MISSING; they must answer 404 (no route), so the
// list can only shrink: an implemented operation fails here until it is taken off the list.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useLinkedSession, waitFor } from '../../support/sim.js';
import { PLAN, type SweepCtx } from './plan.js';
import { shapeErrors, swaggerErrors, swaggerOperations } from './swagger.js';

const KNOWN_MISSING = new Set<string>([]);

describe('wwebjs surface: swagger sweep', () => {
  const ctx = useLinkedSession({
    env: { WAGATE_ALLOW_PRIVATE_URLS: '1' },
    overrides: (sim) => ({ mediaCaPem: [sim.handle.mediaCaPem] }),
    names: ['Sweep Me', 'Sweep Contact'],
    sessionName: 'sweep',
    settings: { account_protection: false },
  });

  test('the plan covers exactly the swagger operations', () => {
    const planned = PLAN.map((s) => s.op);
    assert.equal(new Set(planned).size, planned.length, 'each operation once');
    assert.deepEqual([...planned].sort(), swaggerOperations().sort());
    for (const op of KNOWN_MISSING) assert.ok(planned.includes(op), `${op} in KNOWN_MISSING but not planned`);
  });

  test('every operation answers as the swagger and the catalog say', async () => {
    const { sim, t, token, me, contact, sessionId } = ctx;
    const { default: sharp } = await import('sharp');
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#22aa66' } })
      .png()
      .toBuffer();
    const v1 = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
      const res = await t.request(token, method, `/v1/sessions/${sessionId}${path}`, body);
      assert.ok(res.statusCode < 300, `${method} ${path}: ${res.statusCode} ${res.raw.body}`);
      return res.body;
    };
    // What the operations need: a text and an image from the contact, a label, a foreign invite.
    const sent = await sim.control<{ id: string }>('POST', `/sim/accounts/${contact.phone}/messages`, {
      to: me.phone,
      text: 'sweep from contact',
    });
    const image = await sim.control<{ id: string }>('POST', `/sim/accounts/${contact.phone}/messages`, {
      to: me.phone,
      image: { base64: png.toString('base64'), mimetype: 'image/png', caption: 'sweep pic' },
    });
    await waitFor('the image stored with its media', async () => {
      const list = await v1('GET', '/messages?direction=in');
      const m = (list.data as Array<{ id: string; wa_id: string }>).find((x) => x.wa_id === image.id);
      if (!m) return undefined;
      const media = await t.request(token, 'GET', `/v1/messages/${m.id}/media`);
      return media.body.data?.length ? true : undefined;
    });
    const label = await v1('POST', '/labels', { name: 'Sweep', color: 3 });
    const foreign = await sim.control<{ id: string }>('POST', `/sim/accounts/${contact.phone}/groups`, {
      subject: 'Foreign',
      participants: [],
    });
    const invite = await sim.control<{ code: string }>(
      'GET',
      `/sim/accounts/${contact.phone}/groups/${foreign.id}/invite`,
    );

    const c: SweepCtx = {
      sid: 'sweep',
      sid2: 'sweep-two',
      contact: `${contact.phone}@c.us`,
      contactPhone: contact.phone,
      png: png.toString('base64'),
      group: '',
      foreignCode: invite.code,
      labelId: String(label.label?.id ?? label.id),
      inText: sent.id,
      inImage: image.id,
      outText: '',
      reply: '',
    };

    const failures: string[] = [];
    for (const step of PLAN) {
      const [method, template] = step.op.split(' ') as ['GET' | 'POST', string];
      if (step.session?.(c) === c.sid2 && step.op.includes('/qr/'))
        await waitFor('the second session QR', async () => {
          const r = await t.raw('GET', `/wwebjs/session/qr/${c.sid2}`, null, undefined, { 'x-api-key': token });
          return r.json().success === true;
        });
      const url = `/wwebjs${template.replace('{sessionId}', step.session?.(c) ?? c.sid)}`;
      const res = await t.raw(method, url, null, step.body?.(c), { 'x-api-key': token });
      const type = String(res.headers['content-type'] ?? '');
      if (KNOWN_MISSING.has(step.op)) {
        if (res.statusCode !== 404 || !res.body.includes('Cannot'))
          failures.push(`${step.op}: in KNOWN_MISSING but answers ${res.statusCode} ${res.body.slice(0, 200)}`);
        continue;
      }
      const body = type.startsWith('application/json') ? (res.json() as Record<string, unknown>) : undefined;
      const errors = swaggerErrors(step.op, res.statusCode, type, body);
      if (res.statusCode !== 200) errors.push(`${step.op}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      else if (step.png) {
        if (!type.startsWith('image/png')) errors.push(`${step.op}: ${type}, not a PNG`);
      } else if (!body) errors.push(`${step.op}: not JSON (${type})`);
      else {
        if (step.success !== null && body.success !== (step.success ?? true))
          errors.push(`${step.op}: success ${body.success} ${res.body.slice(0, 300)}`);
        if (step.key && !(step.key in body)) errors.push(`${step.op}: no "${step.key}" in ${res.body.slice(0, 300)}`);
        if (step.key && step.shape && step.key in body)
          errors.push(...shapeErrors(step.shape, body[step.key]).map((e) => `${step.op}: ${e}`));
        if (errors.length === 0) await step.capture?.(body, c);
      }
      failures.push(...errors);
    }
    assert.deepEqual(failures, []);
  });
});

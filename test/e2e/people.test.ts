// Issue 12, numbers, contacts and our own profile, end to end through the simulator (unmodified
// Baileys): "is on WhatsApp" for 100 numbers in one request and from the cache the second time, with
// the per-session lookup limit; phone ↔ LID both ways; a contact's picture and about as its phone set
// them; blocking seen in the phone's block list; our own name, about and picture seen by WhatsApp.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testPhone, useLinkedSession } from '../support/sim.js';
import { forEachDialect } from '../support/dialects.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

interface SimProfile {
  phone: string;
  push_name?: string;
  about: string;
  picture_url?: string;
  blocked: string[];
}

/** Numbers nobody registered in the simulator (a range of its own per process). */
let unused = 0;
const nobody = () => `1999${String(process.pid % 1_000).padStart(3, '0')}${String(++unused).padStart(5, '0')}`;

forEachDialect((dialect) =>
  describe('numbers, contacts and profile through the API', () => {
    const ctx = useLinkedSession({ names: ['People Me', 'People Contact'], sessionName: 'people', dialect });
    const api = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
      ctx.t.request(ctx.token, method, `/v1/sessions/${ctx.sessionId}${path}`, body);
    const profileOf = (phone: string) => ctx.sim.control<SimProfile>('GET', `/sim/accounts/${phone}/profile`);

    test('is on WhatsApp: 100 numbers in one request, the second time from the cache', async () => {
      const numbers = [`+${ctx.contact.phone}`, ...Array.from({ length: 99 }, () => nobody())];
      const first = await api('POST', '/numbers/check', { numbers });
      assert.equal(first.statusCode, 200, JSON.stringify(first.body));
      assert.equal(first.body.data.length, 100);
      assert.deepEqual(first.body.data[0], {
        number: `+${ctx.contact.phone}`,
        phone: ctx.contact.phone,
        on_whatsapp: true,
        jid: `${ctx.contact.phone}@s.whatsapp.net`,
        cached: false,
      });
      assert.ok(first.body.data.slice(1).every((d: { on_whatsapp: boolean }) => !d.on_whatsapp));
      const second = await api('POST', '/numbers/check', { numbers });
      assert.ok(
        second.body.data.every((d: { cached: boolean }) => d.cached),
        'all from the cache',
      );
      assert.deepEqual(
        second.body.data.map((d: { on_whatsapp: boolean }) => d.on_whatsapp),
        first.body.data.map((d: { on_whatsapp: boolean }) => d.on_whatsapp),
      );
    });

    test('phone ↔ LID in both directions', async () => {
      const byPhone = await api('GET', `/contacts/${ctx.contact.phone}/identity`);
      assert.equal(byPhone.statusCode, 200, JSON.stringify(byPhone.body));
      assert.deepEqual(byPhone.body.contact, {
        phone: ctx.contact.phone,
        jid: `${ctx.contact.phone}@s.whatsapp.net`,
        lid: `${ctx.contact.lid}@lid`,
      });
      const byLid = await api('GET', `/contacts/${ctx.contact.lid}@lid/identity`);
      assert.equal(byLid.body.contact.phone, ctx.contact.phone);
    });

    test("a contact's picture and about, as its phone set them; none → null", async () => {
      await ctx.sim.control('POST', `/sim/accounts/${ctx.contact.phone}/profile`, {
        about: 'Out fishing',
        picture: { base64: PNG.toString('base64') },
      });
      const about = await api('GET', `/contacts/${ctx.contact.phone}/about`);
      assert.equal(about.statusCode, 200, JSON.stringify(about.body));
      assert.equal(about.body.about, 'Out fishing');
      const picture = await api('GET', `/contacts/${ctx.contact.phone}/picture`);
      assert.equal(picture.statusCode, 200, JSON.stringify(picture.body));
      assert.match(picture.body.url, /^https:\/\//);

      const plain = await ctx.sim.account(testPhone(), 'No Picture');
      const none = await api('GET', `/contacts/${plain.phone}/picture`);
      assert.equal(none.statusCode, 200, JSON.stringify(none.body));
      assert.equal(none.body.url, null);
    });

    test('block and unblock: the phone’s block list follows, and so does ours', async () => {
      const blocked = await api('POST', `/contacts/+${ctx.contact.phone}/block`);
      assert.equal(blocked.statusCode, 200, JSON.stringify(blocked.body));
      assert.deepEqual((await profileOf(ctx.me.phone)).blocked, [ctx.contact.phone]);
      const list = await api('GET', '/blocklist');
      assert.ok(
        list.body.data.some(
          (p: { phone: string | null; lid: string | null }) =>
            p.phone === ctx.contact.phone || p.lid === `${ctx.contact.lid}@lid`,
        ),
        JSON.stringify(list.body),
      );
      await api('POST', `/contacts/${ctx.contact.phone}/unblock`);
      assert.deepEqual((await profileOf(ctx.me.phone)).blocked, []);
      assert.deepEqual((await api('GET', '/blocklist')).body.data, []);
    });

    test('our own name, about and picture reach WhatsApp; the picture can be removed', async () => {
      const res = await api('PATCH', '/profile', {
        name: 'Renamed Me',
        about: 'Busy',
        picture: { base64: PNG.toString('base64') },
      });
      assert.equal(res.statusCode, 200, JSON.stringify(res.body));
      const profile = await profileOf(ctx.me.phone);
      assert.equal(profile.about, 'Busy');
      assert.equal(profile.push_name, 'Renamed Me');
      assert.ok(profile.picture_url, JSON.stringify(profile));
      await api('PATCH', '/profile', { picture: null });
      assert.ok(!(await profileOf(ctx.me.phone)).picture_url);
      const notAPicture = await api('PATCH', '/profile', {
        picture: { base64: Buffer.from('nope').toString('base64') },
      });
      assert.equal(notAPicture.statusCode, 400);
      assert.equal(notAPicture.body.error.field, 'image');
    });

    test("our picture from an uploaded image (media_id); not an image → 400, another account's media → 404", async () => {
      const upload = async (token: string, data: Buffer, mimetype: string) => {
        const res = await ctx.t.request(token, 'POST', '/v1/media', { base64: data.toString('base64'), mimetype });
        assert.equal(res.statusCode, 201, JSON.stringify(res.body));
        return res.body.media.id as string;
      };
      await api('PATCH', '/profile', { picture: null });
      assert.ok(!(await profileOf(ctx.me.phone)).picture_url);
      const set = await api('PATCH', '/profile', { picture: { media_id: await upload(ctx.token, PNG, 'image/png') } });
      assert.equal(set.statusCode, 200, JSON.stringify(set.body));
      assert.ok((await profileOf(ctx.me.phone)).picture_url, 'the phone side has our picture');
      const text = await upload(ctx.token, Buffer.from('just text'), 'text/plain');
      const notImage = await api('PATCH', '/profile', { picture: { media_id: text } });
      assert.equal(notImage.statusCode, 400);
      assert.equal(notImage.body.error.field, 'picture.media_id');
      const stranger = await ctx.t.createAccount();
      const theirs = await api('PATCH', '/profile', {
        picture: { media_id: await upload(stranger.token, PNG, 'image/png') },
      });
      assert.equal(theirs.statusCode, 404);
      const both = await api('PATCH', '/profile', { picture: { media_id: 'x', base64: 'eA==' } });
      assert.equal(both.statusCode, 400);
    });

    test("contacts: a name saved through the API reaches the phone's address book, and is listed", async () => {
      const saved = await api('PUT', `/contacts/+${ctx.contact.phone}`, { name: 'Best Friend' });
      assert.equal(saved.statusCode, 200, JSON.stringify(saved.body));
      assert.equal(saved.body.contact.name, 'Best Friend');
      assert.equal(saved.body.contact.phone, ctx.contact.phone);
      const jid = `${ctx.contact.phone}@s.whatsapp.net`;
      const book = async () =>
        (
          await ctx.sim.control<{ contacts: Record<string, { full_name?: string }> }>(
            'GET',
            `/sim/accounts/${ctx.me.phone}/app-state`,
          )
        ).contacts;
      assert.equal((await book())[jid]?.full_name, 'Best Friend');
      const list = await api('GET', '/contacts');
      assert.ok(
        list.body.data.some((c: { jid: string; name: string | null }) => c.jid === jid && c.name === 'Best Friend'),
        JSON.stringify(list.body),
      );
      const one = await api('GET', `/contacts/${ctx.contact.phone}`);
      assert.equal(one.body.contact.name, 'Best Friend');
      const removed = await api('DELETE', `/contacts/${ctx.contact.phone}/name`);
      assert.equal(removed.statusCode, 200, JSON.stringify(removed.body));
      assert.equal(removed.body.contact.name, null);
      assert.ok(!(await book())[jid]?.full_name);
      const unknown = await api('GET', '/contacts/15550009999');
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.body.error.code, 'CONTACT_NOT_FOUND');
    });

    test('privacy settings are read from WhatsApp; a change is sent and bad values are refused naming the field', async () => {
      const got = await api('GET', '/privacy');
      assert.equal(got.statusCode, 200, JSON.stringify(got.body));
      assert.equal(got.body.settings.last, 'all');
      assert.equal(got.body.settings.readreceipts, 'all');
      const changed = await api('PATCH', '/privacy', { last: 'contacts', readreceipts: 'none' });
      assert.equal(changed.statusCode, 200, JSON.stringify(changed.body));
      const bad = await api('PATCH', '/privacy', { last: 'everyone' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.body.error.field, 'last');
    });

    test('presence subscription is accepted', async () => {
      const res = await api('POST', `/contacts/${ctx.contact.phone}/presence/subscribe`);
      assert.equal(res.statusCode, 200, JSON.stringify(res.body));
    });

    test('lookups that reach WhatsApp are limited to 60 a minute per session; cached answers are not', async () => {
      let status = 200;
      let sent = 0;
      let last: { statusCode: number; headers: Record<string, unknown>; body: { error: { code: string } } } | null =
        null;
      while (status === 200 && sent < 70) {
        last = await api('POST', '/numbers/check', { numbers: [nobody()] });
        status = last.statusCode;
        sent++;
      }
      assert.equal(status, 429, `still answered after ${sent} lookups`);
      assert.ok(sent <= 60, `refused only after ${sent}`);
      assert.equal(last?.body.error.code, 'NUMBER_LOOKUP_LIMIT');
      assert.ok(Number(last?.headers['retry-after']) > 0, 'Retry-After');
      const cached = await api('POST', '/numbers/check', { numbers: [`+${ctx.contact.phone}`] });
      assert.equal(cached.statusCode, 200);
      assert.equal(cached.body.data[0].cached, true);
    });

    test('errors: bad numbers and people name the field; another account sees nothing', async () => {
      const bad = await api('POST', '/numbers/check', { numbers: ['12', 'x'] });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.body.error.field, 'numbers.0');
      const group = await api('POST', '/contacts/123-456@g.us/block');
      assert.equal(group.statusCode, 400);
      assert.equal(group.body.error.field, 'contact');
      const empty = await api('PATCH', '/profile', {});
      assert.equal(empty.statusCode, 400);
      const stranger = await ctx.t.createAccount();
      const foreign = await ctx.t.request(stranger.token, 'GET', `/v1/sessions/${ctx.sessionId}/blocklist`);
      assert.equal(foreign.statusCode, 404);
    });
  }),
);

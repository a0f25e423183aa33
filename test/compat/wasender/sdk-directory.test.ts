// Issue 13, contacts, groups and LID ↔ PN: the official `wasenderapi` SDK (unmodified) drives the
// contact and group endpoints against a session linked to the simulator; what it changes is seen on
// the simulated WhatsApp side (the phone's address book, the group's members and settings), and a
// second linked number joins by the invite link and leaves.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createWasender, WasenderAPIError, type Wasender } from 'wasenderapi';
import { linkSessionByQr, testPhone, useLinkedSession, waitFor } from '../../support/sim.js';

const sdkFetch = (url: string, init?: RequestInit) => fetch(url, init);

interface SimGroup {
  id: string;
  subject: string;
  description?: string;
  announce: boolean;
  invite_code: string;
  participants: Array<{ phone: string; lid: string; role?: string }>;
}

interface InboxItem {
  id: string;
  type: string;
  text?: string;
  group?: string;
  mentions?: string[];
}

describe('wasender compat: the SDK drives contacts, groups and LID ↔ PN', () => {
  const ctx = useLinkedSession({
    names: ['Dir Owner', 'Dir Contact'],
    sessionName: 'wasender-dir',
    settings: { account_protection: false },
  });
  let base = '';
  let sdk: Wasender;
  let pat: Wasender;

  /** The api_key of a session (by name) through the vendor's regenerate-key. */
  async function keyOf(name: string): Promise<string> {
    const s = (await pat.getAllWhatsAppSessions()).response.data.find((x: { name: string }) => x.name === name);
    assert.ok(s, name);
    return ((await pat.regenerateApiKey(s.id)).response as { api_key: string }).api_key;
  }

  before(async () => {
    await ctx.t.app.listen({ host: '127.0.0.1', port: 0 });
    const addr = ctx.t.app.server.address();
    assert.ok(addr && typeof addr === 'object');
    base = `http://127.0.0.1:${addr.port}/wasender/api`;
    pat = createWasender(undefined, ctx.token, base, sdkFetch, { enabled: false });
    sdk = createWasender(await keyOf('wasender-dir'), undefined, base, sdkFetch, { enabled: false });
  });

  const data = <T>(r: { response: unknown }) => (r.response as { data: T }).data;
  const contactJid = () => `${ctx.contact.phone}@s.whatsapp.net`;

  test('contacts: save a name (seen in the phone’s address book), list, info, picture, block/unblock; LID ↔ PN', async () => {
    const saved = await fetch(`${base}/contacts`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${(sdk as unknown as { apiKey: string }).apiKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ jid: contactJid(), fullName: 'Best Friend' }),
    });
    assert.equal(saved.status, 200);
    assert.deepEqual(await saved.json(), { success: true, data: { jid: contactJid(), fullName: 'Best Friend' } });
    const book = await ctx.sim.control<{ contacts: Record<string, { full_name?: string }> }>(
      'GET',
      `/sim/accounts/${ctx.me.phone}/app-state`,
    );
    assert.equal(book.contacts[contactJid()]?.full_name, 'Best Friend');

    const list = data<Array<{ jid: string; name: string | null }>>(await sdk.getContacts());
    assert.ok(
      list.some((c) => c.jid === ctx.contact.phone && c.name === 'Best Friend'),
      JSON.stringify(list),
    );
    const info = data<{ id: string; name: string }>(await sdk.getContactInfo(ctx.contact.phone));
    assert.equal(info.id, contactJid());
    assert.equal(info.name, 'Best Friend');
    await assert.rejects(sdk.getContactInfo('15550009999'), (err: unknown) => {
      assert.ok(err instanceof WasenderAPIError);
      assert.equal(err.statusCode, 404);
      return true;
    });

    const pic = await sdk.getContactProfilePicture(ctx.contact.phone);
    assert.ok('imgUrl' in data<Record<string, unknown>>(pic));
    assert.equal(pic.rateLimit?.limit, 60);

    assert.deepEqual(data(await sdk.blockContact(ctx.contact.phone)), { message: 'Contact blocked' });
    assert.deepEqual(data(await sdk.unblockContact(ctx.contact.phone)), { message: 'Contact unblocked' });

    const key = (sdk as unknown as { apiKey: string }).apiKey;
    const get = async (path: string) => {
      const r = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${key}` } });
      return { status: r.status, body: (await r.json()) as { success: boolean; data?: Record<string, string> } };
    };
    const lid = await get(`/lid-from-pn/${contactJid()}`);
    assert.deepEqual(lid.body, { success: true, data: { lid: `${ctx.contact.lid}@lid` } });
    const pn = await get(`/pn-from-lid/${ctx.contact.lid}@lid`);
    assert.deepEqual(pn.body, { success: true, data: { pn: contactJid() } });
    assert.equal((await get(`/lid-from-pn/${ctx.contact.phone}`)).status, 422);
  });

  test('groups: create, list, metadata, participants, mentions, settings, invite link, add/remove/promote, picture; another number joins and leaves', async () => {
    const third = await ctx.sim.account(testPhone(), 'Dir Third');
    const created = data<{ id: string; subject: string; participants: Array<{ id: string; admin: string | null }> }>(
      await sdk.createGroup('Team', [contactJid()]),
    );
    assert.match(created.id, /@g\.us$/);
    assert.equal(created.subject, 'Team');
    const simGroup = () => ctx.sim.control<SimGroup>('GET', `/sim/groups/${created.id}`);
    assert.ok((await simGroup()).participants.some((p) => p.phone === ctx.contact.phone));

    const groups = data<Array<{ jid: string; name: string }>>(await sdk.getGroups());
    assert.ok(groups.some((g) => g.jid === created.id && g.name === 'Team'));
    const meta = await sdk.getGroupMetadata(created.id);
    const metaData = meta.response.data as unknown as {
      jid: string;
      participants: Array<{ jid: string; isAdmin: boolean; isSuperAdmin: boolean }>;
    };
    assert.equal(metaData.jid, created.id);
    assert.ok(metaData.participants.some((p) => p.isSuperAdmin));
    assert.equal(meta.rateLimit?.limit, 10, 'group metadata: 10 a minute');
    const parts = data<Array<{ id: string; admin?: string }>>(await sdk.getGroupParticipants(created.id));
    assert.equal(parts.length, 2);

    const mention = await sdk.sendMessageWithMentions(created.id, `hi @${ctx.contact.phone}`, [contactJid()]);
    const msgId = (mention.response as unknown as { data: { msgId: number } }).data.msgId;
    const waId = await waitFor('the group message to be sent', async () => {
      const i = (await sdk.getMessageInfo(msgId)).response.data as { id: string; status: number };
      return i.status >= 2 ? i.id : undefined;
    });
    const item = await waitFor('the member to receive the mention', async () => {
      const inbox = await ctx.sim.control<InboxItem[]>('GET', `/sim/accounts/${ctx.contact.phone}/inbox`);
      return inbox.find((i) => i.id === waId);
    });
    assert.equal(item.group, created.id);
    assert.deepEqual(item.mentions, [contactJid()]);

    const settings = data<{ subject: string; description: string | null }>(
      await sdk.updateGroupSettings(created.id, { subject: 'Team (renamed)', description: 'about us', announce: true }),
    );
    assert.deepEqual(settings, { subject: 'Team (renamed)', description: 'about us' });
    const g = await simGroup();
    assert.equal(g.subject, 'Team (renamed)');
    assert.equal(g.description, 'about us');
    assert.equal(g.announce, true);

    const added = data<Array<{ status: number; jid: string; message: string }>>(
      await sdk.addGroupParticipants(created.id, [third.phone]),
    );
    assert.deepEqual(added, [{ status: 200, jid: third.phone, message: 'added' }]);
    const promoted = data<{ participants: string[] }>(
      await sdk.updateGroupParticipants(created.id, 'promote', [`${third.phone}@s.whatsapp.net`]),
    );
    assert.equal(promoted.participants.length, 1);
    assert.equal((await simGroup()).participants.find((p) => p.phone === third.phone)?.role, 'admin');
    const removed = data<Array<{ status: number; message: string }>>(
      await sdk.removeGroupParticipants(created.id, [third.phone]),
    );
    assert.deepEqual(
      removed.map((r) => [r.status, r.message]),
      [[200, 'removed']],
    );
    assert.ok(!(await simGroup()).participants.some((p) => p.phone === third.phone));

    const pic = data<{ imgUrl: string | null }>(await sdk.getGroupProfilePicture(created.id));
    assert.ok('imgUrl' in pic);

    const link = (await sdk.getGroupInviteLink(created.id)).response as unknown as { inviteLink: string };
    const code = (await simGroup()).invite_code;
    assert.equal(link.inviteLink, `https://chat.whatsapp.com/${code}`);

    // A second number: reads the invite, joins with it, leaves.
    const other = await ctx.sim.account(testPhone(), 'Dir Joiner');
    await linkSessionByQr(ctx.t, ctx.token, ctx.sim, other.phone, 'wasender-dir-2');
    const otherSdk = createWasender(await keyOf('wasender-dir-2'), undefined, base, sdkFetch, { enabled: false });
    const invite = data<{ id: string; subject: string; size: number }>(await otherSdk.getGroupInviteInfo(code));
    assert.equal(invite.id, created.id);
    assert.equal(invite.subject, 'Team (renamed)');
    assert.deepEqual(data(await otherSdk.acceptGroupInvite(code)), { id: created.id });
    assert.ok((await simGroup()).participants.some((p) => p.phone === other.phone));
    assert.deepEqual(data(await otherSdk.leaveGroup(created.id)), {});
    assert.ok(!(await simGroup()).participants.some((p) => p.phone === other.phone));
    await assert.rejects(otherSdk.getGroupInviteInfo('nonexistentcode123'), (err: unknown) => {
      assert.ok(err instanceof WasenderAPIError);
      assert.ok(err.statusCode === 404 || err.statusCode === 400, String(err.statusCode));
      return true;
    });
  });

  test('group metadata over its limit: 429 with retry_after', async () => {
    const created = data<{ id: string }>(await sdk.createGroup('Limits', [contactJid()]));
    let last: unknown = null;
    for (let i = 0; i < 12 && last === null; i++) {
      await sdk.getGroupMetadata(created.id).catch((err: unknown) => {
        last = err;
      });
    }
    assert.ok(last instanceof WasenderAPIError, 'refused within 12 calls (10 a minute, shared with the test above)');
    assert.equal(last.statusCode, 429);
    assert.ok((last.retryAfter ?? 0) >= 1);
  });
});

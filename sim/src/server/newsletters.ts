import { randomBytes, randomInt } from 'node:crypto';
import { child, formatJid, node as mk, textOf, type BinaryNode } from '../binary/index.js';
import type { NewsletterRecord } from '../state/types.js';
import type { Origin } from './dispatch.js';
import { refuseMessage } from './faults.js';
import type { IqAnswer } from './iq.js';
import type { Simulator } from './simulator.js';

interface Actor {
  pn: string;
  device: number;
}

/** Baileys' `QueryIds` (Types/Mex.js) for the channel operations the simulator answers. */
const Q = {
  CREATE: '8823471724422422',
  METADATA: '6563316087068696',
  UPDATE: '24250201037901610',
  SUBSCRIBERS: '9783111038412085',
  FOLLOW: '24404358912487870',
  UNFOLLOW: '9767147403369991',
  MUTE: '29766401636284406',
  UNMUTE: '9864994326891137',
  /** Not in Baileys 7's QueryIds: WhatsApp Web's list of the channels the viewer follows or owns. */
  SUBSCRIBED: '6388546374527196',
} as const;

type Vars = Record<string, unknown> & {
  input?: Record<string, unknown>;
  newsletter_id?: string;
  updates?: Record<string, unknown>;
};

const jidOf = (n: NewsletterRecord): string => formatJid(n.id, 'newsletter');
const secs = (ms: number): string => String(Math.floor(ms / 1000));

/** What `xwa2_newsletter*` answers carry about a channel, as the viewer `pn` sees it. */
function metadata(n: NewsletterRecord, pn: string): Record<string, unknown> {
  return {
    id: jidOf(n),
    state: { type: 'ACTIVE' },
    thread_metadata: {
      name: { text: n.name },
      description: { text: n.description },
      creation_time: secs(n.createdAt),
      invite: n.invite,
      subscribers_count: String(n.followers.length),
      verification: 'UNVERIFIED',
      picture: { id: '', direct_path: '' },
    },
    viewer_metadata: {
      mute: n.muted.includes(pn) ? 'ON' : 'OFF',
      role: n.owner === pn ? 'OWNER' : n.followers.includes(pn) ? 'SUBSCRIBER' : 'GUEST',
    },
  };
}

const result = (data: Record<string, unknown>): IqAnswer => [
  mk('result', {}, Buffer.from(JSON.stringify({ data }), 'utf8')),
];
const failure = (code: number, message: string): IqAnswer => [
  mk('result', {}, Buffer.from(JSON.stringify({ errors: [{ message, extensions: { error_code: code } }] }), 'utf8')),
];

/**
 * `xmlns=w:mex` GraphQL queries for channels (Baileys Socket/newsletter.js): create, metadata (by
 * jid or invite), update name/description, subscribers, follow/unfollow, mute/unmute, and the list
 * of channels followed or owned (`xwa2_newsletter_subscribed`). Answers are
 * `<result>{"data": {<path>: …}}</result>`, refusals `{"errors": [{message, extensions.error_code}]}`;
 * undefined for a query id the simulator does not know.
 */
export function newsletterQuery(sim: Simulator, actor: Actor, iq: BinaryNode): IqAnswer | undefined {
  const query = child(iq, 'query');
  let vars: Vars;
  try {
    vars = (JSON.parse(textOf(query) ?? '{}') as { variables?: Vars }).variables ?? {};
  } catch {
    return failure(400, 'variables are not JSON');
  }
  const store = sim.store.newsletters;
  const find = (jid: unknown): NewsletterRecord | undefined =>
    typeof jid === 'string' ? store.get(jid.replace(/@newsletter$/, '')) : undefined;
  const pn = actor.pn;
  switch (query?.attrs.query_id) {
    case Q.CREATE: {
      const name = vars.input?.name;
      if (typeof name !== 'string' || !name.trim()) return failure(400, 'name is required');
      let id: string;
      do id = `120363${String(randomInt(1e9, 1e10 - 1))}${String(randomInt(100, 999))}`;
      while (store.has(id));
      const n: NewsletterRecord = {
        id,
        name,
        description: typeof vars.input?.description === 'string' ? vars.input.description : '',
        owner: pn,
        createdAt: Date.now(),
        invite: randomBytes(16).toString('base64url').slice(0, 22),
        followers: [],
        muted: [],
        lastServerId: 100,
      };
      store.set(id, n);
      sim.store.changed();
      return result({ xwa2_newsletter_create: metadata(n, pn) });
    }
    case Q.METADATA: {
      const key = vars.input?.key;
      const n = vars.input?.type === 'INVITE' ? [...store.values()].find((x) => x.invite === key) : find(key);
      return n ? result({ xwa2_newsletter: metadata(n, pn) }) : failure(404, 'newsletter not found');
    }
    case Q.UPDATE: {
      const n = find(vars.newsletter_id);
      if (!n) return failure(404, 'newsletter not found');
      if (n.owner !== pn) return failure(403, 'only the owner edits the channel');
      if (typeof vars.updates?.name === 'string') n.name = vars.updates.name;
      if (typeof vars.updates?.description === 'string') n.description = vars.updates.description;
      sim.store.changed();
      return result({ xwa2_newsletter_update: metadata(n, pn) });
    }
    case Q.SUBSCRIBERS: {
      const n = find(vars.newsletter_id);
      return n
        ? result({ xwa2_newsletter_subscribers: { subscribers_count: String(n.followers.length) } })
        : failure(404, 'newsletter not found');
    }
    case Q.SUBSCRIBED: {
      const mine = [...store.values()].filter((n) => n.owner === pn || n.followers.includes(pn));
      return result({ xwa2_newsletter_subscribed: mine.map((n) => metadata(n, pn)) });
    }
    case Q.FOLLOW:
    case Q.UNFOLLOW:
    case Q.MUTE:
    case Q.UNMUTE: {
      const n = find(vars.newsletter_id);
      if (!n) return failure(404, 'newsletter not found');
      const id = query.attrs.query_id;
      const list = id === Q.FOLLOW || id === Q.UNFOLLOW ? 'followers' : 'muted';
      n[list] = n[list].filter((x) => x !== pn);
      if (id === Q.FOLLOW || id === Q.MUTE) n[list].push(pn);
      sim.store.changed();
      const path = {
        [Q.FOLLOW]: 'xwa2_newsletter_join_v2',
        [Q.UNFOLLOW]: 'xwa2_newsletter_leave_v2',
        [Q.MUTE]: 'xwa2_newsletter_mute_v2',
        [Q.UNMUTE]: 'xwa2_newsletter_unmute_v2',
      }[id];
      return result({ [path]: { id: jidOf(n) } });
    }
    default:
      // Any other mex query is a gap to see, not to answer: the caller records it as unhandled.
      return undefined;
  }
}

/**
 * A post `<message to=N@newsletter><plaintext/></message>` (channels are not end-to-end
 * encrypted): only the owner posts (else error ack 403). It gets the next `server_id` (in the ack)
 * and goes to every device of every follower as `<message from=N id server_id t type><plaintext/>`.
 */
export function onNewsletterMessage(sim: Simulator, origin: Origin, msg: BinaryNode): void {
  const { id, to } = msg.attrs;
  const n = sim.store.newsletters.get((to ?? '').replace(/@newsletter$/, ''));
  if (!n) return refuseMessage(sim, origin, id!, to!, '404');
  if (n.owner !== origin.pn) return refuseMessage(sim, origin, id!, to!, '403');
  const plaintext = child(msg, 'plaintext');
  if (!plaintext) return refuseMessage(sim, origin, id!, to!, '400');
  const serverId = String(++n.lastServerId);
  const t = secs(Date.now());
  sim.store.changed();
  const post = mk('message', { from: jidOf(n), id, server_id: serverId, t, type: msg.attrs.type ?? 'text' }, [
    plaintext,
  ]);
  for (const pn of n.followers) {
    const account = sim.store.byPn(pn);
    for (const device of account ? sim.accounts.devices(account) : []) sim.deliver(pn, device, post);
  }
  sim.stats.messagesRelayed++;
  origin.reply(mk('ack', { class: 'message', id, from: to, t, server_id: serverId }));
}

/**
 * Voice/video calls at the phone, signalling only (no media): the phone offers a call to a peer
 * (`<call to id><offer call-id call-creator>[<video/>]</offer></call>`, what Baileys' handleCall
 * reads), and records what comes back or what others offer it (reject, accept, terminate).
 */
import { randomBytes } from 'node:crypto';
import type { BinaryNode } from '../binary/types.js';
import { parseJid } from '../binary/jid.js';
import type { PhoneCore } from './core.js';

export interface CallRecord {
  /** The call-id. */
  id: string;
  direction: 'out' | 'in';
  /** PN digits of the other side. */
  peer: string;
  /** Same as `peer` for outgoing calls (the field the control API documents). */
  to?: string;
  from?: string;
  video: boolean;
  status: 'offered' | 'rejected' | 'accepted' | 'ended';
  /** Device jid that rejected/accepted/ended it. */
  by?: string;
  at: string;
  updated_at: string;
}

const LIMIT = 1000;

export function newCallId(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

export function offerStanza(core: PhoneCore, peerJid: string, callId: string, video: boolean): BinaryNode {
  return {
    tag: 'call',
    attrs: { to: peerJid, id: newCallId().slice(0, 20) },
    content: [
      {
        tag: 'offer',
        attrs: { 'call-id': callId, 'call-creator': `${core.pn}@s.whatsapp.net` },
        ...(video ? { content: [{ tag: 'video', attrs: {} }] } : {}),
      },
    ],
  };
}

export function remember(calls: CallRecord[], call: CallRecord): void {
  calls.push(call);
  if (calls.length > LIMIT) calls.shift();
}

const STATUS: Record<string, CallRecord['status']> = { reject: 'rejected', accept: 'accepted', terminate: 'ended' };

/** A `<call>` the network delivered: an offer to us, or the other side's answer to ours. */
export async function onCall(core: PhoneCore, calls: CallRecord[], node: BinaryNode): Promise<void> {
  const info = Array.isArray(node.content) ? node.content[0] : undefined;
  const callId = info?.attrs['call-id'];
  const now = new Date(core.network.now()).toISOString();
  if (info && callId) {
    if (info.tag === 'offer' || info.tag === 'offer_notice') {
      const creator = parseJid(info.attrs['call-creator'] ?? node.attrs.from ?? '');
      const peer =
        creator?.server === 'lid'
          ? ((await core.network.lookup(creator.user))?.pn ?? creator.user)
          : (creator?.user ?? '');
      if (!calls.some((c) => c.id === callId)) {
        const video = Array.isArray(info.content) && info.content.some((c) => c.tag === 'video');
        remember(calls, {
          id: callId,
          direction: 'in',
          peer,
          from: peer,
          video,
          status: 'offered',
          at: now,
          updated_at: now,
        });
      }
    } else {
      const call = calls.find((c) => c.id === callId);
      const status = STATUS[info.tag];
      if (call && status) {
        call.status = status;
        if (node.attrs.from) call.by = node.attrs.from;
        call.updated_at = now;
      }
    }
  }
  // Baileys acks every call stanza (sendMessageAck): class=call, type=<child tag>.
  if (node.attrs.id && node.attrs.from) {
    await core.network.send({
      tag: 'ack',
      attrs: { id: node.attrs.id, to: node.attrs.from, class: 'call', ...(info ? { type: info.tag } : {}) },
    });
  }
}

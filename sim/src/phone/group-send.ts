/**
 * Sending into a group as device 0, the way Baileys' `relayMessage` does for `@g.us` (LID mode):
 * the message is encrypted once with our sender key (`skmsg`), and every member device gets our
 * sender-key distribution through its 1:1 session, before the skmsg:
 *
 *   <message id to=G type addressing_mode=lid><participants><to jid=LID:d@lid><enc v=2 type=pkmsg|msg/></to>…</participants><enc v=2 type=skmsg/></message>
 *
 * The distribution goes to every device each time (as Baileys does while its sender-key memory is
 * empty): simpler than tracking who has it, and receivers accept a repeated one.
 */
import type { proto } from 'baileys/WAProto/index.js';
import type { BinaryNode } from '../binary/types.js';
import { distribution, groupEncrypt, newSenderKey } from '../crypto/sender-keys.js';
import { encodePadded, stanzaType } from './messages.js';
import { lidJid } from './sessions.js';
import { senderKeyName } from './group-keys.js';
import { NotOnWhatsAppError, newMessageId, pendingSent, type Relayed } from './outgoing.js';
import { remember, type PhoneCore } from './core.js';

export async function relayToGroup(
  core: PhoneCore,
  group: string,
  message: proto.IMessage,
  id = newMessageId(),
  extraAttrs: Record<string, string> = {},
): Promise<Relayed> {
  const members = await core.network.groupMembers?.(group);
  if (!members?.some((m) => m.lid === core.lid))
    throw new NotOnWhatsAppError(`${group} is not a group this account is in`);
  const name = senderKeyName(group, core.lid, 0);
  const own = core.senderKeys.get(name) ?? newSenderKey();
  core.senderKeys.set(name, own);
  // The distribution names the chain position the skmsg below is encrypted at: take it first.
  const skdm = encodePadded({
    senderKeyDistributionMessage: { groupId: group, axolotlSenderKeyDistributionMessage: distribution(own) },
  });
  const skmsg = groupEncrypt(own, encodePadded(message));
  const targets = (
    await Promise.all(
      members.map(async (m) => (await core.network.devicesOf(m.lid)).map((device) => ({ lid: m.lid, device }))),
    )
  )
    .flat()
    .filter((t) => !(t.lid === core.lid && t.device === 0));
  const participants: BinaryNode[] = [];
  for (const t of targets) {
    const { type, ciphertext } = await core.sessions.encrypt(t.lid, t.device, skdm);
    participants.push({
      tag: 'to',
      attrs: { jid: lidJid(t.lid, t.device) },
      content: [{ tag: 'enc', attrs: { v: '2', type }, content: ciphertext }],
    });
  }
  await core.network.send({
    tag: 'message',
    attrs: { id, to: group, type: stanzaType(message), addressing_mode: 'lid', ...extraAttrs },
    content: [
      ...(participants.length ? [{ tag: 'participants', attrs: {}, content: participants }] : []),
      { tag: 'enc', attrs: { v: '2', type: 'skmsg' }, content: skmsg },
    ],
  });
  return { id };
}

/** Sends into a group this account is in, kept with what it sent (`to` = the group jid, `to_lid` ''). */
export async function sendToGroup(
  core: PhoneCore,
  group: string,
  message: proto.IMessage,
  attrs: Record<string, string>,
): Promise<{ id: string }> {
  const id = newMessageId();
  remember(core, pendingSent(core, id, group, '', message));
  try {
    await relayToGroup(core, group, message, id, attrs);
  } catch (err) {
    core.outbox.delete(id);
    throw err;
  }
  return { id };
}

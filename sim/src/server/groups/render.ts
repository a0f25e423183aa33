import { formatJid, node as mk, type BinaryNode } from '../../binary/index.js';
import type { AccountRecord, GroupRecord } from '../../state/types.js';

/** Looks an account up by PN (render needs each member's LID). */
export type AccountOf = (pn: string) => AccountRecord | undefined;

const secs = (ms: number): string => String(Math.floor(ms / 1000));

export const groupJid = (g: GroupRecord): string => formatJid(g.id, 'g.us');
export const lidOf = (accountOf: AccountOf, pn: string): string => formatJid(accountOf(pn)?.lid ?? pn, 'lid');
export const pnJidOf = (pn: string): string => formatJid(pn, 's.whatsapp.net');

/** `<participant jid=LID@lid phone_number=PN [type]/>`: LID addressing, as Baileys reads it. */
export function participantNode(accountOf: AccountOf, pn: string, role?: string): BinaryNode {
  return mk('participant', { jid: lidOf(accountOf, pn), phone_number: pnJidOf(pn), ...(role ? { type: role } : {}) });
}

/** The `<group>` node of metadata, create, participating and invite info (Baileys extractGroupMetadata). */
export function groupNode(accountOf: AccountOf, g: GroupRecord): BinaryNode {
  const content: BinaryNode[] = g.members.map((m) => participantNode(accountOf, m.pn, m.role));
  if (g.description) {
    content.push(
      mk(
        'description',
        {
          id: g.description.id,
          t: secs(g.description.at),
          participant: lidOf(accountOf, g.description.by),
          participant_pn: pnJidOf(g.description.by),
        },
        [mk('body', {}, Buffer.from(g.description.text, 'utf8'))],
      ),
    );
  }
  if (g.announce) content.push(mk('announcement'));
  if (g.restrict) content.push(mk('locked'));
  if (g.joinApproval) content.push(mk('membership_approval_mode', {}, [mk('group_join', { state: 'on' })]));
  content.push(mk('member_add_mode', {}, g.memberAddMode));
  if (g.ephemeral) content.push(mk('ephemeral', { expiration: String(g.ephemeral) }));
  return mk(
    'group',
    {
      id: g.id,
      creation: secs(g.createdAt),
      creator: lidOf(accountOf, g.creator),
      creator_pn: pnJidOf(g.creator),
      subject: g.subject,
      s_t: secs(g.subjectAt),
      s_o: lidOf(accountOf, g.subjectBy),
      s_o_pn: pnJidOf(g.subjectBy),
      addressing_mode: 'lid',
      size: String(g.members.length),
    },
    content,
  );
}

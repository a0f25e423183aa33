/**
 * The phone's sender keys (crypto/sender-keys.ts): one per group member device it has heard from,
 * named `group::lid:device` (in LID mode a sender key is named by the sender's LID, design §8.1).
 */
import { SenderKeyError, type SenderKeyState } from '../crypto/sender-keys.js';
import type { PhoneCore } from './core.js';

export const senderKeyName = (group: string, lid: string, device: number): string => `${group}::${lid}:${device}`;

/** A member's sender key; a message before its distribution cannot be read (Baileys: retry). */
export function senderKeyOf(core: PhoneCore, group: string, lid: string, device: number): SenderKeyState {
  const state = core.senderKeys.get(senderKeyName(group, lid, device));
  if (!state) throw new SenderKeyError(`no sender key of ${lid}:${device} in ${group}`);
  return state;
}

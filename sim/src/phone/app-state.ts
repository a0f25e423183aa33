/**
 * The phone's side of app state (design §8.4): it reads every patch of its account (what its
 * companions changed: archive, pin, mute, read, star, contacts, labels) into a view, and makes
 * changes itself as patches its companions sync, both with the key it shared (app-state-keys.ts).
 */
import { proto } from 'baileys/WAProto/index.js';
import { decryptMutation, encryptMutation, mutationKeys, type Mutation, type MutationKeys } from '../crypto/syncd.js';
import { ensureAppStateKey } from './app-state-keys.js';
import type { PhoneCore } from './core.js';

export interface ChatState {
  archived?: boolean;
  pinned?: boolean;
  muted_until?: number;
  read?: boolean;
}

export interface AppStateView {
  chats: Record<string, ChatState>;
  starred: { chat: string; id: string; from_me: boolean }[];
  contacts: Record<string, { full_name?: string; first_name?: string }>;
  labels: Record<string, { name?: string; color?: number; deleted?: boolean; chats: string[] }>;
  /** Collection → latest version the phone read. */
  versions: Record<string, number>;
  /** Mutations that could not be read (unknown key, bad MAC): none when every device is honest. */
  errors: string[];
}

/** What the phone can change itself (control API). */
export type PhoneChange =
  | { action: 'archive' | 'unarchive' | 'pin' | 'unpin' | 'unmute' | 'read' | 'unread'; chat: string }
  | { action: 'mute'; chat: string; until: number }
  | { action: 'star' | 'unstar'; chat: string; id: string; from_me: boolean }
  /** Save (or with null remove) a contact's name in the address book; `lid` as WhatsApp adds it. */
  | { action: 'contact'; chat: string; name: string | null; lid: string | null };

function keysOf(core: PhoneCore): (keyId: string) => MutationKeys | undefined {
  return (keyId) => {
    const k = core.appStateKeys.find((x) => x.keyId === keyId);
    return k ? mutationKeys(Buffer.from(k.keyData, 'base64')) : undefined;
  };
}

/** Every collection's patches, in order, read into one view (later mutations of an index win). */
export function readAppState(core: PhoneCore, collections: Record<string, Uint8Array[]>): AppStateView {
  const view: AppStateView = { chats: {}, starred: [], contacts: {}, labels: {}, versions: {}, errors: [] };
  const latest = new Map<string, Mutation>();
  const keys = keysOf(core);
  for (const [name, patches] of Object.entries(collections)) {
    view.versions[name] = patches.length;
    for (const bytes of patches) {
      for (const m of proto.SyncdPatch.decode(bytes).mutations ?? []) {
        try {
          const mutation = decryptMutation(m, keys);
          latest.set(JSON.stringify(mutation.index), mutation);
        } catch (err) {
          view.errors.push(`${name}: ${(err as Error).message}`);
        }
      }
    }
  }
  for (const { operation, index, value } of latest.values()) {
    if (operation === proto.SyncdMutation.SyncdOperation.REMOVE) continue;
    apply(view, index, value);
  }
  return view;
}

function apply(view: AppStateView, [kind, a = '', b = '', c = '']: string[], v: proto.ISyncActionValue): void {
  const chat = (jid: string): ChatState => (view.chats[jid] ??= {});
  const label = (id: string) => (view.labels[id] ??= { chats: [] });
  if (kind === 'archive' && v.archiveChatAction) chat(a).archived = !!v.archiveChatAction.archived;
  else if (kind === 'pin_v1' && v.pinAction) chat(a).pinned = !!v.pinAction.pinned;
  else if (kind === 'mute' && v.muteAction)
    chat(a).muted_until = v.muteAction.muted ? Number(v.muteAction.muteEndTimestamp ?? 0) : 0;
  else if (kind === 'markChatAsRead' && v.markChatAsReadAction) chat(a).read = !!v.markChatAsReadAction.read;
  else if (kind === 'star' && v.starAction?.starred) view.starred.push({ chat: a, id: b, from_me: c === '1' });
  else if (kind === 'contact' && v.contactAction)
    view.contacts[a] = {
      ...(v.contactAction.fullName ? { full_name: v.contactAction.fullName } : {}),
      ...(v.contactAction.firstName ? { first_name: v.contactAction.firstName } : {}),
    };
  else if (kind === 'label_edit' && v.labelEditAction)
    Object.assign(label(a), {
      name: v.labelEditAction.name ?? undefined,
      color: v.labelEditAction.color ?? undefined,
      deleted: !!v.labelEditAction.deleted,
    });
  else if (kind === 'label_jid' && v.labelAssociationAction?.labeled) label(a).chats.push(b);
}

/** The patch for one change by the phone, encrypted with its key; `[collection, SyncdPatch bytes]`. */
export function changePatch(core: PhoneCore, change: PhoneChange, nowMs: number): [string, Uint8Array] {
  const key = ensureAppStateKey(core.appStateKeys, nowMs);
  const keyId = Buffer.from(key.keyId, 'base64');
  const timestamp = nowMs;
  const spec = ((): [string, string[], proto.ISyncActionValue, number] => {
    switch (change.action) {
      case 'archive':
      case 'unarchive':
        return [
          'regular_low',
          ['archive', change.chat],
          { timestamp, archiveChatAction: { archived: change.action === 'archive' } },
          3,
        ];
      case 'pin':
      case 'unpin':
        return [
          'regular_low',
          ['pin_v1', change.chat],
          { timestamp, pinAction: { pinned: change.action === 'pin' } },
          5,
        ];
      case 'mute':
        return [
          'regular_high',
          ['mute', change.chat],
          { timestamp, muteAction: { muted: true, muteEndTimestamp: change.until } },
          2,
        ];
      case 'unmute':
        return ['regular_high', ['mute', change.chat], { timestamp, muteAction: { muted: false } }, 2];
      case 'read':
      case 'unread':
        return [
          'regular_low',
          ['markChatAsRead', change.chat],
          { timestamp, markChatAsReadAction: { read: change.action === 'read' } },
          3,
        ];
      case 'star':
      case 'unstar':
        return [
          'regular_low',
          ['star', change.chat, change.id, change.from_me ? '1' : '0', '0'],
          { timestamp, starAction: { starred: change.action === 'star' } },
          2,
        ];
      case 'contact': {
        const first = change.name?.split(' ')[0];
        const contactAction = change.name
          ? {
              fullName: change.name,
              ...(first ? { firstName: first } : {}),
              ...(change.lid ? { lidJid: change.lid } : {}),
            }
          : {};
        return ['critical_unblock_low', ['contact', change.chat], { timestamp, contactAction }, 2];
      }
    }
  })();
  const [collection, index, value, version] = spec;
  const mutation = encryptMutation(mutationKeys(Buffer.from(key.keyData, 'base64')), keyId, index, value, version);
  return [collection, proto.SyncdPatch.encode({ mutations: [mutation], keyId: { id: keyId } }).finish()];
}

/** The phone's view of its account's app state, read from the server's patches now. */
export async function viewAppState(core: PhoneCore): Promise<AppStateView> {
  return readAppState(core, (await core.network.appState?.patches()) ?? {});
}

/** Makes `change` as the phone: one patch on top of the latest version; its companions sync it. */
export async function changeAppState(
  core: PhoneCore,
  change: PhoneChange,
): Promise<{ collection: string; version: number }> {
  const network = core.network.appState;
  if (!network) throw new Error('this network has no app state');
  const [collection, patch] = changePatch(core, change, core.network.now());
  const version = (await network.patches())[collection]?.length ?? 0;
  if (!(await network.push(collection, version, patch)))
    throw new Error(`app state ${collection} moved on while pushing`);
  return { collection, version: version + 1 };
}

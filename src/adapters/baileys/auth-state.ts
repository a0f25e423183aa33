// Baileys' auth state (creds + Signal keys) kept in our store through the EngineAuthStore port:
// never in files, written in one store transaction per Baileys key transaction, sealed at rest when a
// master key is configured, and cached in memory by Baileys' own cacheable key store.
import {
  BufferJSON,
  initAuthCreds,
  makeCacheableSignalKeyStore,
  proto,
  type AuthenticationCreds,
  type AuthenticationState,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
} from 'baileys';
import type { EngineAuthStore } from '../../core/ports/engine.js';
import type { Sealer } from '../../lib/seal.js';
import type { BaileysLogger } from './logger.js';

const CREDS = 'creds';

export interface StoredAuthState {
  state: AuthenticationState;
  /** Persists the current creds (call on every `creds.update`). */
  saveCreds(): Promise<void>;
  /** Whether linked credentials were found at load time or written since. */
  isRegistered(): boolean;
  /** Wipes creds and keys from the store and starts over with fresh creds in memory. */
  wipe(): Promise<void>;
}

export async function loadAuthState(
  sessionId: string,
  store: EngineAuthStore,
  sealer: Sealer,
  logger: BaileysLogger,
): Promise<StoredAuthState> {
  const encode = (value: unknown): string => sealer.seal(JSON.stringify(value, BufferJSON.replacer));
  const decode = <T>(stored: string): T => JSON.parse(sealer.open(stored), BufferJSON.reviver) as T;

  const found = await store.get(sessionId, CREDS, [CREDS]);
  const storedCreds = found.get(CREDS);
  const creds: AuthenticationCreds = storedCreds ? decode<AuthenticationCreds>(storedCreds) : initAuthCreds();

  const rawKeys: SignalKeyStore = {
    async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const values = await store.get(sessionId, type, ids);
      const out: { [id: string]: SignalDataTypeMap[T] } = {};
      for (const [id, stored] of values) {
        let value = decode<SignalDataTypeMap[T]>(stored);
        if (type === 'app-state-sync-key') {
          value = proto.Message.AppStateSyncKeyData.fromObject(value as object) as unknown as SignalDataTypeMap[T];
        }
        out[id] = value;
      }
      return out;
    },
    async set(data: SignalDataSet) {
      const changes: Array<{ type: string; id: string; value: string | null }> = [];
      for (const [type, entries] of Object.entries(data)) {
        for (const [id, value] of Object.entries(entries ?? {})) {
          changes.push({ type, id, value: value === null || value === undefined ? null : encode(value) });
        }
      }
      if (changes.length) await store.set(sessionId, changes);
    },
  };

  const state: AuthenticationState = { creds, keys: makeCacheableSignalKeyStore(rawKeys, logger) };
  return {
    state,
    saveCreds: () => store.set(sessionId, [{ type: CREDS, id: CREDS, value: encode(state.creds) }]),
    isRegistered: () => Boolean(state.creds.me?.id),
    async wipe() {
      await store.clear(sessionId);
      await state.keys.clear?.();
      state.creds = initAuthCreds();
      state.keys = makeCacheableSignalKeyStore(rawKeys, logger);
    },
  };
}

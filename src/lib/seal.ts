// Sealing of secrets at rest (Baileys auth state, reversible credentials) with AES-256-GCM.
// The key comes from WAGATE_MASTER_KEY through HKDF, so any high-entropy string works; without a
// master key values pass through unchanged (the server warns at start).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'sealed:v1:';

export interface Sealer {
  readonly enabled: boolean;
  seal(plain: string): string;
  /** Opens a sealed value; plain (unsealed) values written before a key was set pass through. */
  open(stored: string): string;
}

export function createSealer(masterKey: string | undefined | null): Sealer {
  if (!masterKey) {
    return {
      enabled: false,
      seal: (plain) => plain,
      open: (stored) => {
        if (stored.startsWith(PREFIX)) throw new Error('value is sealed but WAGATE_MASTER_KEY is not set');
        return stored;
      },
    };
  }
  const key = Buffer.from(hkdfSync('sha256', masterKey, 'wagate', 'wagate-seal-v1', 32));
  return {
    enabled: true,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(stored) {
      if (!stored.startsWith(PREFIX)) return stored;
      const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

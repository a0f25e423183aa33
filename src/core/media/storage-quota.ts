// The per-account media storage quota (WAGATE_ACCOUNT_STORAGE_BYTES): how many bytes an account may
// still store, and the error when it has none left. The media service bounds each write by it.
import { ForbiddenError } from '../errors.js';
import type { MediaRepository } from './media.ports.js';
import { formatLimit } from './media.rules.js';

export class StorageQuota {
  /** `bytes` null = no quota. */
  constructor(
    private readonly media: Pick<MediaRepository, 'totalBytes'>,
    private readonly bytes: number | null,
  ) {}

  /** Bytes the account may still store (Infinity without a quota). */
  async room(accountId: string): Promise<number> {
    if (this.bytes === null) return Infinity;
    return this.bytes - (await this.media.totalBytes(accountId));
  }

  /** 403 STORAGE_QUOTA_EXCEEDED for `field`. */
  exceeded(field: string): ForbiddenError {
    const limit = this.bytes ?? 0;
    return new ForbiddenError(
      'STORAGE_QUOTA_EXCEEDED',
      `${field}: the account's media storage quota of ${formatLimit(limit)} is used up; ` +
        'media expires after WAGATE_MEDIA_TTL, or the operator can raise WAGATE_ACCOUNT_STORAGE_BYTES',
      { field, context: { limit } },
    );
  }
}

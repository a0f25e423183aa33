// The store side of retention (src/core/retention): bounded deletes of old rows, each call one small
// batch so no statement holds a lock or the event loop for long. Cut-offs are row ids: ids are
// time-ordered (src/lib/ids.ts), so "created before" walks the primary key from its oldest end.
//
// Each method skips what is still needed, whatever its age: events with a pending webhook delivery,
// pending deliveries, and messages still queued or being sent.

/** What one batch of message-body clearing did. */
export interface BodyClearBatch {
  /** Messages looked at in this batch (at most the limit; fewer means the range is done). */
  scanned: number;
  /** Messages whose body was cleared. */
  cleared: number;
  /** The highest id looked at: the next batch starts after it. Null when nothing was scanned. */
  last: string | null;
}

export interface RetentionRepository {
  /**
   * Deletes up to `limit` events with id below `beforeId` that no pending webhook delivery still
   * needs, oldest first. Their finished deliveries and those deliveries' attempts go with them.
   * Returns how many events were deleted.
   */
  pruneEvents(beforeId: string, limit: number): Promise<number>;
  /**
   * Deletes up to `limit` finished webhook deliveries (delivered or dead) with id below `beforeId`,
   * oldest first, with their attempts. Pending deliveries stay. Returns how many were deleted.
   */
  pruneWebhookDeliveries(beforeId: string, limit: number): Promise<number>;
  /**
   * Looks at up to `limit` messages with `afterId` < id < `beforeId` (all from the oldest when
   * afterId is null), in id order, and clears the body (text, content, raw, and the text kept in
   * their edit history) of each one that is not queued or sending. The row stays: ids, status,
   * chat, timestamps, idempotency key and WhatsApp id keep working.
   */
  clearMessageBodies(afterId: string | null, beforeId: string, limit: number): Promise<BodyClearBatch>;
}

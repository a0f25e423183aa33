// Read-only figures about the whole server, for operators (the /metrics endpoint). They cross
// accounts on purpose, so no tenant-facing surface may call them.

export interface OperationsStatsRepository {
  /** How many sessions are in each status (deleted ones excluded); statuses with none are absent. */
  sessionsByStatus(): Promise<Record<string, number>>;
  /** Outgoing messages accepted but not yet handed to WhatsApp (`queued` or `sending`), over live sessions. */
  sendQueueDepth(): Promise<number>;
  /** Webhook deliveries waiting for an attempt or a retry. */
  pendingWebhookDeliveries(): Promise<number>;
}

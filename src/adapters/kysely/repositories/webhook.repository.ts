// Webhook subscriptions, deliveries and attempts. The dispatcher's two hot queries are claimDue
// (lane heads that are due, leased in one transaction) and recordAttempts (a batch of outcomes in
// one transaction).
import { sql, type Kysely } from 'kysely';
import { newId } from '../../../lib/ids.js';
import type { Sealer } from '../../../lib/seal.js';
import type { EventScope } from '../../../core/events/index.js';
import { subscriptionWants } from '../../../core/webhooks/subscription-match.js';
import type {
  AttemptRecord,
  ClaimedDelivery,
  DeliveryQuery,
  SubscriptionPatch,
  WebhookStore,
} from '../../../core/webhooks/webhook.ports.js';
import type { DeliveryWithAttempts, WebhookSubscription } from '../../../core/webhooks/webhook.types.js';
import type { WebhookSubscriptionsTable, WebhookTables } from '../webhook-schema.js';
import { filterOf, fromSubscription, toAttempt, toDelivery, toEvent, toSubscription } from '../webhook-rows.js';
import { newDeliveryRow } from './outbox.repository.js';

const CHUNK = 500;
// `status not in FINAL` rather than `status = 'pending'` next to `id in (…)`: SQLite would otherwise pick
// the (status, …) index and scan every pending row instead of seeking the ids.
const FINAL = ['delivered', 'dead'];
const SNIPPET_MAX = 512;

/** Lanes per claim query: SQLite allows 500 terms in a compound SELECT. */
const LANES_PER_QUERY = 200;

function laneKey(subscriptionId: string, lane: string): string {
  return `${subscriptionId}\u0000${lane}`;
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class KyselyWebhookStore implements WebhookStore {
  constructor(
    private readonly db: Kysely<WebhookTables>,
    private readonly sealer: Sealer,
  ) {}

  /** Runs fn in a transaction, or in the caller's when this repository is already bound to one. */
  private tx<T>(fn: (trx: Kysely<WebhookTables>) => Promise<T>): Promise<T> {
    return this.db.isTransaction ? fn(this.db) : this.db.transaction().execute(fn);
  }

  async createSubscription(sub: WebhookSubscription): Promise<void> {
    await this.db.insertInto('webhook_subscriptions').values(fromSubscription(sub, this.sealer)).execute();
  }

  async getSubscription(accountId: string, id: string): Promise<WebhookSubscription | null> {
    const row = await this.db
      .selectFrom('webhook_subscriptions')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row ? toSubscription(row, this.sealer) : null;
  }

  async listSubscriptions(accountId: string, sessionId?: string | null): Promise<WebhookSubscription[]> {
    let q = this.db.selectFrom('webhook_subscriptions').selectAll().where('account_id', '=', accountId);
    if (sessionId) q = q.where('session_id', '=', sessionId);
    const rows = await q.orderBy('id').execute();
    return rows.map((r) => toSubscription(r, this.sealer));
  }

  async updateSubscription(
    accountId: string,
    id: string,
    patch: SubscriptionPatch,
    updatedAt: Date,
  ): Promise<WebhookSubscription | null> {
    const values: Partial<WebhookSubscriptionsTable> = { updated_at: updatedAt.toISOString() };
    if (patch.url !== undefined) values.url = patch.url;
    if (patch.secret !== undefined) values.secret = this.sealer.seal(patch.secret);
    if (patch.events !== undefined) values.events = JSON.stringify(patch.events);
    if (patch.enabled !== undefined) values.enabled = patch.enabled ? 1 : 0;
    if (patch.description !== undefined) values.description = patch.description;
    if (patch.format !== undefined) values.format = patch.format;
    await this.db
      .updateTable('webhook_subscriptions')
      .set(values)
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .execute();
    return this.getSubscription(accountId, id);
  }

  async deleteSubscription(accountId: string, id: string): Promise<boolean> {
    // Attempts and deliveries go with it (ON DELETE CASCADE).
    const res = await this.db
      .deleteFrom('webhook_subscriptions')
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async listDeliveries(
    accountId: string,
    subscriptionId: string,
    query: DeliveryQuery,
  ): Promise<DeliveryWithAttempts[]> {
    let q = this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('subscription_id', '=', subscriptionId);
    if (query.before) q = q.where('id', '<', query.before);
    if (query.status) q = q.where('status', '=', query.status);
    const rows = await q.orderBy('id', 'desc').limit(query.limit).execute();
    if (rows.length === 0) return [];
    const attempts = await this.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where(
        'delivery_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      ...toDelivery(r),
      attempts_log: attempts.filter((a) => a.delivery_id === r.id).map(toAttempt),
    }));
  }

  async enqueueReplay(
    scope: EventScope,
    eventIds: readonly string[],
    subscriptionId: string | null,
    now: Date,
  ): Promise<number> {
    return this.tx(async (trx) => {
      let sq = trx
        .selectFrom('webhook_subscriptions')
        .select(['id', 'session_id', 'events'])
        .where('account_id', '=', scope.accountId)
        .where('enabled', '=', 1);
      if (subscriptionId) sq = sq.where('id', '=', subscriptionId);
      const subs = await sq.execute();
      let created = 0;
      for (const ids of chunks(eventIds)) {
        let eq = trx.selectFrom('events').selectAll().where('account_id', '=', scope.accountId).where('id', 'in', ids);
        if (scope.sessionId) eq = eq.where('session_id', '=', scope.sessionId);
        const events = (await eq.orderBy('id').execute()).map(toEvent);
        const rows = events.flatMap((e) =>
          subs
            .filter((s) => subscriptionWants(filterOf(s), e, subscriptionId !== null))
            .map((s) => newDeliveryRow(s.id, e, now.toISOString(), true)),
        );
        for (const part of chunks(rows, 100)) await trx.insertInto('webhook_deliveries').values(part).execute();
        created += rows.length;
      }
      return created;
    });
  }

  async claimDue(
    now: Date,
    leaseUntil: Date,
    limit: number,
    accept: (c: { subscriptionUrl: string }) => boolean,
    chainLength = 1,
  ): Promise<ClaimedDelivery[][]> {
    const nowIso = now.toISOString();
    return this.tx(async (trx) => {
      // Lanes are (subscription, session). A lane may be sent only from its head (its oldest pending
      // delivery), and only when the head is due and not leased: that keeps each session's events in
      // order per subscription. We take up to `chainLength` deliveries of each ready lane; the
      // dispatcher sends them one after the other and stops at the first failure.
      // 1. Lane heads (index-only scan of the pending part of the lane index), then which of them
      //    are due and not leased.
      const headIds = trx
        .selectFrom('webhook_deliveries')
        .select((eb) => eb.fn.min('id').as('head_id'))
        .where('status', '=', 'pending')
        .groupBy(['subscription_id', 'lane'])
        .as('h');
      const heads = await trx
        .selectFrom(headIds)
        .innerJoin('webhook_deliveries as d', 'd.id', 'h.head_id')
        .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
        .select(['d.id', 'd.subscription_id', 'd.lane', 's.url'])
        .where('s.enabled', '=', 1)
        .where('d.next_attempt_at', '<=', nowIso)
        .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<', nowIso)]))
        .orderBy('d.next_attempt_at')
        .orderBy('d.id')
        .limit(limit * 4)
        .execute();
      // 2. The accepted lanes, then their first `chainLength` pending deliveries: one query (a UNION
      //    ALL of one index range per lane, each with its own LIMIT), not one per lane.
      const accepted: typeof heads = [];
      for (const h of heads) {
        if (accepted.length >= limit) break;
        if (accept({ subscriptionUrl: h.url })) accepted.push(h);
      }
      const lanes = new Map<string, string[]>(accepted.map((h) => [h.id, chainLength <= 1 ? [h.id] : []]));
      if (chainLength > 1) {
        const headOf = new Map(accepted.map((h) => [laneKey(h.subscription_id, h.lane), h.id]));
        for (const part of chunks(accepted, LANES_PER_QUERY)) {
          const ranges = part.map((h) =>
            trx
              .selectFrom((eb) =>
                eb
                  .selectFrom('webhook_deliveries')
                  .select(['id', 'subscription_id', 'lane'])
                  .where('status', '=', 'pending')
                  .where('subscription_id', '=', h.subscription_id)
                  .where('lane', '=', h.lane)
                  .where('id', '>=', h.id)
                  .orderBy('id')
                  .limit(chainLength)
                  .as('r'),
              )
              .selectAll(),
          );
          const [first, ...rest] = ranges;
          if (!first) continue;
          const rows = await rest.reduce((q, r) => q.unionAll(r), first).execute();
          for (const r of [...rows].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) {
            const head = headOf.get(laneKey(r.subscription_id, r.lane));
            if (head) lanes.get(head)?.push(r.id);
          }
        }
      }
      const chosen = [...lanes.values()].flat();
      if (chosen.length === 0) return [];
      // Conditional on the lease still being free: with several dispatchers (cluster) only one wins.
      const won = new Set<string>();
      for (const ids of chunks(chosen)) {
        const rows = await trx
          .updateTable('webhook_deliveries')
          .set({ lease_until: leaseUntil.toISOString() })
          .where('id', 'in', ids)
          .where('status', 'not in', FINAL)
          .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]))
          .returning('id')
          .execute();
        for (const r of rows) won.add(r.id);
      }
      const full = new Map<string, ClaimedDelivery>();
      for (const ids of chunks([...won])) {
        const rows = await trx
          .selectFrom('webhook_deliveries as d')
          .innerJoin('events as e', 'e.id', 'd.event_id')
          .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
          .select([
            'd.id as delivery_id',
            'd.attempts',
            'd.created_at as delivery_created_at',
            'e.id as e_id',
            'e.account_id as e_account_id',
            'e.session_id as e_session_id',
            'e.type as e_type',
            'e.payload as e_payload',
            'e.created_at as e_created_at',
            's.id',
            's.account_id',
            's.session_id',
            's.url',
            's.secret',
            's.events',
            's.enabled',
            's.format',
            's.description',
            's.created_at',
            's.updated_at',
          ])
          .where('d.id', 'in', ids)
          .execute();
        const subs = new Map<string, WebhookSubscription>();
        for (const r of rows) {
          let sub = subs.get(r.id);
          if (!sub) subs.set(r.id, (sub = toSubscription(r, this.sealer)));
          full.set(r.delivery_id, {
            id: r.delivery_id,
            attempts: Number(r.attempts),
            created_at: r.delivery_created_at,
            event: toEvent({
              id: r.e_id,
              account_id: r.e_account_id,
              session_id: r.e_session_id,
              type: r.e_type,
              payload: r.e_payload,
              created_at: r.e_created_at,
            }),
            subscription: sub,
          });
        }
      }
      // A lane is usable up to its first delivery we did not win (order must not skip one).
      const out: ClaimedDelivery[][] = [];
      for (const ids of lanes.values()) {
        const lane: ClaimedDelivery[] = [];
        for (const id of ids) {
          const d = full.get(id);
          if (!d) break;
          lane.push(d);
        }
        if (lane.length > 0) out.push(lane);
      }
      return out;
    });
  }

  async recordAttempts(records: readonly AttemptRecord[], release: readonly string[] = []): Promise<void> {
    if (records.length === 0 && release.length === 0) return;
    await this.tx(async (trx) => {
      for (const ids of chunks(release)) {
        await trx
          .updateTable('webhook_deliveries')
          .set({ lease_until: null })
          .where('id', 'in', ids)
          .where('status', 'not in', FINAL)
          .execute();
      }
      for (const part of chunks(records, 100)) {
        await trx
          .insertInto('webhook_attempts')
          .values(
            part.map((r) => ({
              id: newId('att'),
              delivery_id: r.deliveryId,
              attempted_at: r.attemptedAt.toISOString(),
              status_code: r.statusCode,
              latency_ms: Math.round(r.latencyMs),
              error: r.error,
              response_snippet: r.responseSnippet === null ? null : r.responseSnippet.slice(0, SNIPPET_MAX),
            })),
          )
          .execute();
      }
      // Delivered ones (the common case) in one statement per status code, each row with its own
      // delivered_at (a CASE on the id); the rest one by one.
      const delivered = new Map<number | null, AttemptRecord[]>();
      for (const r of records) {
        if (r.next.kind === 'delivered') {
          const group = delivered.get(r.statusCode) ?? [];
          group.push(r);
          delivered.set(r.statusCode, group);
          continue;
        }
        const common = {
          attempts: sql<number>`attempts + 1`,
          lease_until: null,
          last_status_code: r.statusCode,
          last_error: r.error,
        };
        const next = r.next;
        const set =
          next.kind === 'retry' ? { ...common, next_attempt_at: next.at.toISOString() } : { ...common, status: 'dead' };
        await trx
          .updateTable('webhook_deliveries')
          .set(set)
          .where('id', '=', r.deliveryId)
          .where('status', '=', 'pending')
          .execute();
      }
      for (const [statusCode, all] of delivered) {
        for (const part of chunks(all)) {
          const ids = part.map((r) => r.deliveryId);
          const deliveredAt = sql<string>`case id ${sql.join(
            part.map((r) => sql`when ${r.deliveryId} then ${r.attemptedAt.toISOString()}`),
            sql` `,
          )} end`;
          await trx
            .updateTable('webhook_deliveries')
            .set({
              attempts: sql<number>`attempts + 1`,
              lease_until: null,
              last_status_code: statusCode,
              last_error: null,
              status: 'delivered',
              delivered_at: deliveredAt,
            })
            .where('id', 'in', ids)
            .where('status', 'not in', FINAL)
            .execute();
        }
      }
    });
  }
}

// The composition root: picks the adapters for the configured mode and builds the core services.
// Later features add their adapters and services here, explicitly, one line each.
import { GroupService } from '../core/groups/group.service.js';
import { PeopleService } from '../core/contacts/people.service.js';
import { ChatService } from '../core/chats/chat.service.js';
import { ChatHistoryService } from '../core/chats/chat-history.service.js';
import { LabelService } from '../core/chats/label.service.js';
import { ChannelService } from '../core/channels/channel.service.js';
import { readFileSync } from 'node:fs';
import type { Logger as PinoLogger } from 'pino';
import { createBaileysEngineFactory, WA_WEB_VERSION } from '../adapters/baileys/index.js';
import { createPostgresStore } from '../adapters/postgres/index.js';
import { createSqliteStore } from '../adapters/sqlite/index.js';
import { AccountService } from '../core/accounts/account.service.js';
import { systemClock, withTimers, type Clock } from '../core/ports/clock.js';
import type { SessionTeardown } from '../core/ports/session-teardown.js';
import type { Store } from '../core/ports/store.js';
import type { CoreServices } from '../core/services.js';
import { SessionService } from '../core/sessions/session.service.js';
import { SystemService } from '../core/system/system.service.js';
import { TokenService } from '../core/tokens/token.service.js';
import { PersonalTokenService } from '../core/tokens/personal-token.service.js';
import { MESSAGE_SEQ_COUNTER, MessageService } from '../core/messages/message.service.js';
import { MessageActionsService } from '../core/messages/message-actions.service.js';
import type { EngineFactory } from '../core/ports/engine.js';
import { ConnectionService, RoutedSessionTeardown } from '../core/runtime/connection.service.js';
import { LocalSessionRouter } from '../core/runtime/local-session-router.js';
import { ClusterSessionRouter } from '../core/runtime/cluster-session-router.js';
import { fencedEngineAuth } from '../core/runtime/fenced-engine-auth.js';
import { SessionTakeover } from '../core/runtime/session-takeover.js';
import { SessionRebalance } from '../core/runtime/session-rebalance.js';
import { targetOf, type SessionRouter } from '../core/ports/session-router.js';
import type { SessionLease } from '../core/ports/session-lease.js';
import { createMemoryLease } from '../adapters/memory-lease/index.js';
import { RuntimeManager } from '../core/runtime/runtime-manager.js';
import { defaultRuntimeOptions, type RuntimeOptions } from '../core/runtime/runtime.types.js';
import { StoreRuntimeHost } from '../core/runtime/store-runtime-host.js';
import { createSealer, type Sealer } from '../lib/seal.js';
import { createMemoryRateLimiter } from '../adapters/memory-limiter/index.js';
import { defaultSendLimits, SendQuota, type SendLimitsConfig } from '../core/limits/send-limits.js';
import type { RateLimiter } from '../core/ports/rate-limiter.js';
import type { Config } from './config.js';
import { createLogger } from './logger.js';
import { createWebhookPipeline, type WebhookPipeline } from './webhooks.js';
import type { CompatFormatterDeps } from '../surfaces/compat/index.js';
import { createMedia, type MediaWiring } from './media.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createClusterParts } from './cluster.js';
import { RetentionPruner } from '../core/retention/retention-pruner.js';

export interface Container {
  config: Config;
  logger: PinoLogger;
  clock: Clock;
  store: Store;
  services: CoreServices;
  runtimes: RuntimeManager;
  /** Outbox, webhook dispatcher and live event hub (producers append through `webhooks.outbox`). */
  webhooks: WebhookPipeline;
  /** Media service and its expiry sweep (services.media is the same service). */
  media: MediaWiring;
  /** Prometheus metrics of this node (served at /metrics). */
  metrics: Metrics;
  /** Deletes old events and delivery logs, clears old message bodies (WAGATE_RETENTION_*). */
  retention: RetentionPruner;
  /** Quotas shared by the core and the surfaces' own limits (memory, or Redis in cluster mode). */
  rateLimiter: RateLimiter;
  /** Background work that runs while the server runs: resumes sessions that were connected. */
  start(): Promise<void>;
  /** Wait for background work, then close the store. Idempotent. */
  close(): Promise<void>;
}

/** Parts a caller (a test) may supply instead of the defaults. */
export interface ContainerOverrides {
  logger?: PinoLogger;
  clock?: Clock;
  store?: Store;
  teardown?: SessionTeardown;
  /** The WhatsApp engine (tests and the demo point Baileys at the simulator through waWebSocketUrl). */
  engines?: EngineFactory;
  /** WhatsApp WebSocket endpoint for the default Baileys engine (overrides config.engine). */
  waWebSocketUrl?: string;
  /** Extra CAs (PEM) for WhatsApp media hosts: the simulator's media CA in tests and the demo (H5). */
  mediaCaPem?: string[];
  /** Simulator mode: the simulator's Noise certificate root, trusted by the engine. */
  trustServerRoot?: Uint8Array;
  /** Quotas (memory by default; Redis in cluster mode). */
  rateLimiter?: RateLimiter;
  /** Wraps the session router (a test puts a JSON round trip around every command). */
  wrapRouter?: (router: SessionRouter) => SessionRouter;
  /** Who holds which session (in process by default; Redis in cluster mode). */
  lease?: SessionLease;
  /** Session runtime timings (tests shorten health checks and backoff). */
  runtime?: Partial<RuntimeOptions>;
}

export async function createStore(config: Config['database'], sealer?: Sealer): Promise<Store> {
  if (config.kind === 'postgres') {
    return createPostgresStore({
      url: config.url,
      ...(config.schema ? { schema: config.schema } : {}),
      ...(sealer ? { sealer } : {}),
    });
  }
  return createSqliteStore({ file: config.file, ...(sealer ? { sealer } : {}) });
}

export async function createContainer(config: Config, overrides: ContainerOverrides = {}): Promise<Container> {
  const logger = overrides.logger ?? createLogger(config.log);
  const clock = overrides.clock ?? systemClock;
  // One sealer (from WAGATE_MASTER_KEY) for every secret kept at rest: engine auth state, webhook secrets.
  const sealer = createSealer(config.security.masterKey);
  const store = overrides.store ?? (await createStore(config.database, sealer));

  const tokens = new TokenService({ store, clock, logger });
  const metrics = createMetrics(store.stats);
  const compat: CompatFormatterDeps = {};
  const webhooks = createWebhookPipeline({
    compat,
    store,
    logger,
    clock,
    config: config.webhooks,
    allowPrivateUrls: config.security.allowPrivateUrls,
    metrics,
  });
  const accounts = new AccountService({ store, tokens, clock, logger });
  const personalTokens = new PersonalTokenService({ store, tokens, clock, logger });
  const media = createMedia({
    store,
    clock,
    logger,
    dataDir: config.dataDir,
    database: config.database,
    mode: config.cluster.mode,
    listen: config.server,
    config: config.media,
    allowPrivateUrls: config.security.allowPrivateUrls,
    accountStorageBytes: config.tenants.accountStorageBytes,
    outbox: webhooks.outbox,
    ...(overrides.mediaCaPem ? { extraCaPem: overrides.mediaCaPem } : {}),
  });
  compat.mediaBytes = (accountId, id, max) => media.service.bytesForEvent(accountId, id, max);
  if (!sealer.enabled)
    logger.warn(
      'WAGATE_MASTER_KEY is not set: WhatsApp credentials and webhook secrets are stored unencrypted in the database',
    );
  // Cluster mode (WAGATE_MODE=cluster): leases, routing and quotas in Redis; single mode: in process.
  const cluster = config.cluster.mode === 'cluster' ? createClusterParts(config.cluster, logger, store) : null;
  const waWebSocketUrl = overrides.waWebSocketUrl ?? config.engine.waWebSocketUrl ?? undefined;
  const engines =
    overrides.engines ??
    createBaileysEngineFactory({
      // Cluster: only the session's current holder writes its auth state (fenced by its lease token).
      authStore: cluster ? fencedEngineAuth(store, cluster.leaseTokens, logger) : store.engineAuth,
      sealer,
      logger,
      allowPrivateUrls: config.security.allowPrivateUrls,
      baileysLogLevel: config.engine.baileysLogLevel,
      ...(waWebSocketUrl ? { waWebSocketUrl } : {}),
      ...(overrides.trustServerRoot ? { trustServerRoot: overrides.trustServerRoot } : {}),
      ...(overrides.mediaCaPem ? { extraCaPem: overrides.mediaCaPem } : {}),
    });
  const sendLimits: SendLimitsConfig = {
    ...defaultSendLimits,
    perMinute: config.limits.sendPerMinute,
    perDay: config.limits.sendPerDay,
    maxInFlight: config.limits.sendMaxInFlight,
  };
  const limiter = overrides.rateLimiter ?? cluster?.rateLimiter ?? createMemoryRateLimiter();
  const quota = new SendQuota(limiter, sendLimits);
  // H5: media of queued messages is read from the media service just before sending.
  const host = new StoreRuntimeHost({
    store,
    clock,
    logger,
    messageSeqCounter: MESSAGE_SEQ_COUNTER,
    outbox: webhooks.outbox,
    defaultProxyUrl: config.engine.proxyUrl,
    sendLimits,
    media: media.service,
    onInboundStored: (ref, stored, m) => media.inbound.onStored(ref, stored, m),
    leaseTokens: cluster?.leaseTokens,
  });
  const runtimes = new RuntimeManager({
    engines,
    host,
    logger,
    clock: withTimers(clock),
    options: { ...defaultRuntimeOptions, ...overrides.runtime },
  });
  // Services reach the runtimes only through the router (serializable commands); the lease says
  // which sessions this node holds. Both in process on one node; in cluster mode a command goes to
  // the session's holder through Redis, and unheld sessions that should be connected are taken over.
  const localRouter = new LocalSessionRouter(runtimes);
  const lease = overrides.lease ?? cluster?.lease ?? createMemoryLease({ nodeId: config.cluster.nodeId });
  const clusterRouter = cluster
    ? new ClusterSessionRouter({
        local: localRouter,
        lease,
        transport: cluster.transport,
        logger,
        load: cluster.load,
        dropLocal: (sessionId) => runtimes.drop(sessionId),
      })
    : null;
  const routed = clusterRouter ?? localRouter;
  const router = overrides.wrapRouter ? overrides.wrapRouter(routed) : routed;
  const takeover = cluster
    ? new SessionTakeover({
        store,
        lease,
        local: localRouter,
        logger,
        intervalMs: Math.max(250, Math.floor(config.cluster.leaseTtlMs / 4)),
        concurrency: config.cluster.takeoverConcurrency,
        maxSessions: config.cluster.maxSessions,
        heldCount: cluster.heldCount,
        liveNodes: cluster.liveNodes,
        // A node joins (or comes back empty): the nodes above their share hand sessions over to it.
        rebalance: clusterRouter
          ? new SessionRebalance({
              load: cluster.load,
              heldLeases: cluster.heldLeases,
              handOver: (held, target, to) => clusterRouter.handOver(held, target, to),
              logger,
              perRound: config.cluster.takeoverConcurrency,
            })
          : undefined,
      })
    : null;
  // H6: inbound media is downloaded on the session's live engine, on this node (it holds the session).
  media.useDownloads((ref, m) => localRouter.downloadInbound(ref, m));

  // Deletion tears the engine side down through the router (unlink + wipe credentials).
  const teardown: SessionTeardown = overrides.teardown ?? new RoutedSessionTeardown({ router, lease, store });
  const sessions = new SessionService({
    store,
    tokens,
    clock,
    logger,
    teardown,
    outbox: webhooks.outbox,
    maxSessionsPerAccount: config.tenants.accountMaxSessions,
    allowPrivateUrls: config.security.allowPrivateUrls,
    onSettingsChanged: (session, fields) => {
      router
        .dispatch(targetOf(session), { op: 'settingsChanged', settings: session.settings, fields })
        .catch((err: unknown) => logger.warn({ err, sessionId: session.id }, 'settings change not applied live'));
    },
  });
  const connections = new ConnectionService({
    store,
    sessions,
    router,
    lease,
    logger,
    clock,
    // Cluster: the router places a connection on a node with room (WAGATE_NODE_MAX_SESSIONS).
    leaseOnConnect: !cluster,
  });
  const messages = new MessageService({ store, sessions, router, clock, logger, quota, media: media.service });
  // H5: edit, revoke, resend, react, forward, star, mark read, presence.
  const messageActions = new MessageActionsService({
    store,
    sessions,
    messages,
    router,
    clock,
    logger,
    outbox: webhooks.outbox,
  });
  const system = new SystemService({
    store,
    version: packageVersion(),
    nodeId: config.cluster.nodeId,
    waWebVersion: WA_WEB_VERSION,
  });

  const retention = new RetentionPruner({
    store,
    clock: withTimers(clock),
    logger,
    policy: config.retention,
    onRun: (run) => metrics.observeRetention(run),
  });

  let closing: Promise<void> | undefined;
  return {
    config,
    logger,
    clock,
    store,
    services: {
      accounts,
      tokens,
      personalTokens,
      sessions,
      system,
      connections,
      messages,
      messageActions,
      ...webhooks.services,
      media: media.service,
      groups: new GroupService({ sessions, router }),
      people: new PeopleService({ store, sessions, router, limiter, clock }),
      chats: new ChatService({ store, sessions, router, clock }),
      chatHistory: new ChatHistoryService({ store, sessions, router }),
      channels: new ChannelService({ sessions, router }),
      labels: new LabelService({ store, sessions, router, clock }),
    },
    runtimes,
    webhooks,
    media,
    metrics,
    retention,
    rateLimiter: limiter,
    start: async () => {
      // A lease lost (paused past its TTL, cut off from Redis): stop acting on that session here.
      cluster?.start(
        (lost) => void runtimes.drop(lost.sessionId),
        // Writes were refused while the lease was not surely held: send what waited meanwhile.
        (held) => runtimes.kick(held.sessionId),
      );
      if (cluster && clusterRouter) cluster.transport.serve(clusterRouter.handle);
      webhooks.start();
      media.start();
      retention.start(config.retention.intervalMs);
      await sessions.resumeDeletions();
      // Cluster: the takeover rounds reconnect what nobody holds, each node up to its fair share.
      await connections.resumeAll({ reconnect: !takeover });
      takeover?.start();
    },
    close: () =>
      (closing ??= (async () => {
        // Cluster: take nothing more, send commands for this node's sessions back to their callers.
        await takeover?.stop();
        clusterRouter?.stop();
        await cluster?.transport.stopServing();
        await sessions.idle();
        await runtimes.shutdown();
        // Hand this node's sessions over: release its leases once their sockets are closed.
        await cluster?.close();
        await webhooks.stop();
        await media.stop();
        await retention.stop();
        await store.close();
      })()),
  };
}

function packageVersion(): string {
  // Two levels up from src/app (tsx) or dist/src/app (built) — try both.
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'wagate' && pkg.version) return pkg.version;
    } catch {
      // not there: try the next candidate
    }
  }
  return '0.0.0';
}

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { openServerAgents, type ServerAgents } from './agents/serverAgents';
import { answerClientErrors } from './api/clientErrors';
import { blobRoutes } from './api/routes/blobs';
import { exportRoutes } from './api/routes/exports';
import { telemetryRoutes } from './api/routes/telemetry';
import { workspaceFileRoutes } from './api/routes/workspaceFiles';
import { openBlobs } from './blobs/openBlobs';
import type { BlobService } from './blobs/blobService';
import { commandRoutes } from './instruments/routes/commandRoutes';
import { instrumentRoutes } from './instruments/routes/instrumentRoutes';
import { createLiveFeed } from './telemetry/live/liveFeed';
import type { Config } from './config';
import { buildHttpApp } from './http/app';
import type { Identity } from './identity/identity';
import { DEV_SECRET, openServerIdentity, type IdentityTuning } from './identity/serverIdentity';
import { mountWebClient } from './http/webClient';
import { createLogger, type Logger } from './log';
import { createMetrics, type SyncMetrics } from './metrics';
import type { DocStore } from './storage/docStore';
import { openServerDocStore } from './storage/openServerDocStore';
import type { Postgres } from './postgres/connection';
import { openServerPostgres } from './postgres/serverPostgres';
import { devAuthHooks, type SyncAuthHooks } from './sync/auth';
import { createSyncService, type SyncService } from './sync/syncService';
import { refuseUpgrade } from './http/upgradeRefusal';
import { createChangeFeed, type ChangeFeed } from './changes/changeFeed';
import { feedingDocStore } from './changes/feedingDocStore';
import { searchRoutes } from './api/routes/search';
import { documentRoutes } from './api/routes/documents';
import { historyRoutes } from './api/routes/history';
import { branchRoutes } from './api/routes/branches';
import { historyRetentionRoutes } from './api/routes/historyRetention';
import { HistoryService } from './history/historyService';
import { openSqliteHistoryStore } from './history/sqlite/sqliteHistoryStore';
import type { SearchIndex } from './search/searchIndex';
import { SearchService } from './search/searchService';
import { openSqliteSearchIndex } from './search/sqlite/sqliteSearchIndex';
import { eventsFromAudit } from './webhooks/auditEvents';
import { watchAnnotationEvents } from './webhooks/annotationEvents';
import { notificationRoutes } from './notifications/notificationRoutes';
import { alertRoutes } from './alerts/alertRoutes';
import { openServerAlerts, type ServerAlerts } from './alerts/serverAlerts';
import {
  openServerNotifications,
  type ServerNotifications,
} from './notifications/serverNotifications';
import { requestLimits } from './rateLimit/rateLimiter';
import { EventBus } from './webhooks/events';
import { openServerWebhooks, type ServerWebhooks } from './webhooks/serverWebhooks';
import { webhookRoutes } from './webhooks/webhookRoutes';

/** What to start the server with; everything but `config` has a default. */
export interface StartOptions {
  config: Config;
  hooks?: SyncAuthHooks;
  store?: DocStore;
  logger?: Logger;
  /** Identity lifetimes and rate limits to use instead of the defaults (tests). */
  identity?: IdentityTuning;
  /** The search index to use instead of `search.db` in DATA_DIR. */
  searchIndex?: SearchIndex;
}

/** A running server. */
export interface RunningServer {
  port: number;
  app: Hono;
  sync: SyncService;
  store: DocStore;
  metrics: SyncMetrics;
  /** Tenants, users, roles, API keys, rate limits and the audit log (REST under /api/v1). */
  identity: Identity;
  /** Telemetry storage and the `/agents` gateway for instrument agents. */
  agents: ServerAgents;
  /** Committed document changes, for anything that reacts to them off the sync path. */
  changes: ChangeFeed;
  /** Full-text search (null when SEARCH_INDEX=off). */
  search: SearchService | null;
  /** Attachments: content-addressed blobs under DATA_DIR/blobs and their workspace references. */
  blobs: BlobService;
  /** Integration events (from the audit trail and annotation changes) and the webhooks they feed. */
  events: EventBus;
  webhooks: ServerWebhooks;
  /** Per-user notifications from the same events, live to open apps. */
  notifications: ServerNotifications;
  /** Alert rules on annotations, evaluated as annotations change. */
  alerts: ServerAlerts;
  /** Document history: entries, versions, diffs and restores (index in DATA_DIR/history.db). */
  history: HistoryService;
  /** The shared PostgreSQL pool when DATABASE_URL is set (null: SQLite files in DATA_DIR). */
  postgres: Postgres | null;
  /** Graceful shutdown: stop accepting, flush pending writes, close sockets with 1001, close storage. */
  close(): Promise<void>;
}

/** Opens storage, builds the HTTP app and sync service, and listens on the configured host and port. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  const log = options.logger ?? createLogger(config.logLevel);
  // ioredis and the cluster pieces load only with REDIS_URL: one node never needs them.
  const cluster = config.redisUrl
    ? await (await import('./cluster/cluster')).openCluster(config.redisUrl, log)
    : null;
  const file = join(config.dataDir, 'fieldbook.db');
  const postgres = await openServerPostgres(config, log);
  const rawStore = options.store ?? (await openServerDocStore(config, postgres, log));
  const changes = createChangeFeed(rawStore, (err) => log.error({ err }, 'change feed subscriber'));
  const docStore = feedingDocStore(rawStore, changes);
  const searchIndex = config.searchIndex
    ? (options.searchIndex ??
      (postgres
        ? await (
            await import('./search/postgres/pgSearchIndex')
          ).openPgSearchIndex({ pg: postgres })
        : openSqliteSearchIndex({ file: join(config.dataDir, 'search.db') })))
    : null;
  const search = searchIndex
    ? new SearchService({
        index: searchIndex,
        feed: changes,
        store: rawStore,
        onError: (err) => log.error({ err }, 'search indexing'),
      })
    : null;
  const identity = await openServerIdentity({
    file,
    postgres,
    durability: config.durability,
    secret: config.secret ?? DEV_SECRET,
    enforceOnSockets: !options.hooks && config.authMode === 'tenant',
    log,
    docStore,
    audit: config.audit,
    tuning: {
      rateLimits: requestLimits(config.requestLimits),
      shared: cluster?.identityShared,
      ...options.identity,
    },
  });
  const store = identity.store;
  const metrics = createMetrics();
  const sync = createSyncService({
    store,
    hooks: options.hooks ?? identity.hooks ?? devAuthHooks,
    metrics,
    log,
    maxMessageBytes: config.maxMessageBytes,
    keepAliveMs: config.keepAliveMs,
    idleUnloadMs: config.idleUnloadMs,
    compactMaxUpdates: config.compactMaxUpdates,
    compactMaxBytes: config.compactMaxBytes,
    groupCommit: { windowMs: config.groupCommitWindowMs, maxUpdates: config.groupCommitMaxUpdates },
    sendCapBytes: config.socketSendCapBytes,
    writeChecks: config.writeChecks,
    onRefusedWrite: (write) => identity.recordRefusedWrite(write),
    checkOptions: (principal) => identity.checkOptions(principal),
    cluster: cluster?.docs,
  });
  await cluster?.relayIdentity(identity.identity.events);
  const app = buildHttpApp({
    store,
    metrics,
    log,
    database: postgres ? 'postgres' : 'sqlite',
    redisHealth: cluster?.health,
    status: () => ({ connections: sync.connections.size, documents: sync.registry.hubs.size }),
  });
  const agents = await openServerAgents({
    config,
    identity: identity.identity,
    log,
    registry: metrics.registry,
    postgres,
  });
  const blobs = await openBlobs(config, { postgres: postgres ?? undefined });
  const events = new EventBus();
  const onEventError = (err: unknown) => log.error({ err }, 'integration event');
  identity.identity.audit.onRecorded((entries) =>
    events.publish(eventsFromAudit(entries), onEventError),
  );
  const stopAnnotationEvents = watchAnnotationEvents({
    feed: changes,
    actorOf: (id) => identity.actorOf(id),
    publish: (found) => events.publish(found, onEventError),
    onError: onEventError,
  });
  const notifications = await openServerNotifications({
    config,
    identity: identity.identity,
    bus: events,
    feed: changes,
    actorOf: (id) => identity.actorOf(id),
    openBy: (workspaceId, docId) =>
      [...sync.connections]
        .filter((c) => c.target.workspaceId === workspaceId && c.target.docId === docId)
        .map((c) => c.principal.id),
    log,
    postgres,
  });
  const alerts = await openServerAlerts({
    config,
    identity: identity.identity,
    bus: events,
    notifications: notifications.service,
    log,
    postgres,
  });
  const webhooks = await openServerWebhooks({
    config,
    secret: config.secret ?? DEV_SECRET,
    identity: identity.identity,
    bus: events,
    log,
    onDisabled: (hook) => notifications.webhookDisabled(hook),
    postgres,
  });
  const exports = { store, telemetry: agents.telemetry, blobs };
  const historyStore = postgres
    ? await (await import('./history/postgres/pgHistoryStore')).openPgHistoryStore(postgres)
    : openSqliteHistoryStore(join(config.dataDir, 'history.db'), config.durability);
  const history = new HistoryService({ store, history: historyStore, change: sync.change });
  identity.mount(app, [
    workspaceFileRoutes({ ...identity.workspaceFileHooks, blobs, exports }),
    telemetryRoutes(agents.telemetry),
    blobRoutes(blobs),
    exportRoutes(exports),
    instrumentRoutes(agents.telemetry, agents.instruments),
    commandRoutes(agents.telemetry, agents.instruments),
    searchRoutes(search),
    webhookRoutes(webhooks.service),
    notificationRoutes(notifications.service),
    alertRoutes(alerts.service),
    documentRoutes({ store, liveDoc: (key) => sync.registry.get(key)?.doc ?? null }),
    historyRoutes(history, identity.workspaceFileHooks.rememberActor),
    branchRoutes(history, identity.workspaceFileHooks.rememberActor),
    historyRetentionRoutes(history),
  ]);
  if (cluster) {
    agents.bus.share(cluster.sampleRelay);
    agents.bus.shareStatus(cluster.statusRelay);
    agents.instruments.events.share(cluster.instrumentRelay);
    agents.instruments.shareCommands(cluster.commandRelay);
  }
  const live = createLiveFeed({
    identity: identity.identity,
    telemetry: agents.telemetry,
    bus: agents.bus,
    instrumentEvents: agents.instruments.events,
    log,
  });
  identity.watch(sync);
  changes.setLiveDocs((key) => sync.registry.get(key)?.doc ?? null);
  search?.start();
  await webhooks.start();
  // Web mode: the desktop renderer at `/`, when it has been built.
  if (!mountWebClient(app))
    log.warn('web client not built: pnpm --filter @fieldbook/desktop build:renderer');

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  answerClientErrors(server as Server);
  server.on('upgrade', (req, socket, head) => {
    if (
      !agents.gateway.handleUpgrade(req, socket, head) &&
      !live.handleUpgrade(req, socket, head) &&
      !sync.handleUpgrade(req, socket, head)
    ) {
      refuseUpgrade(socket, 404, 'Not Found');
    }
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    port,
    app,
    sync,
    store,
    metrics,
    identity: identity.identity,
    agents,
    changes,
    search,
    blobs,
    events,
    webhooks,
    notifications,
    alerts,
    history,
    postgres,
    close: () =>
      (closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await Promise.all([sync.close(), live.close(), agents.close()]);
        changes.flush();
        stopAnnotationEvents();
        await alerts.close();
        await webhooks.close();
        await notifications.close();
        await search?.stop();
        await searchIndex?.close();
        if ('closeAllConnections' in server) server.closeAllConnections();
        await stopped;
        await identity.close();
        await blobs.close();
        history.indexer.docs.clear();
        await historyStore.close();
        await store.close();
        await cluster?.close();
        await postgres?.close();
      })()),
  };
}

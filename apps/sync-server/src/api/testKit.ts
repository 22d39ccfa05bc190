import { createSqliteAuditStore } from '../audit/sqlite/sqliteAuditStore';
import { createIdentity, type Identity, type IdentityOptions } from '../identity/identity';
import { createSqliteIdentityStore } from '../identity/sqlite/sqliteIdentityStore';
import { openTestDatabase } from '../identity/sqlite/testDatabase';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteTelemetryStore } from '../telemetry/sqlite/sqliteTelemetryStore';
import { openSqliteDocStore } from '../storage/sqlite/sqliteDocStore';
import { openBlobs } from '../blobs/openBlobs';
import { createApi } from './app';
import { blobRoutes } from './routes/blobs';
import { exportRoutes } from './routes/exports';
import { telemetryRoutes } from './routes/telemetry';
import { workspaceFileRoutes } from './routes/workspaceFiles';
import { searchRoutes } from './routes/search';
import { createChangeFeed } from '../changes/changeFeed';
import { feedingDocStore } from '../changes/feedingDocStore';
import { SearchService } from '../search/searchService';
import { openSqliteSearchIndex } from '../search/sqlite/sqliteSearchIndex';
import { openServerInstruments } from '../instruments/serverInstruments';
import { commandRoutes } from '../instruments/routes/commandRoutes';
import { instrumentRoutes } from '../instruments/routes/instrumentRoutes';
import { LiveBus } from '../telemetry/liveBus';
import { createLogger } from '../log';
import { SecretBox } from '../webhooks/secretBox';
import { openSqliteWebhookStore } from '../webhooks/sqlite/sqliteWebhookStore';
import { WebhookService } from '../webhooks/webhookService';
import { webhookRoutes } from '../webhooks/webhookRoutes';
import { AlertService } from '../alerts/alertService';
import { alertRoutes } from '../alerts/alertRoutes';
import { openSqliteAlertStore } from '../alerts/sqlite/sqliteAlertStore';
import { NotificationService } from '../notifications/notificationService';
import { openSqliteNotificationStore } from '../notifications/sqlite/sqliteNotificationStore';
import { createMetrics } from '../metrics';
import { devAuthHooks } from '../sync/auth';
import { createSyncService } from '../sync/syncService';
import { documentRoutes } from './routes/documents';
import { historyRoutes } from './routes/history';
import { branchRoutes } from './routes/branches';
import { historyRetentionRoutes } from './routes/historyRetention';
import { HistoryService } from '../history/historyService';
import { openSqliteHistoryStore } from '../history/sqlite/sqliteHistoryStore';

/** A random sha256 hex digest (an attachment id no one stored). */
export function randomSha(): string {
  return randomBytes(32).toString('hex');
}

/** A test secret (tests only). */
export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

/** An in-process API on a fresh SQLite database, with a JSON client over `app.request`. */
export async function openTestApi(
  options: Partial<Omit<IdentityOptions, 'store' | 'auditStore' | 'secret'>> & {
    maxAttachmentBytes?: number;
    attachmentQuotaBytes?: number;
  } = {},
) {
  const { db, client } = await openTestDatabase();
  const { maxAttachmentBytes, attachmentQuotaBytes, ...identityOptions } = options;
  const identity: Identity = createIdentity({
    store: createSqliteIdentityStore(db),
    auditStore: createSqliteAuditStore(db),
    secret: TEST_SECRET,
    ...identityOptions,
  });
  const errors: unknown[] = [];
  const telemetryDir = mkdtempSync(join(tmpdir(), 'fb-api-telemetry-'));
  const bus = new LiveBus();
  const telemetry = openSqliteTelemetryStore({
    file: join(telemetryDir, 'telemetry.db'),
    durability: 'normal',
    bus,
  });
  const instruments = await openServerInstruments({
    config: { dataDir: telemetryDir, durability: 'normal' },
    identity,
    telemetry,
    bus,
    log: createLogger('silent'),
  });
  const rawDocs = openSqliteDocStore({
    file: join(mkdtempSync(join(tmpdir(), 'fb-api-docs-')), 'docs.db'),
    durability: 'normal',
  });
  const changes = createChangeFeed(rawDocs, (err) => errors.push(err));
  const docs = feedingDocStore(rawDocs, changes);
  const search = new SearchService({
    index: openSqliteSearchIndex({
      file: join(mkdtempSync(join(tmpdir(), 'fb-api-search-')), 'search.db'),
    }),
    feed: changes,
    store: rawDocs,
    onError: (err) => errors.push(err),
  });
  search.start();
  const blobs = await openBlobs({
    dataDir: mkdtempSync(join(tmpdir(), 'fb-api-blobs-')),
    durability: 'normal',
    maxAttachmentBytes: maxAttachmentBytes ?? 1024 * 1024,
    attachmentQuotaBytes: attachmentQuotaBytes ?? 8 * 1024 * 1024,
  });
  const exports = { store: docs, telemetry, blobs };
  const files = workspaceFileRoutes({
    store: docs,
    reloadLoaded: () => {},
    rememberActor: () => {},
    maxImportBytes: 1024 * 1024,
    blobs,
    exports,
  });
  const webhooks = new WebhookService({
    store: openSqliteWebhookStore({
      file: join(mkdtempSync(join(tmpdir(), 'fb-api-integrations-')), 'integrations.db'),
    }),
    identity,
    box: new SecretBox(TEST_SECRET),
    allow: new Set(),
    wake: () => {},
  });
  const integrationsDb = join(mkdtempSync(join(tmpdir(), 'fb-api-alerts-')), 'integrations.db');
  const alerts = new AlertService({
    store: openSqliteAlertStore({ file: integrationsDb }),
    identity,
    notifications: new NotificationService(openSqliteNotificationStore({ file: integrationsDb })),
    publish: () => {},
  });
  const sync = createSyncService({
    store: docs,
    hooks: devAuthHooks,
    metrics: createMetrics(),
    log: createLogger('silent'),
    maxMessageBytes: 1024 * 1024,
    keepAliveMs: 30_000,
    idleUnloadMs: 60_000,
    compactMaxUpdates: 1000,
    compactMaxBytes: 1024 * 1024,
  });
  const history = new HistoryService({
    store: docs,
    history: openSqliteHistoryStore(
      join(mkdtempSync(join(tmpdir(), 'fb-api-history-')), 'history.db'),
    ),
    change: sync.change,
  });
  const api = createApi(identity, {
    report: (err) => errors.push(err),
    routers: [
      telemetryRoutes(telemetry),
      instrumentRoutes(telemetry, instruments),
      commandRoutes(telemetry, instruments),
      files,
      searchRoutes(search),
      blobRoutes(blobs),
      exportRoutes(exports),
      webhookRoutes(webhooks),
      alertRoutes(alerts),
      documentRoutes({ store: docs, liveDoc: (key) => sync.registry.get(key)?.doc ?? null }),
      historyRoutes(history, () => {}),
      branchRoutes(history, () => {}),
      historyRetentionRoutes(history),
    ],
  });

  /** Sends a JSON request (or a workspace file, for a Uint8Array body) as `token` (or anonymously) from `ip`. */
  async function call(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; ip?: string } = {},
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read loosely
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const raw = opts.body instanceof Uint8Array;
    if (opts.body !== undefined)
      headers['content-type'] = raw ? 'application/vnd.fieldbook.workspace' : 'application/json';
    const payload = raw ? (opts.body as Uint8Array) : JSON.stringify(opts.body);
    const res = await api.request(
      path,
      { method, headers, body: opts.body === undefined ? undefined : payload },
      {
        incoming: {
          socket: { remoteAddress: opts.ip ?? '192.0.2.1', remoteFamily: 'IPv4', remotePort: 5555 },
        },
      },
    );
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // non-JSON bodies (CSV) stay text
    }
    return { status: res.status, body, headers: res.headers };
  }

  let n = 0;
  /** Signs up a new tenant; returns its admin's tokens and ids. */
  async function signup(tenant = `Tenant ${++n}`) {
    const email = `admin${++n}-${Date.now()}@example.org`;
    const res = await call('POST', '/auth/signup', {
      body: { tenant, email, password: 'correct horse battery', name: 'Admin' },
      ip: `198.51.100.${n % 250}`,
    });
    if (res.status !== 201) throw new Error(`signup failed: ${JSON.stringify(res.body)}`);
    return {
      tenantId: res.body.tenant.id as string,
      userId: res.body.user.id as string,
      email,
      token: res.body.accessToken as string,
      refreshToken: res.body.refreshToken as string,
    };
  }

  return {
    identity,
    api,
    db,
    client,
    call,
    signup,
    errors,
    telemetry,
    instruments,
    docs,
    blobs,
    search,
    sync,
    history,
  };
}
export type TestApi = Awaited<ReturnType<typeof openTestApi>>;

import { FieldbookError } from '@fieldbook/shared';
import { auditConfig, type AuditConfig } from './config/auditConfig';
import { EnvSchema } from './config/env';
import { mqttConfig, type MqttConfig } from './config/mqttConfig';
import { webhookConfig, type WebhookConfig } from './config/webhookConfig';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Settings that keep a spawned server in the embedded single-node mode (SQLite
 * files, no Redis) whatever the parent's environment holds: CI exports
 * DATABASE_URL and REDIS_URL for the tests that want the shared mode.
 */
export const EMBEDDED_MODE_ENV = { DATABASE_URL: '', REDIS_URL: '' } as const;

/** Validated server configuration. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Signing secret for the identity layer; never logged. */
  secret: string | undefined;
  /**
   * `tenant` (default when FIELDBOOK_SECRET is set): sign-in, roles and API keys
   * on REST and sync. `dev`: every sync client is a contributor, tokens are
   * signed with a development secret, and the server binds to loopback only.
   */
  authMode: 'dev' | 'tenant';
  /** `normal`: survives a killed process (synchronous=NORMAL); `power`: survives power loss (FULL). */
  durability: 'normal' | 'power';
  logLevel: string;
  maxMessageBytes: number;
  idleUnloadMs: number;
  keepAliveMs: number;
  compactMaxUpdates: number;
  compactMaxBytes: number;
  /** How long an update may wait for others to share its commit (0: the same event-loop turn). */
  groupCommitWindowMs: number;
  /** A group commit this large starts without waiting for its window to end. */
  groupCommitMaxUpdates: number;
  shutdownTimeoutMs: number;
  /** Telemetry older than this is purged. */
  telemetryRetentionDays: number;
  /** An agent silent for longer is OFFLINE and its channels STALE. */
  agentOfflineAfterMs: number;
  /** Samples an agent may have unacknowledged in flight (backpressure). */
  agentCreditWindow: number;
  /** Whether the full-text index (search.db) is kept; off: search answers 503. */
  searchIndex: boolean;
  /** Unsent bytes one sync socket may hold; past it the socket is closed (4413). */
  socketSendCapBytes: number;
  /** Document-level authorization of updates; off only in development mode (the sync benchmark's "checks off"). */
  writeChecks: boolean;
  /** Requests a minute (and burst) per signed-in user, per API key and per tenant. */
  requestLimits: { user: number; apiKey: number; tenant: number };
  /** Shared mode: PostgreSQL for every store instead of SQLite files in dataDir (unset: SQLite). */
  databaseUrl: string | undefined;
  /** Shared mode: Redis for cross-node fan-out, the role bus, rate limits and tickets (unset: in process). */
  redisUrl: string | undefined;
  /** The MQTT bridge: the broker, the edge nodes (with their agent keys; never logged), the client id. */
  mqtt: MqttConfig;
  /** Largest single attachment (bytes). */
  maxAttachmentBytes: number;
  /** Attachment bytes one tenant may store (each distinct blob once). */
  attachmentQuotaBytes: number;
  audit: AuditConfig;
  webhooks: WebhookConfig;
}

/**
 * Reads and validates the configuration from `env`; a bad value throws a
 * VALIDATION_ERROR naming the variable and what is wrong with it.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new FieldbookError(
      'VALIDATION_ERROR',
      `Invalid configuration: ${problems.join('; ')}`,
      problems,
    );
  }
  const e = parsed.data;
  const authMode = e.AUTH_MODE ?? (e.FIELDBOOK_SECRET ? 'tenant' : 'dev');
  if (authMode === 'tenant' && !e.FIELDBOOK_SECRET) {
    throw new FieldbookError(
      'VALIDATION_ERROR',
      'Invalid configuration: FIELDBOOK_SECRET: required (≥ 32 characters) when AUTH_MODE=tenant',
    );
  }
  if (authMode === 'dev' && !LOOPBACK_HOSTS.has(e.HOST)) {
    throw new FieldbookError(
      'VALIDATION_ERROR',
      `Invalid configuration: HOST: development auth mode grants everyone write access, so it only binds to loopback (127.0.0.1, ::1, localhost), not ${e.HOST}`,
    );
  }
  if (e.SYNC_WRITE_CHECKS === 'off' && authMode !== 'dev') {
    throw new FieldbookError(
      'VALIDATION_ERROR',
      'Invalid configuration: SYNC_WRITE_CHECKS: off is for measuring their cost in development mode only',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    secret: e.FIELDBOOK_SECRET,
    authMode,
    durability: e.DURABILITY,
    logLevel: e.LOG_LEVEL,
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    idleUnloadMs: e.IDLE_UNLOAD_MS,
    keepAliveMs: e.KEEPALIVE_MS,
    compactMaxUpdates: e.COMPACT_MAX_UPDATES,
    compactMaxBytes: e.COMPACT_MAX_BYTES,
    groupCommitWindowMs: e.GROUP_COMMIT_WINDOW_MS,
    groupCommitMaxUpdates: e.GROUP_COMMIT_MAX_UPDATES,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    telemetryRetentionDays: e.TELEMETRY_RETENTION_DAYS,
    agentOfflineAfterMs: e.AGENT_OFFLINE_AFTER_MS,
    agentCreditWindow: e.AGENT_CREDIT_WINDOW,
    searchIndex: e.SEARCH_INDEX === 'on',
    socketSendCapBytes: e.SOCKET_SEND_CAP_BYTES,
    writeChecks: e.SYNC_WRITE_CHECKS === 'on',
    requestLimits: {
      user: e.RATE_LIMIT_USER_PER_MINUTE,
      apiKey: e.RATE_LIMIT_API_KEY_PER_MINUTE,
      tenant: e.RATE_LIMIT_TENANT_PER_MINUTE,
    },
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    mqtt: mqttConfig(e),
    maxAttachmentBytes: e.MAX_ATTACHMENT_BYTES,
    attachmentQuotaBytes: e.ATTACHMENT_QUOTA_BYTES,
    audit: auditConfig(e),
    webhooks: webhookConfig(e),
  };
}

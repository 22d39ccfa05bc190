import { readFileSync, realpathSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { z } from 'zod';
import { FieldbookError } from '@fieldbook/shared';
import { parseAuditKeys, type AuditKey } from './audit/keys';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
/** An optional setting where an empty value means unset. */
const optional = <T extends z.ZodType<string>>(schema: T) =>
  z
    .union([z.literal(''), schema])
    .optional()
    .transform((v) => v || undefined);
const httpUrl = z.url({ protocol: /^https?$/ });

/**
 * Settings that keep a spawned server in the embedded single-node mode (SQLite
 * files, no Redis) whatever the parent's environment holds: CI exports
 * DATABASE_URL and REDIS_URL for the tests that want the shared mode.
 */
export const EMBEDDED_MODE_ENV = { DATABASE_URL: '', REDIS_URL: '' } as const;

/** The environment variables the server reads, with defaults and limits. */
const EnvSchema = z.object({
  PORT: int(0, 65535, 4400),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  FIELDBOOK_SECRET: z
    .union([z.literal(''), z.string().min(32, 'must be at least 32 characters')])
    .optional()
    .transform((v) => v || undefined),
  AUTH_MODE: z.enum(['dev', 'tenant']).optional(),
  DURABILITY: z.enum(['normal', 'power']).default('normal'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  MAX_MESSAGE_BYTES: int(1024, 256 * 1024 * 1024, 16 * 1024 * 1024),
  IDLE_UNLOAD_MS: int(0, 24 * 3600 * 1000, 30_000),
  KEEPALIVE_MS: int(100, 3600 * 1000, 30_000),
  COMPACT_MAX_UPDATES: int(1, 10_000_000, 500),
  COMPACT_MAX_BYTES: int(1024, 1024 * 1024 * 1024, 4 * 1024 * 1024),
  GROUP_COMMIT_WINDOW_MS: int(0, 1000, 0),
  GROUP_COMMIT_MAX_UPDATES: int(1, 1_000_000, 1024),
  SHUTDOWN_TIMEOUT_MS: int(0, 600_000, 10_000),
  TELEMETRY_RETENTION_DAYS: int(1, 36_500, 365),
  AGENT_OFFLINE_AFTER_MS: int(1_000, 3600 * 1000, 30_000),
  AGENT_CREDIT_WINDOW: int(20_000, 100_000_000, 100_000),
  SEARCH_INDEX: z.enum(['on', 'off']).default('on'),
  SOCKET_SEND_CAP_BYTES: int(64 * 1024, 1024 ** 3, 4 * 1024 * 1024),
  SYNC_WRITE_CHECKS: z.enum(['on', 'off']).default('on'),
  RATE_LIMIT_USER_PER_MINUTE: int(1, 10_000_000, 1000),
  RATE_LIMIT_API_KEY_PER_MINUTE: int(1, 10_000_000, 1000),
  RATE_LIMIT_TENANT_PER_MINUTE: int(1, 10_000_000, 5000),
  DATABASE_URL: optional(
    z.string().regex(/^postgres(ql)?:\/\//, 'must be postgres://user@host:port/db'),
  ),
  REDIS_URL: optional(z.string().regex(/^rediss?:\/\//, 'must be redis://host:port')),
  MQTT_URL: z
    .string()
    .regex(/^mqtts?:\/\//, 'must be mqtt://host[:port] or mqtts://…')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MQTT_EDGE_NODES: z.string().optional(),
  MQTT_CLIENT_ID: z.string().min(1).max(200).optional(),
  MQTT_REORDER_WINDOW_MS: int(0, 60_000, 1000),
  MQTT_SESSION_EXPIRY_SEC: int(0, 31 * 86_400, 86_400),
  MAX_ATTACHMENT_BYTES: int(1, 64 * 1024 ** 3, 256 * 1024 ** 2),
  ATTACHMENT_QUOTA_BYTES: int(0, 1024 ** 5, 10 * 1024 ** 3),
  AUDIT_KEYS: optional(z.string()),
  AUDIT_KEY_FILE: optional(z.string()),
  AUDIT_SIGNING_KEY_FILE: optional(z.string()),
  AUDIT_CHECKPOINT_INTERVAL_MS: int(1000, 7 * 24 * 3600 * 1000, 600_000),
  AUDIT_CHECKPOINT_FILE: optional(z.string()),
  AUDIT_CHECKPOINT_URL: optional(httpUrl),
  AUDIT_TSA_URL: optional(httpUrl),
  AUDIT_TSA_CA_FILE: optional(z.string()),
  WEBHOOK_ALLOW_HOSTS: z.string().default(''),
  WEBHOOK_CONNECT_TIMEOUT_MS: int(100, 120_000, 5_000),
  WEBHOOK_RESPONSE_TIMEOUT_MS: int(100, 300_000, 10_000),
  WEBHOOK_RETRY_BASE_MS: int(10, 3600 * 1000, 10_000),
  WEBHOOK_RETRY_MAX_MS: int(10, 24 * 3600 * 1000, 3600 * 1000),
  WEBHOOK_GIVE_UP_MS: int(1000, 30 * 24 * 3600 * 1000, 24 * 3600 * 1000),
  WEBHOOK_DISABLE_AFTER_MS: int(1000, 30 * 24 * 3600 * 1000, 24 * 3600 * 1000),
  WEBHOOK_CONCURRENCY: int(1, 1024, 16),
  WEBHOOK_POLL_MS: int(10, 60_000, 1000),
});

/** Keys and publication of the audit trail (src/audit). */
export interface AuditConfig {
  /** HMAC keys, the current one first; empty: derive one from the server secret. */
  keys: AuditKey[];
  /** Ed25519 private key (PEM) that signs checkpoints; undefined: derive one from the server secret. */
  signingKeyPem: string | undefined;
  checkpointIntervalMs: number;
  /** Append-only JSON-lines file of checkpoints, outside DATA_DIR. */
  checkpointFile: string | undefined;
  /** URL each round of checkpoints is POSTed to. */
  checkpointUrl: string | undefined;
  /** RFC 3161 time-stamp authority for checkpoints. */
  tsaUrl: string | undefined;
  /** The TSA's trust anchors (PEM); without them a token is checked against the certificate it carries. */
  tsaCaPem: string | undefined;
}

/** `{"<group>/<edge>": "<agent API key>"}`: the edge nodes the MQTT bridge takes data from. */
const EdgeNodesSchema = z.record(
  z.string().regex(/^[^/+#]+\/[^/+#]+$/, 'keys are "<group>/<edge>"'),
  z.string().min(1),
);

/** MQTT_EDGE_NODES: the JSON object itself, or the path of a file holding it. */
function edgeNodes(value: string | undefined): Record<string, string> {
  if (!value) return {};
  let text = value;
  try {
    if (!value.trim().startsWith('{')) text = readFileSync(value, 'utf8');
    return EdgeNodesSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new FieldbookError(
      'VALIDATION_ERROR',
      `Invalid configuration: MQTT_EDGE_NODES: expected {"<group>/<edge>": "<agent API key>"} or a file with it (${error instanceof Error ? error.message.slice(0, 200) : 'unreadable'})`,
    );
  }
}

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
  mqtt: {
    url: string | undefined;
    edgeNodes: Record<string, string>;
    clientId: string;
    reorderWindowMs: number;
    /** How long the broker keeps the bridge's session while it is away. */
    sessionExpirySec: number;
  };
  /** Largest single attachment (bytes). */
  maxAttachmentBytes: number;
  /** Attachment bytes one tenant may store (each distinct blob once). */
  attachmentQuotaBytes: number;
  audit: AuditConfig;
  webhooks: WebhookConfig;
}

/** Webhook delivery: which private hosts may be targets, timeouts, retries, parallelism. */
export interface WebhookConfig {
  /** Hosts (names or IPs, lower case) allowed to resolve to private or loopback addresses. */
  allowHosts: string[];
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** A delivery still failing this long after it was queued is marked failed. */
  giveUpMs: number;
  /** A webhook whose deliveries all fail this long is switched off and its admins told. */
  disableAfterMs: number;
  concurrency: number;
  pollMs: number;
}

const invalid = (name: string, message: string) =>
  new FieldbookError('VALIDATION_ERROR', `Invalid configuration: ${name}: ${message}`);

/** The real path of `path`, or of its nearest existing ancestor joined with the rest. */
function realish(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : resolve(realish(parent), relative(parent, abs));
  }
}

/** Refuses a path inside DATA_DIR: what anchors the audit trail must not live beside the database. */
function outsideDataDir(
  name: string,
  path: string | undefined,
  dataDir: string,
): string | undefined {
  if (path === undefined) return undefined;
  const rel = relative(realish(dataDir), realish(path));
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
    throw invalid(
      name,
      `must be outside DATA_DIR (${dataDir}), so it is not copied, restored or rewritten with the database`,
    );
  }
  return path;
}

function readSetting(name: string, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw invalid(name, `cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function auditConfig(e: z.output<typeof EnvSchema>): AuditConfig {
  if (e.AUDIT_KEYS && e.AUDIT_KEY_FILE)
    throw invalid('AUDIT_KEYS', 'set AUDIT_KEYS or AUDIT_KEY_FILE, not both');
  const keyFile = outsideDataDir('AUDIT_KEY_FILE', e.AUDIT_KEY_FILE, e.DATA_DIR);
  const keyText = e.AUDIT_KEYS ?? readSetting('AUDIT_KEY_FILE', keyFile);
  const signingFile = outsideDataDir(
    'AUDIT_SIGNING_KEY_FILE',
    e.AUDIT_SIGNING_KEY_FILE,
    e.DATA_DIR,
  );
  return {
    keys:
      keyText === undefined
        ? []
        : parseAuditKeys(keyText, e.AUDIT_KEYS ? 'AUDIT_KEYS' : 'AUDIT_KEY_FILE'),
    signingKeyPem: readSetting('AUDIT_SIGNING_KEY_FILE', signingFile),
    checkpointIntervalMs: e.AUDIT_CHECKPOINT_INTERVAL_MS,
    checkpointFile: outsideDataDir('AUDIT_CHECKPOINT_FILE', e.AUDIT_CHECKPOINT_FILE, e.DATA_DIR),
    checkpointUrl: e.AUDIT_CHECKPOINT_URL,
    tsaUrl: e.AUDIT_TSA_URL,
    tsaCaPem: readSetting('AUDIT_TSA_CA_FILE', e.AUDIT_TSA_CA_FILE),
  };
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
    mqtt: {
      url: e.MQTT_URL,
      edgeNodes: edgeNodes(e.MQTT_EDGE_NODES),
      clientId: e.MQTT_CLIENT_ID ?? `fieldbook-${hostname()}-${e.PORT}`,
      reorderWindowMs: e.MQTT_REORDER_WINDOW_MS,
      sessionExpirySec: e.MQTT_SESSION_EXPIRY_SEC,
    },
    maxAttachmentBytes: e.MAX_ATTACHMENT_BYTES,
    attachmentQuotaBytes: e.ATTACHMENT_QUOTA_BYTES,
    audit: auditConfig(e),
    webhooks: {
      allowHosts: e.WEBHOOK_ALLOW_HOSTS.split(',')
        .map((h) =>
          h
            .trim()
            .replace(/^\[|\]$/g, '')
            .toLowerCase(),
        )
        .filter(Boolean),
      connectTimeoutMs: e.WEBHOOK_CONNECT_TIMEOUT_MS,
      responseTimeoutMs: e.WEBHOOK_RESPONSE_TIMEOUT_MS,
      retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
      retryMaxMs: e.WEBHOOK_RETRY_MAX_MS,
      giveUpMs: e.WEBHOOK_GIVE_UP_MS,
      disableAfterMs: e.WEBHOOK_DISABLE_AFTER_MS,
      concurrency: e.WEBHOOK_CONCURRENCY,
      pollMs: e.WEBHOOK_POLL_MS,
    },
  };
}

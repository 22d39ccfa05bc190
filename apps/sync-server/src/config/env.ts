import { z } from 'zod';

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
 * The environment variables the server reads, with defaults and limits: the
 * parsing step of loadConfig, kept apart from what each feature builds of it.
 */
export const EnvSchema = z.object({
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

/** The server's environment once parsed: every variable typed, defaults filled in. */
export type Env = z.output<typeof EnvSchema>;

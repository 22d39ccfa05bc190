import type { Env } from './env';

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

/** Webhook delivery's settings; WEBHOOK_ALLOW_HOSTS is a comma list (IPv6 brackets allowed). */
export function webhookConfig(e: Env): WebhookConfig {
  return {
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
  };
}

import { join } from 'node:path';
import type { Config } from '../config';
import type { Identity } from '../identity/identity';
import type { Logger } from '../log';
import type { Postgres } from '../postgres/connection';
import { DeliveryWorker } from './deliveryWorker';
import type { EventBus } from './events';
import { SecretBox } from './secretBox';
import { sendDelivery } from './sender';
import { openSqliteWebhookStore } from './sqlite/sqliteWebhookStore';
import { WebhookService } from './webhookService';
import type { WebhookRecord, WebhookStore } from './webhookStore';

/** Webhooks as the server wires them in. */
export interface ServerWebhooks {
  store: WebhookStore;
  service: WebhookService;
  worker: DeliveryWorker;
  /** Starts the delivery worker (ending leases a killed process left). */
  start(): Promise<void>;
  /** Stops the worker (waits for deliveries in flight) and closes the store. */
  close(): Promise<void>;
}

/**
 * Opens the webhook store (on `postgres` when given, migrated first, its
 * delivery queue shared with the other nodes; else in DATA_DIR/integrations.db)
 * and wires the service
 * (fed from `bus`) and the delivery worker. `onDisabled` hears of a webhook
 * switched off after failing for a day (its admins are notified).
 */
export async function openServerWebhooks(options: {
  config: Config;
  secret: string;
  identity: Identity;
  bus: EventBus;
  log: Logger;
  onDisabled(hook: WebhookRecord): void;
  /** The shared database; null or absent: SQLite in DATA_DIR. */
  postgres?: Postgres | null;
}): Promise<ServerWebhooks> {
  const { config, log } = options;
  const w = config.webhooks;
  const store = options.postgres
    ? await (
        await import('./postgres/postgresWebhookStore')
      ).openPostgresWebhookStore(options.postgres)
    : openSqliteWebhookStore({
        file: join(config.dataDir, 'integrations.db'),
        durability: config.durability,
      });
  const box = new SecretBox(options.secret);
  const allow = new Set(w.allowHosts);
  const worker = new DeliveryWorker({
    store,
    box,
    send: sendDelivery,
    limits: { connectTimeoutMs: w.connectTimeoutMs, responseTimeoutMs: w.responseTimeoutMs, allow },
    retry: { baseMs: w.retryBaseMs, maxDelayMs: w.retryMaxMs, giveUpAfterMs: w.giveUpMs },
    concurrency: w.concurrency,
    pollMs: w.pollMs,
    disableAfterMs: w.disableAfterMs,
    onDisabled: (hook) => {
      log.warn(
        { webhookId: hook.id, workspaceId: hook.workspaceId },
        'webhook switched off after failing',
      );
      options.onDisabled(hook);
    },
    onError: (err) => log.error({ err }, 'webhook delivery'),
  });
  const service = new WebhookService({
    store,
    identity: options.identity,
    box,
    allow,
    wake: () => worker.wake(),
  });
  let dispatching: Promise<unknown> = Promise.resolve();
  const unsubscribe = options.bus.subscribe((events) => {
    dispatching = dispatching
      .then(() => service.dispatch(events))
      .catch((err) => log.error({ err }, 'webhook dispatch'));
  });
  return {
    store,
    service,
    worker,
    start: () => worker.start(),
    async close() {
      unsubscribe();
      await dispatching;
      await worker.stop();
      await store.close();
    },
  };
}

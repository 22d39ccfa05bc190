import { join } from 'node:path';
import type { Config } from '../config';
import type { Identity } from '../identity/identity';
import type { Logger } from '../log';
import type { Postgres } from '../postgres/connection';
import type { NotificationService } from '../notifications/notificationService';
import type { EventBus } from '../webhooks/events';
import { evaluateAlerts } from './alertEvaluator';
import { AlertService } from './alertService';
import type { AlertStore } from './alertStore';
import { openSqliteAlertStore } from './sqlite/sqliteAlertStore';

/** Alert rules as the server wires them in. */
export interface ServerAlerts {
  store: AlertStore;
  service: AlertService;
  /** Waits for the evaluations queued so far (tests, shutdown). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the alert store (on `postgres` when given, migrated first; else in
 * DATA_DIR/integrations.db) and evaluates the rules
 * on every annotation event of the bus, in order, off the sync path.
 */
export async function openServerAlerts(options: {
  config: Config;
  identity: Identity;
  bus: EventBus;
  notifications: NotificationService;
  log: Logger;
  /** The shared database; null or absent: SQLite in DATA_DIR. */
  postgres?: Postgres | null;
}): Promise<ServerAlerts> {
  const { config, bus, log } = options;
  const store = options.postgres
    ? await (await import('./postgres/postgresAlertStore')).openPostgresAlertStore(options.postgres)
    : openSqliteAlertStore({
        file: join(config.dataDir, 'integrations.db'),
        durability: config.durability,
      });
  const onError = (err: unknown) => log.error({ err }, 'alert rules');
  const service = new AlertService({
    store,
    identity: options.identity,
    notifications: options.notifications,
    publish: (events) => bus.publish(events, onError),
  });
  let chain: Promise<void> = Promise.resolve();
  const unsubscribe = bus.subscribe((events) => {
    chain = chain
      .then(async () => {
        for (const e of events)
          for (const fired of await evaluateAlerts(store, e)) await service.act(fired);
      })
      .catch(onError);
  });
  return {
    store,
    service,
    settled: () => chain,
    async close() {
      unsubscribe();
      await chain;
      await store.close();
    },
  };
}

import { join } from 'node:path';
import type { EventActor } from '@fieldbook/shared';
import type { ChangeFeed } from '../changes/changeFeed';
import type { Config } from '../config';
import type { Identity } from '../identity/identity';
import type { Logger } from '../log';
import type { Postgres } from '../postgres/connection';
import type { EventBus } from '../webhooks/events';
import type { WebhookRecord } from '../webhooks/webhookStore';
import { NotificationService } from './notificationService';
import type { NotificationStore } from './notificationStore';
import { watchNoteMentions } from './noteMentions';
import { notificationsFor, type TriggerContext } from './notificationTriggers';
import { openSqliteNotificationStore } from './sqlite/sqliteNotificationStore';

/** Notifications as the server wires them in. */
export interface ServerNotifications {
  store: NotificationStore;
  service: NotificationService;
  /** Tells the workspace's admins that `hook` was switched off for failing. */
  webhookDisabled(hook: WebhookRecord): void;
  close(): Promise<void>;
}

/**
 * Opens the notification store (on `postgres` when given, migrated first;
 * else in DATA_DIR/integrations.db) and turns the
 * bus's events into notifications (in order, off the request path), and
 * tells members mentioned in notes (from the change feed).
 */
export async function openServerNotifications(options: {
  config: Config;
  identity: Identity;
  bus: EventBus;
  feed: ChangeFeed;
  actorOf(principalId: string): EventActor;
  openBy: TriggerContext['openBy'];
  log: Logger;
  /** The shared database; null or absent: SQLite in DATA_DIR. */
  postgres?: Postgres | null;
}): Promise<ServerNotifications> {
  const { config, identity, log } = options;
  const store = options.postgres
    ? await (
        await import('./postgres/postgresNotificationStore')
      ).openPostgresNotificationStore(options.postgres)
    : openSqliteNotificationStore({
        file: join(config.dataDir, 'integrations.db'),
        durability: config.durability,
      });
  const service = new NotificationService(store);
  const ctx: TriggerContext = { identity: identity.store, openBy: options.openBy };
  let chain: Promise<unknown> = Promise.resolve();
  const queue = (work: () => Promise<unknown>) => {
    chain = chain.then(work).catch((err) => log.error({ err }, 'notifications'));
  };
  const unsubscribe = options.bus.subscribe((events) =>
    queue(async () => {
      for (const e of events) await service.notify(await notificationsFor(ctx, e));
    }),
  );
  const noteMentions = watchNoteMentions({
    feed: options.feed,
    identity: identity.store,
    actorOf: options.actorOf,
    notify: (drafts) => service.notify(drafts),
    onError: (err) => log.error({ err }, 'note mentions'),
  });
  return {
    store,
    service,
    webhookDisabled(hook) {
      queue(async () => {
        const page = await identity.store.listMembers(hook.tenantId, hook.workspaceId, null, 500);
        await service.notify(
          page.items
            .filter((m) => m.role === 'admin')
            .map((m) => ({
              tenantId: hook.tenantId,
              userId: m.userId,
              kind: 'webhook.disabled' as const,
              title: 'A webhook was switched off',
              body: `Every delivery to ${hook.url} failed for a day (${hook.disabledReason ?? ''}).`,
              link: {
                workspaceId: hook.workspaceId,
                docId: null,
                annotationId: null,
                page: 'webhooks' as const,
                targetId: hook.id,
              },
              actor: null,
            })),
        );
      });
    },
    async close() {
      unsubscribe();
      await noteMentions.stop();
      await chain;
      await store.close();
    },
  };
}

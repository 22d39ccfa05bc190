import { and, count, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { Postgres } from '../../postgres/connection';
import { migratePostgres } from '../../postgres/migrate';
import type { NotificationRecord, NotificationStore } from '../notificationStore';
import { notifications } from './schema';

/** Migrates the notification tables on `pg` and opens the store on them. */
export async function openPostgresNotificationStore(pg: Postgres): Promise<NotificationStore> {
  await migratePostgres(pg, 'notifications');
  return postgresNotificationStore(pg);
}

/**
 * The notification store on PostgreSQL (tables migrated). Every write is one
 * statement, so nodes sharing the database need no coordination; `close`
 * leaves the shared pool open.
 */
export function postgresNotificationStore(pg: Postgres): NotificationStore {
  const { db } = pg;
  const mine = (tenantId: string, userId: string) =>
    and(eq(notifications.tenantId, tenantId), eq(notifications.userId, userId));
  return {
    async insert(records) {
      if (records.length > 0) await db.insert(notifications).values([...records]);
    },
    async list(tenantId, userId, { before, limit, unreadOnly }) {
      const rows = await db
        .select()
        .from(notifications)
        .where(
          and(
            mine(tenantId, userId),
            before === null ? undefined : lt(notifications.id, before),
            unreadOnly ? isNull(notifications.readAt) : undefined,
          ),
        )
        .orderBy(desc(notifications.id))
        .limit(limit);
      return rows as NotificationRecord[];
    },
    async unreadCount(tenantId, userId) {
      const [row] = await db
        .select({ n: count() })
        .from(notifications)
        .where(and(mine(tenantId, userId), isNull(notifications.readAt)));
      return row?.n ?? 0;
    },
    async markRead(tenantId, userId, ids, at) {
      if (ids !== 'all' && ids.length === 0) return 0;
      const changed = await db
        .update(notifications)
        .set({ readAt: at })
        .where(
          and(
            mine(tenantId, userId),
            isNull(notifications.readAt),
            ids === 'all' ? undefined : inArray(notifications.id, [...ids]),
          ),
        )
        .returning({ id: notifications.id });
      return changed.length;
    },
    async remove(tenantId, userId, id) {
      const gone = await db
        .delete(notifications)
        .where(and(mine(tenantId, userId), eq(notifications.id, id)))
        .returning({ id: notifications.id });
      return gone.length > 0;
    },
    async close() {},
  };
}

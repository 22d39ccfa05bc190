import type Database from 'better-sqlite3';
import type { EventActor, NotificationKind, NotificationLink } from '@fieldbook/shared';
import { openIntegrationsDb } from '../../webhooks/sqlite/openIntegrationsDb';
import type { NotificationRecord, NotificationStore } from '../notificationStore';

interface Row {
  tenant_id: string;
  user_id: string;
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  actor: string | null;
  created_at: number;
  read_at: number | null;
}

const toRecord = (r: Row): NotificationRecord => ({
  tenantId: r.tenant_id,
  userId: r.user_id,
  id: r.id,
  kind: r.kind as NotificationKind,
  title: r.title,
  body: r.body,
  link: JSON.parse(r.link) as NotificationLink,
  actor: r.actor ? (JSON.parse(r.actor) as EventActor) : null,
  createdAt: r.created_at,
  readAt: r.read_at,
});

/** Opens the SQLite notification store on integrations.db at `file`. */
export function openSqliteNotificationStore(options: {
  file: string;
  durability?: 'normal' | 'power';
}): NotificationStore {
  return sqliteNotificationStore(openIntegrationsDb(options));
}

/** The notification store on an open, migrated integrations.db connection (closed by `close`). */
export function sqliteNotificationStore(db: Database.Database): NotificationStore {
  const insertOne = db.prepare(
    `INSERT INTO notifications (tenant_id, user_id, id, kind, title, body, link, actor, created_at, read_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAll = db.transaction((records: readonly NotificationRecord[]) => {
    for (const n of records)
      insertOne.run(
        n.tenantId,
        n.userId,
        n.id,
        n.kind,
        n.title,
        n.body,
        JSON.stringify(n.link),
        n.actor ? JSON.stringify(n.actor) : null,
        n.createdAt,
        n.readAt,
      );
  });
  return {
    async insert(records) {
      insertAll(records);
    },
    async list(tenantId, userId, { before, limit, unreadOnly }) {
      return db
        .prepare<[string, string, string, number], Row>(
          `SELECT * FROM notifications WHERE tenant_id = ? AND user_id = ? AND id < ?
             ${unreadOnly ? 'AND read_at IS NULL' : ''} ORDER BY id DESC LIMIT ?`,
        )
        .all(tenantId, userId, before ?? '\uffff', limit)
        .map(toRecord);
    },
    async unreadCount(tenantId, userId) {
      return (
        db
          .prepare<[string, string], { n: number }>(
            'SELECT count(*) AS n FROM notifications WHERE tenant_id = ? AND user_id = ? AND read_at IS NULL',
          )
          .get(tenantId, userId)?.n ?? 0
      );
    },
    async markRead(tenantId, userId, ids, at) {
      if (ids === 'all')
        return db
          .prepare(
            'UPDATE notifications SET read_at = ? WHERE tenant_id = ? AND user_id = ? AND read_at IS NULL',
          )
          .run(at, tenantId, userId).changes;
      const one = db.prepare(
        'UPDATE notifications SET read_at = ? WHERE tenant_id = ? AND user_id = ? AND id = ? AND read_at IS NULL',
      );
      return db.transaction(() =>
        ids.reduce((n, id) => n + one.run(at, tenantId, userId, id).changes, 0),
      )();
    },
    async remove(tenantId, userId, id) {
      return (
        db
          .prepare('DELETE FROM notifications WHERE tenant_id = ? AND user_id = ? AND id = ?')
          .run(tenantId, userId, id).changes > 0
      );
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

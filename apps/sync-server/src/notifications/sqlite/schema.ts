import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Per-user notifications, in integrations.db (migrations in drizzle/integrations). */
export const notifications = sqliteTable(
  'notifications',
  {
    tenantId: text('tenant_id').notNull(),
    userId: text('user_id').notNull(),
    id: text('id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link').notNull(),
    actor: text('actor'),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId, t.id] }),
    index('notifications_unread').on(t.tenantId, t.userId, t.readAt),
  ],
);

import type { EventActor, NotificationKind, NotificationLink } from '@fieldbook/shared';
import { bigint, index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** Per-user notifications on PostgreSQL (migrations in drizzle/pg/notifications). */
export const notifications = pgTable(
  'notifications',
  {
    tenantId: text('tenant_id').notNull(),
    userId: text('user_id').notNull(),
    id: text('id').notNull(),
    kind: text('kind').$type<NotificationKind>().notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: jsonb('link').$type<NotificationLink>().notNull(),
    actor: jsonb('actor').$type<EventActor>(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    readAt: bigint('read_at', { mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId, t.id] }),
    index('notifications_unread').on(t.tenantId, t.userId, t.readAt),
  ],
);

import type { Notification } from '@fieldbook/shared';

/** A notification as stored: the API's view plus whose it is. */
export interface NotificationRecord extends Notification {
  tenantId: string;
  userId: string;
}

/**
 * Storage of per-user notifications. Every call is scoped by tenant and
 * user: nobody reads, marks or deletes another's notification.
 */
export interface NotificationStore {
  insert(records: readonly NotificationRecord[]): Promise<void>;
  /** The user's notifications, newest first, with ids below `before` when given. */
  list(
    tenantId: string,
    userId: string,
    options: { before: string | null; limit: number; unreadOnly: boolean },
  ): Promise<NotificationRecord[]>;
  unreadCount(tenantId: string, userId: string): Promise<number>;
  /** Marks the listed (or all, for `'all'`) unread notifications read at `at`; answers how many changed. */
  markRead(
    tenantId: string,
    userId: string,
    ids: readonly string[] | 'all',
    at: number,
  ): Promise<number>;
  /** Deletes one; false when the user has no such notification. */
  remove(tenantId: string, userId: string, id: string): Promise<boolean>;
  close(): Promise<void>;
}

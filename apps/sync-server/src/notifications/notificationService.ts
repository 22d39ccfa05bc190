import { EventEmitter } from 'node:events';
import { FieldbookError, newId, type Notification } from '@fieldbook/shared';
import type { Principal } from '../identity/principal';
import type { NotificationRecord, NotificationStore } from './notificationStore';

/** What a source asks to tell some users; the service adds ids and times. */
export type NotificationDraft = Omit<NotificationRecord, 'id' | 'createdAt' | 'readAt'>;

/** What a live listener hears: a new notification, or the unread count after a change. */
export type LiveNotice =
  | { type: 'notification'; notification: Notification; unread: number }
  | { type: 'unread'; unread: number };

const userKey = (tenantId: string, userId: string) => `${tenantId}\n${userId}`;

/** The API's view of a stored notification. */
export function notificationView(n: NotificationRecord): Notification {
  const { tenantId: _t, userId: _u, ...view } = n;
  return view;
}

/**
 * Per-user notifications: stores what the triggers draft, tells the user's
 * open apps at once (live listeners), and serves list, mark read and delete —
 * always the signed-in user's own (API keys have no notifications).
 */
export class NotificationService {
  private readonly live = new EventEmitter();

  constructor(
    private readonly store: NotificationStore,
    private readonly now: () => number = Date.now,
  ) {
    this.live.setMaxListeners(0);
  }

  /** Stores the drafts and pushes each to its user's live listeners. */
  async notify(drafts: readonly NotificationDraft[]): Promise<NotificationRecord[]> {
    if (drafts.length === 0) return [];
    const now = this.now();
    const records = drafts.map((d) => ({ ...d, id: newId(now), createdAt: now, readAt: null }));
    await this.store.insert(records);
    for (const r of records) {
      const key = userKey(r.tenantId, r.userId);
      if (this.live.listenerCount(key) === 0) continue;
      const unread = await this.store.unreadCount(r.tenantId, r.userId);
      this.live.emit(key, { type: 'notification', notification: notificationView(r), unread });
    }
    return records;
  }

  /** Starts telling `listener` of the user's notifications; returns the unsubscribe. */
  listen(principal: Principal, listener: (notice: LiveNotice) => void): () => void {
    const key = userKey(principal.tenantId, this.userOf(principal));
    this.live.on(key, listener);
    return () => this.live.off(key, listener);
  }

  /** A page of the caller's notifications, newest first, and the unread count. */
  async list(
    principal: Principal,
    options: { before: string | null; limit: number; unreadOnly: boolean },
  ): Promise<{ items: Notification[]; next: string | null; unread: number }> {
    const userId = this.userOf(principal);
    const rows = await this.store.list(principal.tenantId, userId, {
      ...options,
      limit: options.limit + 1,
    });
    const items = rows.slice(0, options.limit).map(notificationView);
    return {
      items,
      next: rows.length > options.limit ? items.at(-1)!.id : null,
      unread: await this.store.unreadCount(principal.tenantId, userId),
    };
  }

  /** Marks the listed (or all) notifications read; answers the unread count left. */
  async markRead(principal: Principal, ids: readonly string[] | 'all'): Promise<number> {
    const userId = this.userOf(principal);
    await this.store.markRead(principal.tenantId, userId, ids, this.now());
    return this.changed(principal.tenantId, userId);
  }

  /** Deletes one of the caller's notifications; another's is not found. */
  async remove(principal: Principal, id: string): Promise<void> {
    const userId = this.userOf(principal);
    if (!(await this.store.remove(principal.tenantId, userId, id)))
      throw new FieldbookError('RESOURCE_NOT_FOUND', 'Notification not found');
    await this.changed(principal.tenantId, userId);
  }

  private async changed(tenantId: string, userId: string): Promise<number> {
    const unread = await this.store.unreadCount(tenantId, userId);
    this.live.emit(userKey(tenantId, userId), { type: 'unread', unread });
    return unread;
  }

  private userOf(principal: Principal): string {
    if (principal.kind !== 'user')
      throw new FieldbookError(
        'AUTH_INSUFFICIENT_PERMISSIONS',
        'Notifications belong to signed-in users, not API keys',
      );
    return principal.userId;
  }
}

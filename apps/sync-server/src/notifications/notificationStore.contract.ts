import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import type { NotificationRecord, NotificationStore } from './notificationStore';

const T1 = newId();
const T2 = newId();

function note(userId: string, over: Partial<NotificationRecord> = {}): NotificationRecord {
  return {
    tenantId: T1,
    userId,
    id: newId(),
    kind: 'mention',
    title: 'Ada mentioned you',
    body: '@grace look at this',
    link: {
      workspaceId: newId(),
      docId: newId(),
      annotationId: null,
      page: 'document',
      targetId: null,
    },
    actor: { type: 'user', id: 'ada', label: 'ada@example.org' },
    createdAt: 1000,
    readAt: null,
    ...over,
  };
}

/** The behaviour every NotificationStore must show; run it on each implementation. */
export function notificationStoreContract(
  name: string,
  open: () => Promise<{ store: NotificationStore; cleanup(): void }>,
) {
  describe(`NotificationStore contract: ${name}`, () => {
    let store: NotificationStore;
    let cleanup: () => void;
    beforeEach(async () => ({ store, cleanup } = await open()));
    afterEach(async () => {
      await store.close();
      cleanup();
    });

    it('lists a user’s notifications newest first, in pages, and counts the unread', async () => {
      const ns = [note('grace'), note('grace'), note('grace')];
      await store.insert([...ns, note('ada')]);
      const page = await store.list(T1, 'grace', { before: null, limit: 2, unreadOnly: false });
      expect(page.map((n) => n.id)).toEqual([ns[2]!.id, ns[1]!.id]);
      expect(page[0]).toEqual(ns[2]);
      const rest = await store.list(T1, 'grace', {
        before: ns[1]!.id,
        limit: 2,
        unreadOnly: false,
      });
      expect(rest.map((n) => n.id)).toEqual([ns[0]!.id]);
      expect(await store.unreadCount(T1, 'grace')).toBe(3);
      expect(await store.unreadCount(T2, 'grace')).toBe(0);
    });

    it('marks listed or all read, only the user’s own, and filters unread', async () => {
      const ns = [note('grace'), note('grace'), note('grace')];
      const other = note('ada');
      await store.insert([...ns, other]);
      expect(await store.markRead(T1, 'grace', [ns[0]!.id, other.id], 5)).toBe(1);
      expect(await store.markRead(T2, 'grace', 'all', 5)).toBe(0);
      const unread = await store.list(T1, 'grace', { before: null, limit: 10, unreadOnly: true });
      expect(unread.map((n) => n.id)).toEqual([ns[2]!.id, ns[1]!.id]);
      expect(await store.markRead(T1, 'grace', 'all', 6)).toBe(2);
      expect(await store.unreadCount(T1, 'grace')).toBe(0);
      expect(await store.unreadCount(T1, 'ada')).toBe(1);
      const all = await store.list(T1, 'grace', { before: null, limit: 10, unreadOnly: false });
      expect(all.map((n) => n.readAt)).toEqual([6, 6, 5]);
    });

    it('deletes only the user’s own notification', async () => {
      const n = note('grace');
      await store.insert([n]);
      expect(await store.remove(T1, 'ada', n.id)).toBe(false);
      expect(await store.remove(T2, 'grace', n.id)).toBe(false);
      expect(await store.remove(T1, 'grace', n.id)).toBe(true);
      expect(await store.list(T1, 'grace', { before: null, limit: 10, unreadOnly: false })).toEqual(
        [],
      );
    });
  });
}

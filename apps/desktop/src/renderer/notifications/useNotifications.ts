import type { Notification } from '@fieldbook/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ShellActions } from '../actions';
import {
  deleteNotification,
  followNotifications,
  listNotifications,
  markRead,
} from './notificationsApi';

/** Reconnect waits for the live stream: from 1 s, doubling, at most 30 s. */
const RETRY_MS = [1000, 2000, 4000, 8000, 16000, 30000];

/** The notifications the bell shows, kept live, and what the user can do with them. */
export interface NotificationsModel {
  items: Notification[];
  unread: number;
  /** Null until the first list arrived; a sentence when it could not be read. */
  error: string | null;
  loaded: boolean;
  markRead(ids: string[] | 'all'): Promise<void>;
  remove(id: string): Promise<void>;
}

/**
 * Loads the signed-in user's notifications and follows the server's live
 * stream (reconnecting with backoff), so a new one shows at once; `onLive`
 * hears each one the stream brings (for desktop notifications). A local
 * profile has none.
 */
export function useNotifications(
  actions: ShellActions,
  serverUrl: string | null,
  onLive?: (n: Notification) => void,
): NotificationsModel {
  const live = useRef(onLive);
  live.current = onLive;
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    if (!serverUrl) return;
    const abort = new AbortController();
    let attempt = 0;
    const refresh = async () => {
      const api = actions.sessions.api();
      if (!api) return;
      const page = await listNotifications(api);
      setItems(page.items);
      setUnread(page.unread);
      setLoaded(true);
      setError(null);
    };
    const follow = async () => {
      while (!abort.signal.aborted) {
        try {
          await refresh();
          await followNotifications(
            serverUrl,
            actions.sessions.accessToken(),
            (notice) => {
              attempt = 0;
              setUnread(notice.unread);
              if (notice.type !== 'notification') return;
              setItems((old) => [
                notice.notification,
                ...old.filter((n) => n.id !== notice.notification.id),
              ]);
              live.current?.(notice.notification);
            },
            abort.signal,
          );
        } catch (err) {
          if (abort.signal.aborted) return;
          setError(
            err instanceof Error && err.message.includes('reached')
              ? err.message
              : 'Notifications are unavailable right now',
          );
        }
        const wait = RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]!;
        await new Promise((r) => setTimeout(r, wait));
      }
    };
    void follow();
    return () => abort.abort();
  }, [actions, serverUrl]);

  const read = useCallback(
    async (ids: string[] | 'all') => {
      const api = actions.sessions.api();
      if (!api) return;
      const now = Date.now();
      setItems((old) =>
        old.map((n) =>
          ids === 'all' || ids.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n,
        ),
      );
      setUnread(await markRead(api, ids));
    },
    [actions],
  );
  const remove = useCallback(
    async (id: string) => {
      const api = actions.sessions.api();
      if (!api) return;
      setItems((old) => old.filter((n) => n.id !== id));
      await deleteNotification(api, id);
    },
    [actions],
  );
  return { items, unread, error, loaded, markRead: read, remove };
}

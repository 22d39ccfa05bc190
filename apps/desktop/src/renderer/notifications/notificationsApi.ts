import { NotificationSchema, type Notification } from '@fieldbook/shared';
import { z } from 'zod';
import type { ServerApi } from '../session/serverApi';

const Page = z.object({
  items: z.array(NotificationSchema),
  nextCursor: z.string().nullable(),
  unread: z.number(),
});
const Unread = z.object({ unread: z.number() });

/** A live message of `GET /notifications/stream`. */
export type LiveNotice =
  | { type: 'notification'; notification: Notification; unread: number }
  | { type: 'unread'; unread: number };

/** The user's newest notifications and the unread count. */
export function listNotifications(api: ServerApi, limit = 30) {
  return api.request('GET', `/notifications?limit=${limit}`, Page);
}

/** Marks the listed notifications (or all) read; answers the unread count left. */
export async function markRead(api: ServerApi, ids: string[] | 'all'): Promise<number> {
  const body = ids === 'all' ? { all: true } : { ids };
  return (await api.request('POST', '/notifications/read', Unread, body)).unread;
}

/** Deletes one notification. */
export async function deleteNotification(api: ServerApi, id: string): Promise<void> {
  await api.request('DELETE', `/notifications/${id}`, z.unknown());
}

/**
 * Follows the server-sent event stream of the user's notifications (fetch with
 * a bearer header: EventSource cannot send one) until `signal` aborts;
 * resolves when the stream ends, rejects when it cannot open.
 */
export async function followNotifications(
  serverUrl: string,
  token: string,
  onNotice: (notice: LiveNotice) => void,
  signal: AbortSignal,
): Promise<void> {
  const res = await fetch(`${serverUrl}/api/v1/notifications/stream`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal,
  });
  if (!res.ok || !res.body) throw new Error(`notification stream answered ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const data = buffer
        .slice(0, end)
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trimStart())
        .join('\n');
      buffer = buffer.slice(end + 2);
      if (data) onNotice(JSON.parse(data) as LiveNotice);
    }
  }
}

// What the status-bar test does to a page's sync sockets and local copies:
// holds the sockets (signing in, the server not answering yet), passes them
// through, or slows the server's answers on one of them; and alters a
// document's stored text in IndexedDB while the app is closed.
import type { Page, WebSocketRoute } from 'playwright-core';

/**
 * How new sync sockets are treated: held open with no answer, passed to the
 * server, or passed with the server's messages delayed on the `nth` socket
 * (counted from 1) whose URL ends with `slowSocket`.
 */
export type SocketMode =
  'hold' | 'pass' | { readonly slowSocket: string; readonly nth: number; readonly delayMs: number };

/** Routes the page's `/sync/` sockets by `mode()` at the time each opens; held ones go in `held`. */
export async function routeSyncSockets(
  page: Page,
  mode: () => SocketMode,
  held: WebSocketRoute[],
): Promise<void> {
  let seen = 0;
  await page.routeWebSocket(/\/sync\//, (ws) => {
    const now = mode();
    if (now === 'hold') {
      held.push(ws);
      return;
    }
    const server = ws.connectToServer();
    if (now === 'pass' || !ws.url().endsWith(now.slowSocket)) return;
    seen += 1;
    if (seen !== now.nth) return;
    server.onMessage((m) => setTimeout(() => ws.send(m), now.delayMs));
    ws.onMessage((m) => server.send(m));
  });
}

/**
 * Replaces `from` by `to` (same length) in every stored update of a
 * document's IndexedDB copy, on a page of the app's origin with no app
 * running; returns how many updates changed. The ids stay, so the copy's
 * state vector still matches the server's: only a content hash can tell.
 */
export function alterStoredText(
  page: Page,
  docId: string,
  from: string,
  to: string,
): Promise<number> {
  return page.evaluate(
    async ({ docId, from, to }) => {
      const name = (await indexedDB.databases())
        .map((d) => d.name ?? '')
        .find((n) => n.endsWith(`/${docId}`));
      if (!name) throw new Error(`no local copy of ${docId}`);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error ?? new Error('open failed'));
      });
      const needle = new TextEncoder().encode(from);
      const patch = new TextEncoder().encode(to);
      let changed = 0;
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('updates', 'readwrite');
        const cursor = tx.objectStore('updates').openCursor();
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c) return;
          const bytes = new Uint8Array(c.value as Uint8Array);
          let hit = false;
          for (let i = 0; i + needle.length <= bytes.length; i++) {
            if (needle.every((b, k) => bytes[i + k] === b)) {
              bytes.set(patch, i);
              hit = true;
            }
          }
          if (hit) {
            changed += 1;
            c.update(bytes);
          }
          c.continue();
        };
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('transaction failed'));
      });
      db.close();
      return changed;
    },
    { docId, from, to },
  );
}

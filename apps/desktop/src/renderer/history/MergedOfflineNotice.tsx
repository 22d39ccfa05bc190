import { useEffect, useRef } from 'react';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import { useAccess } from '../shell/access';
import { toast } from '../ui';
import { HistoryApi } from './historyApi';
import { mergedSince, mergedText } from './mergedOffline';

/** How long after the reconnect the history is read: the merge's updates are committed by then. */
const SETTLE_MS = 1_500;

/**
 * After the app was offline and synced again, a quiet notice (seed 004's
 * "Merged offline changes") says how many changes from whom the open
 * document's history logged since, with a way to that part of the history.
 * Renders nothing itself.
 */
export function MergedOfflineNotice({
  state,
  actions,
}: {
  state: AppState;
  actions: ShellActions;
}) {
  const access = useAccess();
  const offlineSince = useRef<number | null>(null);
  const { sync, session, workspace, openDocId } = state;
  const offline = sync.state === 'offline' && sync.reason !== 'signed-out';

  useEffect(() => {
    if (offline) {
      offlineSince.current ??= Date.now();
      return;
    }
    const since = offlineSince.current;
    if (sync.state !== 'synced' || since === null) return;
    if (session?.kind !== 'server' || !workspace || !openDocId || !access.may('version.read')) {
      offlineSince.current = null;
      return;
    }
    const me = session.userId;
    const api = new HistoryApi(
      session.serverUrl,
      () => actions.sessions.accessToken(),
      workspace.id,
      openDocId,
    );
    const timer = setTimeout(() => {
      offlineSince.current = null;
      api.entries(null, 50).then(
        (page) => {
          const merged = mergedSince(page.items, since, me, (a) => access.nameOf(a));
          if (!merged) return;
          toast({
            title: 'Merged offline changes',
            description: `${mergedText(merged, me)}, since you went offline.`,
            action: { label: 'Show in history', onClick: () => actions.setPanel('history') },
          });
        },
        // A notice that cannot be made is left out: the history stays one click away.
        () => {},
      );
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [offline, sync.state]);
  return null;
}

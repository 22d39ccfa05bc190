import type { HistoryEntry, Version } from '@fieldbook/shared';
import { isFieldbookError } from '@fieldbook/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ShellActions } from '../actions';
import { HistoryApi } from './historyApi';

/** How often an open History panel asks for new entries. */
const REFRESH_MS = 4_000;

/** What the History panel shows: entries (newest first), named versions, and how loading went. */
export interface HistoryView {
  api: HistoryApi | null;
  entries: HistoryEntry[];
  named: Version[];
  more: boolean;
  loading: boolean;
  error: string | null;
  loadMore: () => void;
  refresh: () => void;
}

/**
 * The history of one document from the sync server, refreshed while the
 * panel is open (null api: a local profile, which has no server history).
 */
export function useHistory(actions: ShellActions, workspaceId: string | null, docId: string) {
  const session = actions.sessions.api();
  const serverUrl = session?.serverUrl ?? null;
  const api = useMemo(
    () =>
      serverUrl && workspaceId
        ? new HistoryApi(serverUrl, () => actions.sessions.accessToken(), workspaceId, docId)
        : null,
    [serverUrl, workspaceId, docId, actions],
  );
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [named, setNamed] = useState<Version[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  const refresh = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    if (!api) return;
    let stale = false;
    void Promise.all([api.entries(null), api.versions()])
      .then(([page, versions]) => {
        if (stale) return;
        setEntries((old) => {
          // Keep pages loaded further back; the first page replaces what it covers.
          const oldest = page.items.at(-1)?.firstSeq ?? 0;
          return [...page.items, ...old.filter((e) => e.firstSeq < oldest)];
        });
        setCursor((c) => c ?? page.nextCursor);
        setNamed(versions.items.filter((v) => v.name !== null));
        setError(null);
      })
      .catch((err: unknown) => {
        if (!stale) setError(isFieldbookError(err) ? err.message : 'History could not be loaded');
      })
      .finally(() => !stale && setLoading(false));
    const timer = setTimeout(refresh, REFRESH_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [api, tick, refresh]);

  const loadMore = useCallback(() => {
    if (!api || !cursor) return;
    void api.entries(cursor).then((page) => {
      setEntries((old) => [...old, ...page.items.filter((e) => !old.some((o) => o.id === e.id))]);
      setCursor(page.nextCursor);
    });
  }, [api, cursor]);

  return {
    api,
    entries,
    named,
    more: cursor !== null,
    loading: api !== null && loading,
    error,
    loadMore,
    refresh,
  } satisfies HistoryView;
}

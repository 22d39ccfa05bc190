import type { HistoryEntry, Version } from '@fieldbook/shared';
import { isFieldbookError } from '@fieldbook/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ShellActions } from '../actions';
import { HistoryApi } from './historyApi';
import { mergeHistory, type PanelEntry } from './historyMerge';
import { readLocalHistory, type LocalHistory } from './localHistory';
import { LocalHistoryApi } from './localHistoryApi';

/** How often an open History panel asks for new entries. */
const REFRESH_MS = 4_000;

/** What the History panel shows: entries (newest first), named versions, and how loading went. */
export interface HistoryView {
  api: HistoryApi | null;
  /** Opens versions of entries only this device has (null until the local history is read). */
  localApi: HistoryApi | null;
  /** True when the server's history is not at hand: the entries are this device's. */
  offline: boolean;
  entries: PanelEntry[];
  named: Version[];
  more: boolean;
  loading: boolean;
  error: string | null;
  loadMore: () => void;
  refresh: () => void;
}

/**
 * The history of one document, refreshed while the panel is open: the sync
 * server's merged with this device's changes it has not acknowledged yet, or
 * only this device's when there is no server (a local profile, or offline).
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
  const profileId = actions.sessions.session?.profileId ?? null;
  const [local, setLocal] = useState<LocalHistory | null>(null);
  const [offline, setOffline] = useState(false);
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [named, setNamed] = useState<Version[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  const refresh = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    if (!profileId) return;
    let stale = false;
    readLocalHistory(profileId, docId).then(
      (h) => !stale && setLocal(h),
      (err: unknown) => console.error('Reading the local history failed', err),
    );
    return () => {
      stale = true;
    };
  }, [profileId, docId, tick]);

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
        setOffline(false);
      })
      .catch((err: unknown) => {
        if (stale) return;
        // Unreachable server: the device's own history stands in.
        if (isFieldbookError(err) && err.code !== 'SERVICE_UNAVAILABLE') setError(err.message);
        else setOffline(true);
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

  const localApi = useMemo(
    () => (local && workspaceId ? new LocalHistoryApi(local, workspaceId, docId) : null),
    [local, workspaceId, docId],
  );
  const serverSide = api && !offline;
  return {
    api: serverSide ? api : null,
    localApi,
    offline: !serverSide,
    entries: mergeHistory(serverSide ? entries : null, local?.entries ?? []),
    named: serverSide ? named : [],
    more: serverSide ? cursor !== null : false,
    loading: serverSide ? loading : local === null,
    error,
    loadMore,
    refresh,
  } satisfies HistoryView;
}

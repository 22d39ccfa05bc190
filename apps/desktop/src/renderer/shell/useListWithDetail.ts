import { useCallback, useEffect, useState } from 'react';

/**
 * A workspace list screen's data: the items (null until read), the selected
 * one (kept while it exists, else the first), and the selected item's detail
 * list, re-read every 3 s (webhook deliveries, alert firings).
 */
export function useListWithDetail<T extends { id: string }, D>(options: {
  list: (() => Promise<T[]>) | null;
  detail: ((id: string) => Promise<D[]>) | null;
  readError: string;
}) {
  const { list, detail, readError } = options;
  const [items, setItems] = useState<T[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [details, setDetails] = useState<D[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!list) return;
    try {
      const read = await list();
      setItems(read);
      setError(null);
      setSelected((s) => (s && read.some((i) => i.id === s) ? s : (read[0]?.id ?? null)));
    } catch (err) {
      setError(err instanceof Error ? err.message : readError);
    }
  }, [list, readError]);
  const loadDetail = useCallback(async () => {
    if (!detail || !selected) return setDetails([]);
    setDetails(await detail(selected).catch(() => []));
  }, [detail, selected]);

  useEffect(() => void load(), [load]);
  useEffect(() => {
    void loadDetail();
    const timer = setInterval(() => void loadDetail(), 3000);
    return () => clearInterval(timer);
  }, [loadDetail]);

  return { items, selected, setSelected, details, error, setError, load, loadDetail };
}

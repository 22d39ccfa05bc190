import { isFieldbookError } from '@fieldbook/shared';
import { useCallback, useEffect, useState } from 'react';

/** Data fetched from the server for a screen: the value, the failure in words, and a reload. */
export interface Remote<T> {
  readonly data: T | null;
  readonly error: string | null;
  readonly loading: boolean;
  reload(): void;
}

/** A user-facing sentence for a failed team call. */
export function problemText(err: unknown): string {
  if (!isFieldbookError(err)) return 'Something went wrong.';
  if (err.code === 'AUTH_INSUFFICIENT_PERMISSIONS') {
    return `The server refused: ${err.message.replace(/\.$/, '')}.`;
  }
  return err.message.endsWith('.') ? err.message : `${err.message}.`;
}

/**
 * Loads `load()` when the screen mounts and whenever `key` changes; a reload
 * keeps the previous data on screen until the new answer arrives.
 */
export function useRemote<T>(key: string, load: () => Promise<T>): Remote<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  // `load` is a fresh closure each render; `key` says when its answer would differ.
  const stable = useCallback(load, [key]);
  useEffect(() => {
    let live = true;
    setLoading(true);
    stable().then(
      (value) => {
        if (!live) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setError(problemText(err));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [stable, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, loading, reload };
}

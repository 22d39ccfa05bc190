import { isFieldbookError } from '@fieldbook/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TransferProgress } from './transfer';

/** A long transfer as the UI shows it. */
export type TransferState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running'; readonly progress: TransferProgress | null }
  | { readonly phase: 'failed'; readonly message: string };

/**
 * Runs one transfer at a time with progress and cancel: `start(work)` gives
 * `work` a progress callback and an AbortSignal; a failure becomes a
 * sentence, a cancel goes back to idle. Closing the owner cancels it.
 */
export function useTransfer() {
  const [state, setState] = useState<TransferState>({ phase: 'idle' });
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const start = useCallback(
    async (
      work: (onProgress: (p: TransferProgress) => void, signal: AbortSignal) => Promise<void>,
      failure: string,
    ): Promise<boolean> => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setState({ phase: 'running', progress: null });
      try {
        await work((progress) => setState({ phase: 'running', progress }), controller.signal);
        setState({ phase: 'idle' });
        return true;
      } catch (err) {
        if (controller.signal.aborted) setState({ phase: 'idle' });
        else setState({ phase: 'failed', message: isFieldbookError(err) ? err.message : failure });
        return false;
      } finally {
        if (abort.current === controller) abort.current = null;
      }
    },
    [],
  );
  const cancel = useCallback(() => abort.current?.abort(), []);
  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, start, cancel, reset };
}

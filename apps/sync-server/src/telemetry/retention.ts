import type { Logger } from '../log';
import type { TelemetryStore } from './telemetryStore';

/**
 * Deletes telemetry older than `retentionMs` every `intervalMs` (first pass
 * at once). Returns a stop function. Retention works on whole chunks: a
 * chunk goes when its newest sample is past the cutoff.
 */
export function startRetention(
  store: TelemetryStore,
  opts: { retentionMs: number; intervalMs: number; log: Logger; now?: () => number },
): () => void {
  const now = opts.now ?? Date.now;
  const pass = () =>
    store.purgeBefore(now() - opts.retentionMs).then(
      (removed) => removed > 0 && opts.log.info({ removed }, 'telemetry retention purge'),
      (error: unknown) => opts.log.warn({ err: error }, 'telemetry retention purge failed'),
    );
  void pass();
  const timer = setInterval(() => void pass(), opts.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

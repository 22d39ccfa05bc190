import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** Past this much WAL, checkpoints begin (SQLite's own default is ~4 MiB). */
export const CHECKPOINT_START_BYTES = 16 * 1024 * 1024;

/** The WAL checkpointing of one database file; see `checkpointOnDemand`. */
export interface CheckpointThread {
  /** Call after a write transaction: starts checkpointing once the WAL is large enough. */
  wrote(): void;
  /** Whether the thread has been started. */
  readonly started: boolean;
  /** Stops the thread (if it runs) once it has closed its connection. */
  stop(): Promise<void>;
}

/**
 * WAL checkpoints on a worker thread, so their fsyncs never stall the
 * relaying event loop — started only once the WAL passes `startBytes`: a
 * thread costs ~18 MiB of memory, which a server that writes little never
 * needs. Until then nothing is checkpointed (the WAL holds every write since
 * the start); if the thread dies, SQLite checkpoints inline instead.
 */
export function checkpointOnDemand(
  client: Database.Database,
  file: string,
  options: { intervalMs?: number; startBytes?: number } = {},
): CheckpointThread {
  const startBytes = options.startBytes ?? CHECKPOINT_START_BYTES;
  let worker: Worker | null = null;
  let running = false;
  let stopped = false;

  const start = () => {
    worker = new Worker(new URL('./checkpointWorker.mjs', import.meta.url), {
      workerData: { file, intervalMs: options.intervalMs ?? 1000 },
    });
    worker.unref();
    running = true;
    worker.on('error', () => {});
    worker.once('exit', () => {
      running = false;
      // Without the background thread, let SQLite checkpoint inline rather than grow the WAL.
      if (!stopped) client.pragma('wal_autocheckpoint = 1000');
    });
  };

  return {
    get started() {
      return worker !== null;
    },
    wrote() {
      if (worker || stopped) return;
      const wal = statSync(`${file}-wal`, { throwIfNoEntry: false });
      if (wal && wal.size >= startBytes) start();
    },
    async stop() {
      stopped = true;
      if (!worker || !running) return;
      const exited = new Promise((resolve) => worker!.once('exit', resolve));
      worker.ref(); // keep the process alive until the thread has closed its connection
      worker.postMessage('stop');
      await exited;
    },
  };
}

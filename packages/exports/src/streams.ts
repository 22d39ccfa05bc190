import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { FieldbookError } from '@fieldbook/shared';

/** Writes one chunk (a record, for object-mode streams), waiting for the stream to drain when its buffer is full. */
export async function writeChunk(out: Writable, chunk: unknown): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Throws when the export was cancelled. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FieldbookError('CONFLICT', 'The export was cancelled');
}

/** ISO 8601 (UTC) for an epoch-ms time; empty for a missing one. */
export function iso(ms: number | null | undefined): string {
  return ms === null || ms === undefined || !Number.isFinite(ms) ? '' : new Date(ms).toISOString();
}

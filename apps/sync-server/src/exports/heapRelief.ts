import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Heap growth (bytes) since the last collection this module asked for, past which the next
 * document load collects first: about two 2,000-annotation collection documents.
 */
export const RELIEF_THRESHOLD_BYTES = 64 * 1024 * 1024;

let collect: (() => void) | null = null;
let floor = 0;

/** V8's full collection, exposed once on first use (or the one `--expose-gc` already gave). */
function collector(): () => void {
  if (!collect) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) collect = exposed;
    else {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    }
  }
  return collect;
}

/**
 * Called by an export before it loads its next document. An export lets go
 * of each document (tens of MiB of Yjs structures for a large collection)
 * before the next, but those structures have lived long enough to reach V8's
 * old space, and V8 puts a major collection off until that space is about
 * four times its live size — so 100,000 annotations grew the server's RSS
 * by +300–500 MiB of dead documents. Once the heap has grown by
 * `thresholdBytes` since the last collection asked for here, this collects
 * at once (a pause of tens of ms), which bounds an export's garbage to
 * about the threshold. Shared by concurrent exports: one collection serves all.
 */
export function relieveHeap(thresholdBytes = RELIEF_THRESHOLD_BYTES): void {
  if (getHeapStatistics().used_heap_size - floor < thresholdBytes) return;
  collector()();
  floor = getHeapStatistics().used_heap_size;
}

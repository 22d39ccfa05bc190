import type { SearchFilters } from '@fieldbook/shared';
import type { LocalPage } from './localSearchEngine';
import type { WorkerReply, WorkerRequest } from './searchWorker';

/** How far the first build of the offline index has come, and how often it took in writes since. */
export interface LocalIndexProgress {
  done: number;
  total: number;
  updates: number;
}

/**
 * The page's handle on the offline search worker of one workspace: it builds
 * a MiniSearch index from the local replicas (IndexedDB, which the desktop
 * renderer keeps too) and answers searches with the server's hit shape.
 */
export class LocalSearch {
  private readonly worker: Worker;
  private next = 1;
  private readonly waiting = new Map<number, (page: LocalPage) => void>();
  progress: LocalIndexProgress = { done: 0, total: 0, updates: 0 };

  constructor(
    profileId: string,
    workspaceId: string,
    onProgress: (p: LocalIndexProgress) => void = () => {},
  ) {
    this.worker = new Worker(new URL('./searchWorker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<WorkerReply>) => {
      const m = e.data;
      if (m.type === 'progress') {
        this.progress = { ...this.progress, done: m.done, total: m.total };
        onProgress(this.progress);
      } else if (m.type === 'updated') {
        this.progress = { ...this.progress, updates: m.count };
        onProgress(this.progress);
      } else {
        this.waiting.get(m.id)?.(m.page);
        this.waiting.delete(m.id);
      }
    };
    this.post({ type: 'open', profileId, workspaceId });
  }

  private post(message: WorkerRequest): void {
    this.worker.postMessage(message);
  }

  /** Searches the local replicas (waits for the first build). */
  search(q: string, filters: SearchFilters, limit: number, offset = 0): Promise<LocalPage> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.post({ type: 'search', id, q, filters, offset, limit });
    });
  }

  destroy(): void {
    this.worker.terminate();
    for (const resolve of this.waiting.values()) resolve({ items: [], next: null });
    this.waiting.clear();
  }
}

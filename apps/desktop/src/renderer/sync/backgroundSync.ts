import type { WebsocketProvider } from 'y-websocket';
import type { DocRef } from '../../common/localStore/localDocStore';
import { DocReplica, type MainStore } from './docReplica';
import type { ServerLink } from './serverLink';

/** How many documents the background sync opens at once. */
export const BACKGROUND_CONCURRENCY = 4;
/**
 * How many synced documents stay connected afterwards, receiving changes as
 * they happen; past that, documents are synced in turns (every pass).
 */
export const LIVE_LIMIT = 32;
/** How long one document may take before the pass moves on (it stays pending). */
const DOC_TIMEOUT_MS = 15_000;
/** Time after "synced" for our own missing updates to leave the socket. */
const UPLOAD_GRACE_MS = 250;

/**
 * Brings every document of a workspace to this machine (and local changes to
 * the server), a few at a time: open a replica and sync it; the first
 * LIVE_LIMIT stay connected and current, the rest are closed and synced again
 * on the next pass. So a laptop taken offline holds the whole workspace, not
 * just the open note.
 */
export class BackgroundSync {
  private readonly pending = new Set<string>();
  private readonly live = new Map<string, { replica: DocReplica; provider: WebsocketProvider }>();
  private running = false;
  private stopped = false;
  private lastDone = 0;

  constructor(
    private readonly workspaceId: string,
    private readonly profileId: string,
    private readonly main: MainStore | null,
    private readonly link: ServerLink,
    private readonly onChange: () => void,
  ) {}

  /** Documents still waiting to be synced in this pass. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** When the last pass finished (epoch ms), or 0. */
  get finishedAt(): number {
    return this.lastDone;
  }

  /** Queues documents and runs the pass unless one is running; `skip` is the open one (synced live). */
  schedule(docIds: Iterable<string>, skip: ReadonlySet<string>): void {
    for (const id of docIds) if (!skip.has(id) && !this.live.has(id)) this.pending.add(id);
    this.onChange();
    if (!this.running) void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    const workers = Array.from({ length: BACKGROUND_CONCURRENCY }, () => this.worker());
    await Promise.all(workers);
    this.running = false;
    if (!this.stopped && this.pending.size === 0) this.lastDone = Date.now();
    this.onChange();
  }

  private async worker(): Promise<void> {
    while (!this.stopped && this.link.isOnline) {
      const next = this.pending.values().next();
      if (next.done) return;
      const docId = next.value;
      this.pending.delete(docId);
      const ok = await this.syncOnce({ workspaceId: this.workspaceId, docId });
      if (!ok && !this.stopped) this.pending.add(docId);
      this.onChange();
      if (!ok) return;
    }
  }

  private async syncOnce(ref: DocRef): Promise<boolean> {
    const replica = new DocReplica(ref, this.profileId, this.main);
    let keep = false;
    try {
      await replica.ready;
      const provider = this.link.open(replica);
      const synced = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), DOC_TIMEOUT_MS);
        provider.once('sync', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      keep = synced && !this.stopped && this.live.size < LIVE_LIMIT;
      if (keep) {
        this.live.set(ref.docId, { replica, provider });
        return true;
      }
      if (synced) await new Promise((r) => setTimeout(r, UPLOAD_GRACE_MS));
      this.link.close(provider);
      return synced;
    } finally {
      if (!keep) replica.destroy();
    }
  }

  /** Stops after the documents in flight. */
  stop(): void {
    this.stopped = true;
    this.pending.clear();
    for (const { replica, provider } of this.live.values()) {
      this.link.close(provider);
      replica.destroy();
    }
    this.live.clear();
  }
}

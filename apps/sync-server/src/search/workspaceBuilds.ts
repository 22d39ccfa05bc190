import { setImmediate as yieldTurn } from 'node:timers/promises';
import type { DocStore } from '../storage/docStore';
import type { SearchIndex } from './searchIndex';
import type { SearchIndexer } from './searchIndexer';
import { isIndexDoc } from './searchIndexer';
import { SEARCH_INDEX_VERSION } from './sqlite/schema';

/** Where a workspace's index stands. */
export type BuildStatus =
  | { state: 'ready'; builtAt: number }
  | { state: 'building'; done: number; total: number }
  | { state: 'missing' };

/** A workspace as builds name it. */
export interface WorkspaceRef {
  tenantId: string;
  workspaceId: string;
}

/**
 * Full builds of workspaces: every listed document re-indexed through the
 * indexer, unlisted ones dropped, then the workspace stamped with the index
 * version. One build per workspace at a time; progress is readable while it
 * runs. Also the start-up check: stamped workspaces of an older version are
 * rebuilt, documents whose log moved past the indexed seq are re-indexed.
 */
export class WorkspaceBuilds {
  private readonly running = new Map<
    string,
    { done: number; total: number; promise: Promise<void> }
  >();
  private readonly stamped = new Set<string>();

  constructor(
    private readonly deps: {
      index: SearchIndex;
      indexer: SearchIndexer;
      store: DocStore;
      onError(err: unknown): void;
      now: () => number;
    },
  ) {}

  /** The state of a workspace's index. */
  async status(workspaceId: string): Promise<BuildStatus> {
    const run = this.running.get(workspaceId);
    if (run) return { state: 'building', done: run.done, total: run.total };
    const stamp = await this.deps.index.workspaceStamp(workspaceId);
    return stamp && stamp.version === SEARCH_INDEX_VERSION
      ? { state: 'ready', builtAt: stamp.builtAt }
      : { state: 'missing' };
  }

  /** Builds the workspace unless built (or building); cheap once it is known built. */
  async ensure(ref: WorkspaceRef): Promise<void> {
    if (this.stamped.has(ref.workspaceId)) return;
    const status = await this.status(ref.workspaceId);
    if (status.state === 'ready') this.stamped.add(ref.workspaceId);
    else if (status.state === 'missing') void this.build(ref);
  }

  /** Starts (or joins) a full build; resolves when it is done. */
  build(ref: WorkspaceRef): Promise<void> {
    const existing = this.running.get(ref.workspaceId);
    if (existing) return existing.promise;
    const run = { done: 0, total: 0, promise: Promise.resolve() };
    run.promise = this.run(ref, run)
      .catch((err: unknown) => this.deps.onError(err))
      .finally(() => this.running.delete(ref.workspaceId));
    this.running.set(ref.workspaceId, run);
    return run.promise;
  }

  private async run(ref: WorkspaceRef, progress: { done: number; total: number }): Promise<void> {
    const { index, indexer, store } = this.deps;
    this.stamped.delete(ref.workspaceId);
    const indexKey = { workspaceId: ref.workspaceId, docId: ref.workspaceId };
    const listed = await indexer.listingsOf(indexKey);
    const ids = [...listed.keys()];
    progress.total = ids.length;
    const indexed = await index.indexedSeqs(ref.workspaceId);
    for (const docId of indexed.keys())
      if (!listed.has(docId) && docId !== ref.workspaceId)
        await index.removeDocument({ workspaceId: ref.workspaceId, docId });
    const indexSeq = (await store.logStats(indexKey)).lastSeq;
    await index.write([
      {
        ref: { ...ref, docId: ref.workspaceId },
        seq: indexSeq,
        trashed: false,
        replace: 'all',
        rows: [],
      },
    ]);
    for (const docId of ids) {
      const key = { workspaceId: ref.workspaceId, docId };
      indexer.enqueue({ ...key, tenantId: ref.tenantId }, (await store.logStats(key)).lastSeq);
      // Queue in steps the indexer can keep up with, so progress means something.
      if (++progress.done % 200 === 0) await indexer.whenIdle();
      else await yieldTurn();
    }
    await indexer.whenIdle();
    const builtAt = this.deps.now();
    await index.markBuilt(ref, { version: SEARCH_INDEX_VERSION, builtAt });
    this.stamped.add(ref.workspaceId);
  }

  /** The start-up check of the workspaces the index knows (see the class comment). */
  async checkKnown(workspaces: readonly WorkspaceRef[]): Promise<void> {
    for (const ref of workspaces) {
      const stamp = await this.deps.index.workspaceStamp(ref.workspaceId);
      if (!stamp || stamp.version !== SEARCH_INDEX_VERSION) {
        await this.build(ref);
        continue;
      }
      const seqs = await this.deps.index.indexedSeqs(ref.workspaceId);
      const listed = await this.deps.indexer.listingsOf(ref);
      for (const docId of new Set([...seqs.keys(), ...listed.keys(), ref.workspaceId])) {
        const key = { workspaceId: ref.workspaceId, docId };
        const lastSeq = (await this.deps.store.logStats(key)).lastSeq;
        if (lastSeq > (seqs.get(docId) ?? -1) || (!seqs.has(docId) && !isIndexDoc(key)))
          this.deps.indexer.enqueue({ ...key, tenantId: ref.tenantId }, lastSeq);
        await yieldTurn();
      }
      this.stamped.add(ref.workspaceId);
    }
  }
}

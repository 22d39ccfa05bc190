import {
  FieldbookError,
  QUERY_PROBLEM_TEXT,
  parseQuery,
  snippet,
  type SearchFilters,
  type SearchHit,
} from '@fieldbook/shared';
import type { ChangeFeed } from '../changes/changeFeed';
import type { DocStore } from '../storage/docStore';
import type { SearchIndex } from './searchIndex';
import { SearchIndexer } from './searchIndexer';
import { WorkspaceBuilds, type BuildStatus, type WorkspaceRef } from './workspaceBuilds';

/** A search as the API asks it. */
export interface SearchInput {
  q: string;
  filters: SearchFilters;
  /** The `next` of the previous page (already decoded from the REST cursor). */
  after: string | null;
  limit: number;
}

/** A page of hits, and how complete the index is. */
export interface SearchResult {
  items: SearchHit[];
  next: string | null;
  index: BuildStatus;
}

/** How long a search waits for the first build of its workspace before answering with what is there. */
const FIRST_BUILD_WAIT_MS = 5_000;

/**
 * Seed 000's SearchService on the server: search (parse, query the index,
 * snippets), rebuild on demand, the first build of a workspace when it is
 * first searched or changed, and the start-up check. (`suggest` — related
 * annotations on a chart — runs where the chart is, on crdt-model's
 * AnnotationIndex.)
 */
export class SearchService {
  readonly indexer: SearchIndexer;
  private readonly builds: WorkspaceBuilds;

  constructor(
    private readonly deps: {
      index: SearchIndex;
      feed: ChangeFeed;
      store: DocStore;
      onError(err: unknown): void;
      now?: () => number;
      delayMs?: number;
    },
  ) {
    this.indexer = new SearchIndexer({
      feed: deps.feed,
      index: deps.index,
      onError: deps.onError,
      delayMs: deps.delayMs,
      onUnbuiltWorkspace: (ref) => void this.builds.ensure(ref).catch(deps.onError),
    });
    this.builds = new WorkspaceBuilds({
      index: deps.index,
      indexer: this.indexer,
      store: deps.store,
      onError: deps.onError,
      now: deps.now ?? Date.now,
    });
  }

  /** Follows the change feed and checks what the index already holds (in the background). */
  start(): void {
    this.indexer.start();
    void this.deps.index
      .knownWorkspaces()
      .then((known) => this.builds.checkKnown(known))
      .catch(this.deps.onError);
  }

  async stop(): Promise<void> {
    await this.indexer.stop();
  }

  /** Searches one workspace; the caller has checked `search.query` there. */
  async search(ref: WorkspaceRef, input: SearchInput): Promise<SearchResult> {
    const parsed = parseQuery(input.q);
    if ('problem' in parsed) {
      throw new FieldbookError('VALIDATION_ERROR', QUERY_PROBLEM_TEXT[parsed.problem], {
        field: 'q',
        problem: parsed.problem,
      });
    }
    let status = await this.builds.status(ref.workspaceId);
    if (status.state !== 'ready') {
      const build = this.builds.build(ref);
      await Promise.race([build, new Promise((r) => setTimeout(r, FIRST_BUILD_WAIT_MS).unref())]);
      status = await this.builds.status(ref.workspaceId);
    }
    const page = await this.deps.index.search({
      ...ref,
      query: parsed,
      filters: input.filters,
      after: input.after,
      limit: input.limit,
    });
    const items = page.hits.map(({ body, ...hit }): SearchHit => ({
      ...hit,
      snippet: snippet(body, parsed.terms),
    }));
    return { items, next: page.next, index: status };
  }

  /** Starts a full rebuild of a workspace; answers its status right away. */
  async rebuild(ref: WorkspaceRef): Promise<BuildStatus> {
    void this.builds.build(ref);
    return this.builds.status(ref.workspaceId);
  }

  status(workspaceId: string): Promise<BuildStatus> {
    return this.builds.status(workspaceId);
  }

  /** Resolves once every change received so far is searchable (tests, benchmarks). */
  whenIdle(): Promise<void> {
    return this.indexer.whenIdle();
  }
}

import type { SearchEntry } from '@fieldbook/crdt-model';
import type { ParsedQuery, SearchFilters } from '@fieldbook/shared';
import type { DocKey, DocumentRef } from '../storage/docStore';

/**
 * The storage contract of server-side search. The embedded SQLite FTS5
 * index implements it; a PostgreSQL full-text index will implement it for
 * scale-out and must pass the same suites (`searchIndex*.contract.ts`).
 *
 * The index is derived data: everything in it can be rebuilt from the
 * documents, so it records per document which log seq it reflects and per
 * workspace which index version built it.
 */

/** What to write for one document. */
export interface DocumentRows {
  ref: DocumentRef;
  /** The highest log seq these rows reflect. */
  seq: number;
  /** Whether the document is in the trash (from the workspace index). */
  trashed: boolean;
  /**
   * Which stored rows `rows` replace: every row of the document (`all`), or
   * only those of the named annotations (an annotation and its comments).
   */
  replace: 'all' | { annotations: string[] };
  rows: SearchEntry[];
}

/** One search, already parsed and validated. */
export interface IndexQuery {
  tenantId: string;
  workspaceId: string;
  query: ParsedQuery;
  filters: SearchFilters;
  /** The `next` of the previous page, or null for the first. */
  after: string | null;
  limit: number;
}

/** A stored row that matched, with the document's trash state and a score (higher is better). */
export interface IndexHit extends SearchEntry {
  trashed: boolean;
  score: number;
}

/** A page of hits; `next` is an opaque position to pass back as `after`, null at the end. */
export interface IndexPage {
  hits: IndexHit[];
  next: string | null;
}

/** What the index knows about a workspace. */
export interface WorkspaceStamp {
  /** The index version the workspace was last fully built with. */
  version: number;
  builtAt: number;
}

/**
 * A full-text index of notes, annotations and comments. Queries are scoped
 * to one tenant's workspace; terms are matched as whole folded words
 * (see @fieldbook/shared search/tokenize), ranked with the title weighted
 * above tags, channels and body. With terms, hits are ordered by relevance;
 * without, by last update (newest first).
 */
export interface SearchIndex {
  /** Replaces rows of each document, all in one transaction. */
  write(docs: readonly DocumentRows[]): Promise<void>;
  /** Marks a document trashed or restored (its rows stay). */
  setTrashed(key: DocKey, trashed: boolean): Promise<void>;
  /** Forgets a document (purged from its workspace). */
  removeDocument(key: DocKey): Promise<void>;
  search(query: IndexQuery): Promise<IndexPage>;
  /** The log seq indexed per document of a workspace. */
  indexedSeqs(workspaceId: string): Promise<Map<string, number>>;
  /** The stamp of a workspace's last full build, or null when it was never built. */
  workspaceStamp(workspaceId: string): Promise<WorkspaceStamp | null>;
  /** Records a finished full build of a workspace. */
  markBuilt(ref: { tenantId: string; workspaceId: string }, stamp: WorkspaceStamp): Promise<void>;
  /** Every workspace the index holds a document or a stamp of, with its tenant. */
  knownWorkspaces(): Promise<{ tenantId: string; workspaceId: string }[]>;
  /** Drops everything of a workspace (before a rebuild). */
  clearWorkspace(workspaceId: string): Promise<void>;
  close(): Promise<void>;
}

import { afterEach, beforeEach } from 'vitest';
import type { SearchEntry } from '@fieldbook/crdt-model';
import { newId, parseQuery, type ParsedQuery, type SearchFilters } from '@fieldbook/shared';
import type { DocumentRef } from '../../storage/docStore';
import type { DocumentRows, IndexHit, SearchIndex } from '../searchIndex';

/** Opens a fresh, empty index for one test. */
export interface SearchIndexFactory {
  open(): Promise<SearchIndex>;
}

/** A query the contract knows to be valid, parsed. */
export const parsed = (q: string) => parseQuery(q) as ParsedQuery;

/** The titles of `hits`, in order. */
export const titles = (hits: IndexHit[]) => hits.map((h) => h.title);

/** A search row of a note document. */
export function note(
  documentId: string,
  title: string,
  body: string,
  over: Partial<SearchEntry> = {},
): SearchEntry {
  return {
    kind: 'note',
    documentId,
    annotationId: null,
    commentId: null,
    title,
    body,
    tags: [],
    author: 'alice',
    status: null,
    channels: [],
    from: null,
    to: null,
    updatedAt: 1000,
    ...over,
  };
}

/** A search row of a draft annotation on `volt.bus` from 100 to 200. */
export function annotation(
  documentId: string,
  annotationId: string,
  title: string,
  body: string,
  over: Partial<SearchEntry> = {},
): SearchEntry {
  return {
    ...note(documentId, title, body),
    kind: 'annotation',
    annotationId,
    status: 'draft',
    channels: ['volt.bus'],
    from: 100,
    to: 200,
    ...over,
  };
}

/** The index and workspace of the running test, with helpers to write to and search them. */
export interface SearchTestIndex {
  index: SearchIndex;
  ws: DocumentRef;
  tenantId: string;
  /** A document of the test's workspace (a new one unless `docId` is given). */
  ref(docId?: string): DocumentRef;
  /** Replaces all rows of document `r` (seq 1, not trashed unless `more` says so). */
  put(r: DocumentRef, rows: SearchEntry[], more?: Partial<DocumentRows>): Promise<void>;
  /** The first 50 hits of `q` in the test's workspace, or in `where`. */
  find(q: string, filters?: SearchFilters, where?: DocumentRef): Promise<IndexHit[]>;
}

/**
 * Registers, in the calling `describe`, hooks that open a fresh index and a
 * new workspace of the describe's tenant per test and close the index after;
 * read `index` and `ws` inside a test.
 */
export function useSearchIndex(factory: SearchIndexFactory): SearchTestIndex {
  const t = {
    tenantId: `tenant-${newId()}`,
    ref: (docId = newId()) => ({ tenantId: t.tenantId, workspaceId: t.ws.workspaceId, docId }),
    put: (r, rows, more = {}) =>
      t.index.write([{ ref: r, seq: 1, trashed: false, replace: 'all', rows, ...more }]),
    find: async (q, filters = {}, where = t.ws) =>
      (
        await t.index.search({
          tenantId: where.tenantId,
          workspaceId: where.workspaceId,
          query: parsed(q),
          filters,
          after: null,
          limit: 50,
        })
      ).hits,
  } as SearchTestIndex;
  beforeEach(async () => {
    t.index = await factory.open();
    t.ws = { tenantId: t.tenantId, workspaceId: newId(), docId: '' };
  });
  afterEach(async () => {
    await t.index.close();
  });
  return t;
}

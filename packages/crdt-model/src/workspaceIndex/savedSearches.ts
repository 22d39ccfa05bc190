import * as Y from 'yjs';
import { z } from 'zod';
import {
  FieldbookError,
  IdSchema,
  MAX_QUERY_LENGTH,
  SearchFiltersSchema,
  newId,
  text,
  type SearchFilters,
} from '@fieldbook/shared';
import type { ModelOrigin } from '../origin';
import { beginChange } from '../schemaVersion';
import { notFound, parseInput } from '../validate';

// Saved searches (seed 003) live in the workspace index: root `savedSearches`
// id → Y.Map {id, name, q, filters (plain value), createdBy, createdAt}, so
// every member sees them, offline too, and they sync like the tree.

/** The workspace's saved searches, id → Y.Map. */
const savedSearchesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('savedSearches');

/** A saved search as readers return it. */
export interface SavedSearch {
  id: string;
  name: string;
  q: string;
  filters: SearchFilters;
  createdBy: string;
  createdAt: number;
}

/** Input of saveSearch. */
export const SaveSearchInputSchema = z.strictObject({
  id: IdSchema.optional(),
  name: text().trim().min(1).max(120),
  q: text().max(MAX_QUERY_LENGTH),
  filters: SearchFiltersSchema,
});

/** Saves a search (words and filters) under a name for the whole workspace; returns its id. */
export function saveSearch(
  doc: Y.Doc,
  input: z.input<typeof SaveSearchInputSchema>,
  origin: ModelOrigin,
): string {
  const now = beginChange(doc, 'workspace', origin);
  const {
    id = newId(now),
    name,
    q,
    filters,
  } = parseInput(SaveSearchInputSchema, input, 'saved search');
  if (savedSearchesOf(doc).has(id))
    throw new FieldbookError('CONFLICT', `A saved search with id ${id} exists`, { id });
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    savedSearchesOf(doc).set(id, entry);
    entry.set('id', id);
    entry.set('name', name);
    entry.set('q', q);
    entry.set('filters', filters);
    entry.set('createdBy', origin.actor);
    entry.set('createdAt', now);
  }, origin);
  return id;
}

/** Removes a saved search. */
export function deleteSavedSearch(doc: Y.Doc, input: { id: string }, origin: ModelOrigin): void {
  beginChange(doc, 'workspace', origin);
  const { id } = parseInput(z.strictObject({ id: IdSchema }), input, 'saved search id');
  if (!savedSearchesOf(doc).has(id)) throw notFound('saved search', id);
  doc.transact(() => savedSearchesOf(doc).delete(id), origin);
}

/** The saved searches, sorted by name then id; entries that no longer parse are left out. */
export function readSavedSearches(doc: Y.Doc): SavedSearch[] {
  const out: SavedSearch[] = [];
  for (const [id, entry] of savedSearchesOf(doc).entries()) {
    const filters = SearchFiltersSchema.safeParse(entry.get('filters'));
    const name = entry.get('name');
    const q = entry.get('q');
    if (!filters.success || typeof name !== 'string' || typeof q !== 'string') continue;
    const createdBy = entry.get('createdBy');
    const createdAt = entry.get('createdAt');
    out.push({
      id,
      name,
      q,
      filters: filters.data,
      createdBy: typeof createdBy === 'string' ? createdBy : 'unknown',
      createdAt: typeof createdAt === 'number' ? createdAt : 0,
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

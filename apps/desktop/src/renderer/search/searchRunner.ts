import {
  QUERY_PROBLEM_TEXT,
  mergeHits,
  type SearchFilters,
  type SearchHit,
} from '@fieldbook/shared';
import type { ServerApi } from '../session/serverApi';
import type { LocalSearch } from './localSearchClient';

/** Results of one search, and where they came from. */
export interface SearchOutcome {
  hits: SearchHit[];
  /** `both`: server and this device; `local`: this device only (offline, or the server failed). */
  source: 'both' | 'local';
  /** Why the query cannot run, in words. */
  problem: string | null;
}

/** The REST query string of a search. */
export function searchParams(q: string, filters: SearchFilters, limit: number): URLSearchParams {
  const p = new URLSearchParams({ q, limit: String(limit) });
  if (filters.kind?.length) p.set('kind', filters.kind.join(','));
  if (filters.tags?.length) p.set('tags', filters.tags.join(','));
  if (filters.author?.length) p.set('author', filters.author.join(','));
  if (filters.status?.length) p.set('status', filters.status.join(','));
  if (filters.from !== undefined) p.set('from', String(filters.from));
  if (filters.to !== undefined) p.set('to', String(filters.to));
  if (filters.includeTrashed) p.set('includeTrashed', 'true');
  return p;
}

/**
 * Searches this device's replicas and, when signed in and online, the
 * server, and merges both lists without duplicates (the server's order,
 * then what only this device holds). Offline, or when the server fails, the
 * local hits stand alone.
 */
export async function runSearch(input: {
  local: LocalSearch;
  api: ServerApi | null;
  workspaceId: string;
  q: string;
  filters: SearchFilters;
  limit: number;
}): Promise<SearchOutcome> {
  const { local, api, q, filters, limit } = input;
  const localPage = local.search(q, filters, limit);
  const serverPage =
    api && navigator.onLine
      ? api.search(input.workspaceId, searchParams(q, filters, limit)).catch(() => null)
      : Promise.resolve(null);
  const [mine, theirs] = await Promise.all([localPage, serverPage]);
  if ('problem' in mine)
    return { hits: [], source: 'local', problem: QUERY_PROBLEM_TEXT[mine.problem] };
  if (!theirs) return { hits: mine.items, source: 'local', problem: null };
  return {
    hits: mergeHits(theirs.items, mine.items).slice(0, limit),
    source: 'both',
    problem: null,
  };
}

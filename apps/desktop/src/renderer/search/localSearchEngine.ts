import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import type { SearchEntry } from '@fieldbook/crdt-model';
import {
  containsTerm,
  hitKey,
  parseQuery,
  snippet,
  wordsOf,
  type ParsedQuery,
  type QueryProblem,
  type SearchFilters,
  type SearchHit,
  type SearchTerm,
} from '@fieldbook/shared';

/** Field weights, the same as the server's bm25 column weights. */
const BOOST = { title: 10, tags: 4, channels: 2, body: 1 };
/** A row that holds the query's words as one phrase scores this much more (as on the server). */
const PHRASE_BOOST = 2;
/** Candidates checked for the phrase boost, best first. */
const PHRASE_CHECKED = 200;

/** A page of local hits; `next` is the offset of the following page, or null. */
export type LocalPage = { items: SearchHit[]; next: number | null } | { problem: QueryProblem };

const fieldsOf = (e: SearchEntry) => [e.title, e.body, e.tags.join(' '), e.channels.join(' ')];

/** The MiniSearch query of one term: all its tokens, the last one as a prefix when asked. */
function termQuery(term: SearchTerm): Query {
  return {
    queries: [term.tokens.join(' ')],
    combineWith: 'AND',
    prefix: (_t: string, i: number, all: string[]) => term.prefix && i === all.length - 1,
  };
}

/**
 * The offline full-text index of the app: MiniSearch (BM25+) over the same
 * rows the server indexes (crdt-model `searchEntriesOf`), with the same query
 * syntax (`parseQuery`), tokenizer (`wordsOf`), field weights, filters,
 * phrase rule and snippets, so a hit found here looks like one from the
 * server and the two lists merge (`mergeHits`).
 */
export class LocalSearchEngine {
  private readonly mini = new MiniSearch<SearchEntry & { id: string }>({
    fields: ['title', 'body', 'tags', 'channels'],
    extractField: (doc, field) =>
      field === 'tags' || field === 'channels'
        ? (doc[field] as string[]).join(' ')
        : String((doc as unknown as Record<string, unknown>)[field] ?? ''),
    tokenize: wordsOf,
    processTerm: (t) => t,
    searchOptions: { boost: BOOST, tokenize: wordsOf, processTerm: (t) => t },
  });
  private readonly rows = new Map<string, SearchEntry>();
  private readonly byDoc = new Map<string, Set<string>>();
  private readonly trashed = new Set<string>();

  /** How many rows are indexed. */
  get size(): number {
    return this.rows.size;
  }

  private drop(ids: Iterable<string>): void {
    for (const id of [...ids]) {
      const row = this.rows.get(id);
      if (!row) continue;
      this.mini.discard(id);
      this.rows.delete(id);
      this.byDoc.get(row.documentId)?.delete(id);
    }
  }

  private put(entries: readonly SearchEntry[]): void {
    for (const e of entries) {
      const id = hitKey(e);
      if (this.rows.has(id)) this.drop([id]);
      this.rows.set(id, e);
      let ids = this.byDoc.get(e.documentId);
      if (!ids) this.byDoc.set(e.documentId, (ids = new Set()));
      ids.add(id);
      this.mini.add({ ...e, id });
    }
  }

  /** Replaces every row of a document and sets its trash state. */
  setDocument(docId: string, entries: readonly SearchEntry[], trashed: boolean): void {
    this.drop(this.byDoc.get(docId) ?? []);
    this.put(entries);
    this.setTrashed(docId, trashed);
  }

  /** Replaces the rows of some annotations of a collection (an annotation and its comments). */
  setAnnotations(
    docId: string,
    annotationIds: readonly string[],
    entries: readonly SearchEntry[],
  ): void {
    const wanted = new Set(annotationIds);
    const stale = [...(this.byDoc.get(docId) ?? [])].filter((id) =>
      wanted.has(this.rows.get(id)?.annotationId ?? ''),
    );
    this.drop(stale);
    this.put(entries);
  }

  setTrashed(docId: string, trashed: boolean): void {
    if (trashed) this.trashed.add(docId);
    else this.trashed.delete(docId);
  }

  removeDocument(docId: string): void {
    this.drop(this.byDoc.get(docId) ?? []);
    this.byDoc.delete(docId);
    this.trashed.delete(docId);
  }

  private passes(row: SearchEntry, f: SearchFilters): boolean {
    if (!f.includeTrashed && this.trashed.has(row.documentId)) return false;
    if (f.kind?.length && !f.kind.includes(row.kind)) return false;
    if (f.author?.length && !f.author.includes(row.author)) return false;
    if (f.status?.length && (row.status === null || !f.status.includes(row.status))) return false;
    if (f.tags?.some((t) => !row.tags.includes(t))) return false;
    if (f.from !== undefined && (row.to ?? row.updatedAt) < f.from) return false;
    if (f.to !== undefined && (row.from ?? row.updatedAt) > f.to) return false;
    return true;
  }

  /** True when a field of `row` holds `term` (a phrase: its words together). */
  private holds(row: SearchEntry, term: SearchTerm): boolean {
    return fieldsOf(row).some((text) => containsTerm(wordsOf(text), term));
  }

  /**
   * The best `wanted` hits (at least PHRASE_CHECKED when the phrase boost
   * applies), best first. MiniSearch's results come best first, so phrase
   * checks stop once enough rows passed; the boost reorders only the first
   * PHRASE_CHECKED, so the rows returned are the same as over every result.
   */
  private ranked(
    query: ParsedQuery,
    filters: SearchFilters,
    wanted: number,
  ): { id: string; score: number }[] {
    const positive = query.terms.filter((t) => !t.negated);
    const negative = query.terms.filter((t) => t.negated);
    const phrases = positive.filter((t) => t.tokens.length > 1);
    const loose = negative.filter((t) => t.tokens.length === 1);
    const negPhrases = negative.filter((t) => t.tokens.length > 1);
    let tree: Query = { combineWith: 'AND', queries: positive.map(termQuery) };
    if (loose.length) tree = { combineWith: 'AND_NOT', queries: [tree, ...loose.map(termQuery)] };
    const results: SearchResult[] = this.mini.search(tree, {
      filter: (r) => {
        const row = this.rows.get(r.id as string);
        return !!row && this.passes(row, filters);
      },
    });
    const out: { id: string; score: number }[] = [];
    const enough = positive.length > 1 ? Math.max(wanted, PHRASE_CHECKED) : wanted;
    for (const r of results) {
      if (out.length >= enough) break;
      const row = this.rows.get(r.id as string)!;
      if (phrases.some((t) => !this.holds(row, t))) continue;
      if (negPhrases.some((t) => this.holds(row, t))) continue;
      out.push({ id: r.id as string, score: r.score });
    }
    if (positive.length > 1) {
      const whole: SearchTerm = {
        tokens: positive.flatMap((t) => t.tokens),
        prefix: positive[positive.length - 1]!.prefix,
        negated: false,
      };
      for (const hit of out.slice(0, PHRASE_CHECKED))
        if (this.holds(this.rows.get(hit.id)!, whole)) hit.score *= PHRASE_BOOST;
      out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    }
    return out;
  }

  /** Searches the local rows: ranked with terms, newest first without (as the server does). */
  search(q: string, filters: SearchFilters, page: { offset?: number; limit: number }): LocalPage {
    const parsed = parseQuery(q);
    if ('problem' in parsed) return parsed;
    const offset = page.offset ?? 0;
    let ranked: { id: string; score: number }[];
    if (parsed.terms.length === 0) {
      ranked = [...this.rows]
        .filter(([, row]) => this.passes(row, filters))
        .sort(([ia, a], [ib, b]) => b.updatedAt - a.updatedAt || (ia < ib ? 1 : -1))
        .map(([id]) => ({ id, score: 0 }));
    } else {
      ranked = this.ranked(parsed, filters, offset + page.limit + 1);
    }
    const items = ranked.slice(offset, offset + page.limit).map(({ id, score }): SearchHit => {
      const { body, ...row } = this.rows.get(id)!;
      return {
        ...row,
        snippet: snippet(body, parsed.terms),
        trashed: this.trashed.has(row.documentId),
        score,
      };
    });
    return { items, next: offset + page.limit < ranked.length ? offset + page.limit : null };
  }
}

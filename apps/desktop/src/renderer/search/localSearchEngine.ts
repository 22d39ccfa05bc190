import type { Query, SearchResult } from 'minisearch';
import type { SearchEntry } from '@fieldbook/crdt-model';
import {
  STOP_WORDS,
  hitKey,
  isStopTerm,
  parseQuery,
  planQuery,
  snippet,
  wordsOf,
  type ParsedQuery,
  type QueryProblem,
  type SearchFilters,
  type SearchHit,
  type SearchTerm,
} from '@fieldbook/shared';
import { RecencyShards } from './recencyShards';
import { termTester } from './termTester';

/** Field weights, the same as the server's bm25 column weights. */
const BOOST = { title: 10, tags: 4, channels: 2, body: 1 };
/** A row that holds the query's words as one phrase scores this much more (as on the server). */
const PHRASE_BOOST = 2;
/** Candidates checked for the phrase boost, best first. */
const PHRASE_CHECKED = 200;
/**
 * Hits ranked by score, newest shards first, as the server ranks its newest
 * 500 matches: a word in 10,000 rows is scored in one or two shards, not
 * all. Past the window, hits follow shard by shard, newest first.
 */
const RANK_WINDOW = 500;
/** Rows per shard: a frequent word's first 500 hits come from one or two of them. */
const SHARD_SIZE = 8_000;

/** A page of local hits; `next` is the offset of the following page, or null. */
export type LocalPage = { items: SearchHit[]; next: number | null } | { problem: QueryProblem };

type Row = SearchEntry & { id: string };
type Scored = { id: string; score: number };

const fieldsOf = (e: SearchEntry) => [e.title, e.body, e.tags.join(' '), e.channels.join(' ')];
/** The words of a term the index holds (stop words are not indexed). */
const indexedWords = (term: SearchTerm) => term.tokens.filter((w) => !STOP_WORDS.has(w));

/** The MiniSearch query of one term: its indexed words, the last one as a prefix when asked. */
function termQuery(term: SearchTerm): Query {
  const words = indexedWords(term);
  const prefixed = term.prefix && words[words.length - 1] === term.tokens[term.tokens.length - 1];
  return {
    queries: [words.join(' ')],
    combineWith: 'AND',
    prefix: (_t: string, i: number, all: string[]) => prefixed && i === all.length - 1,
  };
}

/**
 * The offline full-text index of the app: MiniSearch (BM25+) over the same
 * rows the server indexes (crdt-model `searchEntriesOf`), with the same query
 * syntax and plan (`parseQuery`, `planQuery`), tokenizer (`wordsOf`), field
 * weights, filters, phrase rule and snippets, so a hit found here looks like
 * one from the server and the two lists merge (`mergeHits`). Stop words are
 * kept out of MiniSearch (in most rows, no weight) in sets of row ids of
 * their own, which answer stop-word queries newest first.
 */
export class LocalSearchEngine {
  /** The row whose words MiniSearch is reading (stop words are noted for it). */
  private adding = '';
  private readonly stopRows = new Map<string, Set<string>>(
    [...STOP_WORDS].map((w): [string, Set<string>] => [w, new Set()]),
  );
  private readonly shards: RecencyShards<Row>;
  private readonly rows = new Map<string, SearchEntry>();
  private readonly byDoc = new Map<string, Set<string>>();
  private readonly trashed = new Set<string>();

  /** `shardSize`: rows per MiniSearch shard (see RecencyShards; tests make it small). */
  constructor(options: { shardSize?: number } = {}) {
    this.shards = new RecencyShards<Row>(options.shardSize ?? SHARD_SIZE, {
      fields: ['title', 'body', 'tags', 'channels'],
      extractField: (doc, field) =>
        field === 'tags' || field === 'channels'
          ? (doc[field] as string[]).join(' ')
          : String((doc as unknown as Record<string, unknown>)[field] ?? ''),
      tokenize: wordsOf,
      processTerm: (t) => {
        const rows = this.stopRows.get(t);
        if (!rows) return t;
        rows.add(this.adding);
        return null;
      },
      searchOptions: { boost: BOOST, tokenize: wordsOf, processTerm: (t) => t },
    });
  }

  /** How many rows are indexed. */
  get size(): number {
    return this.rows.size;
  }

  private drop(ids: Iterable<string>): void {
    for (const id of [...ids]) {
      const row = this.rows.get(id);
      if (!row) continue;
      this.shards.discard(id);
      for (const rows of this.stopRows.values()) rows.delete(id);
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
      this.adding = id;
      this.shards.add({ ...e, id });
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

  /** A test of one term on a row: a stop word by its set, anything else in the row's text. */
  private holder(term: SearchTerm): (id: string, row: SearchEntry) => boolean {
    if (isStopTerm(term)) {
      const rows = this.stopRows.get(term.tokens[0]!)!;
      return (id) => rows.has(id);
    }
    const test = termTester(term);
    return (_id, row) => fieldsOf(row).some(test);
  }

  /** What a hit must satisfy beyond what MiniSearch matched (`matched`: terms it ran). */
  private checks(query: ParsedQuery, matched: (t: SearchTerm) => boolean) {
    const tests = query.terms
      .filter((t) => !matched(t))
      .map((t) => ({ negated: t.negated, holds: this.holder(t) }));
    return (id: string, row: SearchEntry) => tests.every((t) => t.holds(id, row) !== t.negated);
  }

  /** Rows newest first that pass the filters and hold every term (for stop-word queries). */
  private newest(query: ParsedQuery, filters: SearchFilters, wanted: number): Scored[] {
    const ok = this.checks(query, () => false);
    const out: Scored[] = [];
    for (const shard of this.shards.newestFirst())
      for (const id of [...shard.ids].reverse()) {
        const row = this.rows.get(id)!;
        if (!this.passes(row, filters) || !ok(id, row)) continue;
        out.push({ id, score: 0 });
        if (out.length >= wanted) return out;
      }
    return out;
  }

  /**
   * At least `wanted` hits (all there are when fewer): the rank window best
   * first, with the phrase boost over its best PHRASE_CHECKED, then older
   * shards' hits. Single indexed words are matched by MiniSearch alone;
   * phrases, stop words and excluded phrases are checked on the rows.
   */
  private ranked(query: ParsedQuery, filters: SearchFilters, wanted: number): Scored[] {
    const positive = query.terms.filter((t) => !t.negated);
    const searchable = positive.filter((t) => indexedWords(t).length > 0);
    const loose = query.terms.filter((t) => t.negated && t.tokens.length === 1 && !isStopTerm(t));
    let tree: Query = { combineWith: 'AND', queries: searchable.map(termQuery) };
    if (loose.length) tree = { combineWith: 'AND_NOT', queries: [tree, ...loose.map(termQuery)] };
    const ok = this.checks(
      query,
      (t) => loose.includes(t) || (searchable.includes(t) && t.tokens.length === 1),
    );
    const filter = (r: SearchResult) => {
      const row = this.rows.get(r.id as string);
      return !!row && this.passes(row, filters) && ok(r.id as string, row);
    };
    const window: Scored[] = [];
    const older: Scored[] = [];
    for (const shard of this.shards.newestFirst()) {
      const full = window.length >= RANK_WINDOW;
      if (full && window.length + older.length >= wanted) break;
      for (const r of shard.mini.search(tree, { filter }))
        (full ? older : window).push({ id: r.id as string, score: r.score });
    }
    window.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    if (positive.length > 1) {
      const whole = this.holder({
        tokens: positive.flatMap((t) => t.tokens),
        prefix: positive[positive.length - 1]!.prefix,
        negated: false,
      });
      for (const hit of window.slice(0, PHRASE_CHECKED))
        if (whole(hit.id, this.rows.get(hit.id)!)) hit.score *= PHRASE_BOOST;
      window.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    }
    return window.concat(older);
  }

  /** Searches the local rows: ranked with terms, newest first without (as the server does). */
  search(q: string, filters: SearchFilters, page: { offset?: number; limit: number }): LocalPage {
    const parsed = parseQuery(q);
    if ('problem' in parsed) return parsed;
    const offset = page.offset ?? 0;
    const wanted = offset + page.limit + 1;
    const plan = planQuery(parsed);
    let ranked: Scored[];
    if (parsed.terms.length === 0) {
      ranked = [...this.rows]
        .filter(([, row]) => this.passes(row, filters))
        .sort(([ia, a], [ib, b]) => b.updatedAt - a.updatedAt || (ia < ib ? 1 : -1))
        .map(([id]) => ({ id, score: 0 }));
    } else if (
      plan.byRecency ||
      !plan.query.terms.some((t) => !t.negated && indexedWords(t).length > 0)
    ) {
      ranked = this.newest(plan.query, filters, wanted);
    } else {
      ranked = this.ranked(plan.query, filters, wanted);
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

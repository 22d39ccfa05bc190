/**
 * The reference of the server search benchmark: the same rows in a plain
 * SQLite table, searched the way an app without a full-text index would —
 * `LIKE '%word%'` over title and body, newest first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseQuery } from '@fieldbook/shared';
import type { BenchQuery, CorpusRow } from './corpus';

/** A LIKE-scan table of the corpus; `search` answers a bench query's first page. */
export interface LikeReference {
  search(query: BenchQuery, limit: number): number;
  close(): void;
}

/** Loads `rows` into a fresh SQLite file (WAL, like the server's) and returns the scanner. */
export function openLikeReference(rows: Iterable<CorpusRow>): LikeReference {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbook-search-like-'));
  const db = new Database(join(dir, 'like.db'));
  db.pragma('journal_mode = WAL');
  db.exec(`create table rows (
    id integer primary key, kind text not null, document_id text not null,
    title text not null, body text not null, tags text not null, updated_at integer not null)`);
  const insert = db.prepare(
    'insert into rows (kind, document_id, title, body, tags, updated_at) values (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const r of rows)
      insert.run(r.kind, r.documentId, r.title, r.body, `,${r.tags.join(',')},`, r.updatedAt);
  })();
  const cache = new Map<string, Database.Statement>();

  return {
    search(query, limit) {
      const parsed = parseQuery(query.q);
      if ('problem' in parsed) throw new Error(`bench query ${query.q}: ${parsed.problem}`);
      const where: string[] = [];
      const params: unknown[] = [];
      for (const term of parsed.terms) {
        where.push(`${term.negated ? 'not ' : ''}(title like ? or body like ?)`);
        const pattern = `%${term.tokens.join(' ')}%`;
        params.push(pattern, pattern);
      }
      if (query.filters.kind) {
        where.push(`kind in (${query.filters.kind.map(() => '?').join(', ')})`);
        params.push(...query.filters.kind);
      }
      for (const tag of query.filters.tags ?? []) {
        where.push('tags like ?');
        params.push(`%,${tag},%`);
      }
      const sql = `select id, title from rows where ${where.join(' and ')} order by updated_at desc limit ?`;
      let statement = cache.get(sql);
      if (!statement) cache.set(sql, (statement = db.prepare(sql)));
      return statement.all(...params, limit).length;
    },
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

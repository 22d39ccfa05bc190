import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SearchEntry } from '@fieldbook/crdt-model';
import type { AnnotationStatus, SearchKind } from '@fieldbook/shared';
import type { DocKey } from '../../storage/docStore';
import type { DocumentRows, IndexHit, IndexQuery, SearchIndex } from '../searchIndex';
import type { WorkspaceFts } from './ftsTables';
import { FtsTables } from './ftsTables';
import { prepareSearchSchema } from './schema';
import { findRows } from './searchQuery';

/** Statements kept prepared (search SQL varies with filters and workspace tables). */
const STATEMENT_CACHE = 256;
/** Separates list values (tags, channels) in one column; never part of a tag. */
const SEP = '\u001f';

interface Row {
  id: number;
  kind: SearchKind;
  doc_id: string;
  annotation_id: string | null;
  comment_id: string | null;
  author: string;
  status: AnnotationStatus | null;
  tags: string;
  channels: string;
  t_from: number | null;
  t_to: number | null;
  updated_at: number;
  trashed: number;
}

const list = (joined: string) => (joined ? joined.slice(1, -1).split(SEP) : []);
const joinList = (values: readonly string[]) => (values.length ? SEP + values.join(SEP) + SEP : '');

/** Options of the embedded search index. */
export interface SqliteSearchIndexOptions {
  /** Its own database file (the index is derived data; see the README). */
  file: string;
}

/**
 * Opens the SQLite FTS5 search index in its own file: rows in `search_rows`
 * (filters), their text in the workspace's FTS5 table (same rowid, see
 * FtsTables), one
 * `search_docs` row per document (seq indexed, trash state). Written with
 * synchronous=OFF: a crash can lose the last writes, which the start-up
 * check (indexed seq behind the log) catches and redoes.
 */
export function openSqliteSearchIndex(options: SqliteSearchIndexOptions): SearchIndex & {
  /** True when the file was new or of an older index version (every workspace needs a build). */
  readonly fresh: boolean;
} {
  mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('busy_timeout = 5000');
  const fresh = prepareSearchSchema(db);
  const tables = new FtsTables(db);
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= STATEMENT_CACHE) statements.delete(statements.keys().next().value!);
      statements.set(sql, (statement = db.prepare(sql)));
    }
    return statement;
  };

  const findDoc = db.prepare<[string, string], { doc_pk: number }>(
    'select doc_pk from search_docs where workspace_id = ? and doc_id = ?',
  );
  const insertDoc = db.prepare(
    'insert into search_docs (tenant_id, workspace_id, doc_id, seq, trashed) values (?, ?, ?, ?, ?)',
  );
  const updateDoc = db.prepare(
    'update search_docs set seq = max(seq, ?), trashed = ? where doc_pk = ?',
  );
  const rowsOfDoc = db.prepare('select id from search_rows where doc_pk = ?').pluck();
  const deleteRowsOfDoc = db.prepare('delete from search_rows where doc_pk = ?');
  const rowsOfAnnotation = db
    .prepare('select id from search_rows where doc_pk = ? and annotation_id = ?')
    .pluck();
  const deleteRow = db.prepare('delete from search_rows where id = ?');
  const insertRow = db.prepare(`insert into search_rows
    (doc_pk, kind, annotation_id, comment_id, author, status, tags, channels, t_from, t_to, updated_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const setTrashed = db.prepare(
    'update search_docs set trashed = ? where workspace_id = ? and doc_id = ?',
  );
  const deleteDoc = db.prepare('delete from search_docs where doc_pk = ?');
  const seqs = db.prepare<[string], { doc_id: string; seq: number }>(
    'select doc_id, seq from search_docs where workspace_id = ?',
  );
  const stamp = db.prepare<[string], { version: number; built_at: number }>(
    'select version, built_at from search_workspaces where workspace_id = ?',
  );
  const upsertStamp =
    db.prepare(`insert into search_workspaces (workspace_id, tenant_id, version, built_at)
    values (?, ?, ?, ?) on conflict (workspace_id) do update set version = excluded.version, built_at = excluded.built_at`);
  const docsOfWorkspace = db
    .prepare('select doc_pk from search_docs where workspace_id = ?')
    .pluck();
  const rowOf = db.prepare<[number], Row>(
    `select r.*, d.doc_id, d.trashed from search_rows r join search_docs d on d.doc_pk = r.doc_pk
    where r.id = ?`,
  );

  const dropRows = (fts: WorkspaceFts, ids: number[]) => {
    for (const id of ids) {
      fts.remove.run(id);
      deleteRow.run(id);
    }
  };

  const insertEntry = (docPk: number, fts: WorkspaceFts, e: SearchEntry) => {
    const id = insertRow.run(
      docPk,
      e.kind,
      e.annotationId,
      e.commentId,
      e.author,
      e.status,
      joinList(e.tags),
      joinList(e.channels),
      e.from,
      e.to,
      e.updatedAt,
    ).lastInsertRowid;
    fts.insert.run(id, e.title, e.body, e.tags.join(' '), e.channels.join(' '));
  };

  const writeAll = db.transaction((docs: readonly DocumentRows[]) => {
    for (const d of docs) {
      const { tenantId, workspaceId, docId } = d.ref;
      const fts = tables.of(workspaceId, true);
      let docPk = findDoc.get(workspaceId, docId)?.doc_pk;
      if (docPk === undefined) {
        docPk = Number(
          insertDoc.run(tenantId, workspaceId, docId, d.seq, d.trashed ? 1 : 0).lastInsertRowid,
        );
      } else {
        updateDoc.run(d.seq, d.trashed ? 1 : 0, docPk);
        if (d.replace === 'all') dropRows(fts, rowsOfDoc.all(docPk) as number[]);
        else
          for (const a of d.replace.annotations)
            dropRows(fts, rowsOfAnnotation.all(docPk, a) as number[]);
      }
      for (const e of d.rows) insertEntry(docPk, fts, e);
    }
  });

  const removeDoc = db.transaction((key: DocKey) => {
    const docPk = findDoc.get(key.workspaceId, key.docId)?.doc_pk;
    if (docPk === undefined) return;
    const fts = tables.of(key.workspaceId, true);
    dropRows(fts, rowsOfDoc.all(docPk) as number[]);
    deleteDoc.run(docPk);
  });

  const clear = db.transaction((workspaceId: string) => {
    for (const docPk of docsOfWorkspace.all(workspaceId) as number[]) {
      deleteRowsOfDoc.run(docPk);
      deleteDoc.run(docPk);
    }
    tables.drop(workspaceId);
    db.prepare('delete from search_workspaces where workspace_id = ?').run(workspaceId);
  });

  const toHit = (fts: WorkspaceFts | null, id: number, score: number): IndexHit[] => {
    const r = rowOf.get(id);
    if (!r) return [];
    const text = fts?.text.get(id) ?? { title: '', body: '' };
    return [
      {
        kind: r.kind,
        documentId: r.doc_id,
        annotationId: r.annotation_id,
        commentId: r.comment_id,
        title: text.title,
        body: text.body,
        tags: list(r.tags),
        author: r.author,
        status: r.status,
        channels: list(r.channels),
        from: r.t_from,
        to: r.t_to,
        updatedAt: r.updated_at,
        trashed: r.trashed === 1,
        score: -score,
      },
    ];
  };

  const search = db.transaction((q: IndexQuery) => {
    const fts = tables.of(q.workspaceId);
    const { found, next } = findRows(prepare, fts, q);
    return { hits: found.flatMap((f) => toHit(fts, f.id, f.score)), next };
  });

  return {
    fresh,
    write: async (docs) => writeAll(docs),
    setTrashed: async (key, trashed) => {
      setTrashed.run(trashed ? 1 : 0, key.workspaceId, key.docId);
    },
    removeDocument: async (key) => removeDoc(key),
    search: async (q) => search(q),
    indexedSeqs: async (workspaceId) =>
      new Map(seqs.all(workspaceId).map((r) => [r.doc_id, r.seq])),
    workspaceStamp: async (workspaceId) => {
      const row = stamp.get(workspaceId);
      return row ? { version: row.version, builtAt: row.built_at } : null;
    },
    markBuilt: async (ref, s) => {
      upsertStamp.run(ref.workspaceId, ref.tenantId, s.version, s.builtAt);
    },
    clearWorkspace: async (workspaceId) => clear(workspaceId),
    knownWorkspaces: async () =>
      db
        .prepare(
          `select tenant_id as tenantId, workspace_id as workspaceId from search_workspaces
           union select distinct tenant_id, workspace_id from search_docs`,
        )
        .all() as { tenantId: string; workspaceId: string }[],
    close: async () => {
      db.close();
    },
  };
}

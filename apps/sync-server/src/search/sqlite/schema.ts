import type Database from 'better-sqlite3';

/**
 * The version of the index layout and of what goes into it. The index is
 * derived from the documents, so a new version is not migrated: the tables
 * are dropped and every workspace is rebuilt (its stamp no longer matches).
 */
export const SEARCH_INDEX_VERSION = 2;

const TABLES = [
  'search_rows',
  'search_docs',
  'search_workspaces',
  'search_workspace_fts',
  'search_meta',
];

const DDL = `
create table search_meta (key text primary key, value text not null);
create table search_workspaces (
  workspace_id text primary key,
  tenant_id text not null,
  version integer not null,
  built_at integer not null
);
create table search_docs (
  doc_pk integer primary key,
  tenant_id text not null,
  workspace_id text not null,
  doc_id text not null,
  seq integer not null,
  trashed integer not null default 0,
  unique (workspace_id, doc_id)
);
create index search_docs_trashed on search_docs (workspace_id, trashed);
create table search_rows (
  id integer primary key,
  doc_pk integer not null,
  kind text not null,
  annotation_id text,
  comment_id text,
  author text not null,
  status text,
  tags text not null,
  channels text not null,
  t_from real,
  t_to real,
  updated_at integer not null
);
create index search_rows_doc on search_rows (doc_pk, annotation_id);
create index search_rows_recent on search_rows (doc_pk, updated_at);
create table search_workspace_fts (n integer primary key, workspace_id text not null unique);
`;

/**
 * Creates the index tables, or drops and recreates them when they were made
 * by another SEARCH_INDEX_VERSION. Returns true when the index is new (empty).
 */
export function prepareSearchSchema(db: Database.Database): boolean {
  const hasMeta = db
    .prepare("select 1 from sqlite_master where type = 'table' and name = 'search_meta'")
    .get();
  const version = hasMeta
    ? (db.prepare("select value from search_meta where key = 'version'").pluck().get() as
        string | undefined)
    : undefined;
  if (version === String(SEARCH_INDEX_VERSION)) return false;
  const virtual = db
    .prepare(
      "select name from sqlite_master where type = 'table' and sql like 'create virtual table%'",
    )
    .pluck()
    .all() as string[];
  db.transaction(() => {
    // Every FTS5 table here is the index's (search_fts of version 1, search_fts_<n> since).
    for (const table of virtual) db.exec(`drop table if exists "${table}"`);
    for (const table of TABLES) db.exec(`drop table if exists ${table}`);
    db.exec(DDL);
    db.prepare("insert into search_meta (key, value) values ('version', ?)").run(
      String(SEARCH_INDEX_VERSION),
    );
  })();
  return true;
}

import type Database from 'better-sqlite3';

/** The FTS5 table of one workspace and its statements. */
export interface WorkspaceFts {
  /** The table's name (`search_fts_<n>`), safe to put in SQL. */
  readonly table: string;
  insert: Database.Statement<[number | bigint, string, string, string, string]>;
  remove: Database.Statement<[number]>;
  text: Database.Statement<[number], { title: string; body: string }>;
}

/** Makes the DDL of a workspace's FTS5 table (content columns only: nothing else is matched). */
const ftsDdl = (table: string) =>
  `create virtual table ${table} using fts5(title, body, tags, channels,
    tokenize = 'unicode61 remove_diacritics 2')`;

/**
 * One FTS5 table per workspace (`search_workspace_fts` maps the workspace to
 * its number). A query then matches only its workspace's rows: no scope term
 * ANDed into every match (whose posting list is as long as the workspace),
 * no other tenant's rows scored, and clearing a workspace is a DROP TABLE.
 */
export class FtsTables {
  private readonly open = new Map<string, WorkspaceFts>();
  private readonly find: Database.Statement<[string], { n: number }>;
  private readonly add: Database.Statement<[string]>;
  private readonly forget: Database.Statement<[string]>;

  constructor(private readonly db: Database.Database) {
    this.find = db.prepare('select n from search_workspace_fts where workspace_id = ?');
    this.add = db.prepare('insert into search_workspace_fts (workspace_id) values (?)');
    this.forget = db.prepare('delete from search_workspace_fts where workspace_id = ?');
  }

  /** The workspace's table, made when `create` and missing; null when missing. */
  of(workspaceId: string, create: true): WorkspaceFts;
  of(workspaceId: string, create?: false): WorkspaceFts | null;
  of(workspaceId: string, create = false): WorkspaceFts | null {
    const cached = this.open.get(workspaceId);
    if (cached) return cached;
    let n = this.find.get(workspaceId)?.n;
    if (n === undefined) {
      if (!create) return null;
      n = Number(this.add.run(workspaceId).lastInsertRowid);
      this.db.exec(ftsDdl(`search_fts_${n}`));
    }
    const table = `search_fts_${n}`;
    const fts: WorkspaceFts = {
      table,
      insert: this.db.prepare(
        `insert into ${table} (rowid, title, body, tags, channels) values (?, ?, ?, ?, ?)`,
      ),
      remove: this.db.prepare(`delete from ${table} where rowid = ?`),
      text: this.db.prepare(`select title, body from ${table} where rowid = ?`),
    };
    this.open.set(workspaceId, fts);
    return fts;
  }

  /** Drops the workspace's table (its rows in search_rows are the caller's). */
  drop(workspaceId: string): void {
    const fts = this.of(workspaceId);
    this.open.delete(workspaceId);
    if (!fts) return;
    this.db.exec(`drop table ${fts.table}`);
    this.forget.run(workspaceId);
  }
}

import { FieldbookError, isFieldbookError } from '@fieldbook/shared';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { ProfileIdSchema } from '../../common/ipcContract';
import { SqliteLocalDocStore } from './sqliteLocalDocStore';

const DB_FILE = 'fieldbook.sqlite';
/** SQLite's companion files, moved together with the database. */
const DB_SIDECARS = ['', '-wal', '-shm'];

/**
 * One SQLite store per profile (DESIGN.md: one database per signed-in
 * profile; `local` for work without an account), each in its own folder under
 * `dir`, opened on first use and kept open until `closeAll`.
 */
export class ProfileStores {
  private readonly open = new Map<string, SqliteLocalDocStore>();

  constructor(private readonly dir: string) {}

  /**
   * The store of `profileId`. A damaged database is STORAGE_CORRUPT (the
   * renderer then offers `recover`); other failures are SERVICE_UNAVAILABLE.
   */
  get(profileId: string): SqliteLocalDocStore {
    const known = this.open.get(profileId);
    if (known) return known;
    const folder = this.folderOf(profileId);
    mkdirSync(folder, { recursive: true });
    let store: SqliteLocalDocStore;
    try {
      store = SqliteLocalDocStore.open(join(folder, DB_FILE));
    } catch (err) {
      if (isFieldbookError(err, 'STORAGE_CORRUPT')) {
        throw new FieldbookError(
          'STORAGE_CORRUPT',
          "This computer's copy of your Fieldbook data is damaged. It can be rebuilt from this window's copy and the server.",
          { profileId },
        );
      }
      throw new FieldbookError(
        'SERVICE_UNAVAILABLE',
        "This profile's local database cannot be opened.",
        { cause: (err as Error).message },
      );
    }
    this.open.set(profileId, store);
    return store;
  }

  /**
   * Sets a profile's damaged database aside (renamed, never deleted, so
   * nothing is lost for good) and starts an empty one; the renderer then
   * merges its own copies back in and sync brings the rest. Returns where
   * the damaged file now is.
   */
  async recover(profileId: string, now = Date.now()): Promise<{ keptAs: string }> {
    const folder = this.folderOf(profileId);
    const known = this.open.get(profileId);
    this.open.delete(profileId);
    await known?.close().catch(() => undefined);
    const keptAs = join(folder, `${DB_FILE}.damaged-${now}`);
    for (const suffix of DB_SIDECARS) {
      const from = join(folder, DB_FILE + suffix);
      if (existsSync(from)) renameSync(from, keptAs + suffix);
    }
    this.get(profileId);
    return { keptAs };
  }

  /** Closes every open store. */
  async closeAll(): Promise<void> {
    const stores = [...this.open.values()];
    this.open.clear();
    await Promise.all(stores.map((s) => s.close()));
  }

  private folderOf(profileId: string): string {
    if (!ProfileIdSchema.safeParse(profileId).success) {
      throw new FieldbookError('VALIDATION_ERROR', 'Not a profile id');
    }
    return join(this.dir, profileId);
  }
}

import { FieldbookError } from '@fieldbook/shared';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ProfileIdSchema } from '../../common/ipcContract';
import { SqliteLocalDocStore } from './sqliteLocalDocStore';

/**
 * One SQLite store per profile (DESIGN.md: one database per signed-in
 * profile; `local` for work without an account), each in its own folder under
 * `dir`, opened on first use and kept open until `closeAll`.
 */
export class ProfileStores {
  private readonly open = new Map<string, SqliteLocalDocStore>();

  constructor(private readonly dir: string) {}

  /** The store of `profileId`; a damaged database is a coded error, not a crash. */
  get(profileId: string): SqliteLocalDocStore {
    const known = this.open.get(profileId);
    if (known) return known;
    if (!ProfileIdSchema.safeParse(profileId).success) {
      throw new FieldbookError('VALIDATION_ERROR', 'Not a profile id');
    }
    const folder = join(this.dir, profileId);
    mkdirSync(folder, { recursive: true });
    let store: SqliteLocalDocStore;
    try {
      store = SqliteLocalDocStore.open(join(folder, 'fieldbook.sqlite'));
    } catch (err) {
      throw new FieldbookError(
        'SERVICE_UNAVAILABLE',
        "This profile's local database cannot be opened; it may be damaged.",
        { cause: (err as Error).message },
      );
    }
    this.open.set(profileId, store);
    return store;
  }

  /** Closes every open store. */
  async closeAll(): Promise<void> {
    const stores = [...this.open.values()];
    this.open.clear();
    await Promise.all(stores.map((s) => s.close()));
  }
}

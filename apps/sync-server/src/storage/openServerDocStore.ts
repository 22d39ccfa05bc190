import { join } from 'node:path';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { Postgres } from '../postgres/connection';
import type { DocStore } from './docStore';
import { openSqliteDocStore } from './sqlite/sqliteDocStore';

/**
 * The server's document store: on PostgreSQL in shared mode (migrations
 * applied first), else the embedded SQLite store in `DATA_DIR/fieldbook.db`.
 */
export async function openServerDocStore(
  config: Config,
  postgres: Postgres | null,
  log: Logger,
): Promise<DocStore> {
  if (postgres) return (await import('./postgres/postgresDocStore')).openPostgresDocStore(postgres);
  return openSqliteDocStore({
    file: join(config.dataDir, 'fieldbook.db'),
    durability: config.durability,
    onJournalError: (err) => log.error({ err }, 'update journal'),
  });
}

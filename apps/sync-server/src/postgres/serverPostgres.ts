import type { Config } from '../config';
import type { Logger } from '../log';
import type { Postgres } from './connection';

/**
 * The server's one PostgreSQL pool when DATABASE_URL is set (shared mode),
 * or null for the embedded SQLite default. Each store family applies its own
 * migrations when it opens on the pool. Throws PostgresUnavailableError when
 * the database cannot be reached, so the server refuses to start.
 */
export async function openServerPostgres(config: Config, log: Logger): Promise<Postgres | null> {
  if (!config.databaseUrl) return null;
  // pg and drizzle's PostgreSQL driver load only in shared mode.
  const { openPostgres } = await import('./connection');
  return openPostgres({
    url: config.databaseUrl,
    onError: (err) => log.error({ err }, 'postgres idle client error'),
  });
}

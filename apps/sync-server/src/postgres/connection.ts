/**
 * One PostgreSQL connection pool per server process, shared by every store
 * family, with drizzle on top. Opening checks the database answers, so a
 * wrong DATABASE_URL stops the server with a clear message instead of
 * failing the first request.
 */
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { PostgresUnavailableError } from './unavailable';

/** A pool and its drizzle handle; `close` ends the pool (stores never end it themselves). */
export interface Postgres {
  pool: pg.Pool;
  db: NodePgDatabase;
  close(): Promise<void>;
}

export { PostgresUnavailableError, isPostgresUnavailable, redactUrl } from './unavailable';

/** Options of {@link openPostgres}. */
export interface OpenPostgresOptions {
  url: string;
  /** Pool size (default 10). */
  max?: number;
  /** Called for errors of idle clients (a restarted server), which would otherwise crash the process. */
  onError?: (err: Error) => void;
}

/** Opens a pool on `url` and checks it with one query. */
export async function openPostgres(options: OpenPostgresOptions): Promise<Postgres> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
  });
  pool.on('error', (err) => options.onError?.(err));
  try {
    await pool.query('select 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new PostgresUnavailableError(options.url, err);
  }
  return {
    pool,
    db: drizzle({ client: pool }),
    close: () => pool.end(),
  };
}

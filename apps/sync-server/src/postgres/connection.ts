/**
 * One PostgreSQL connection pool per server process, shared by every store
 * family, with drizzle on top. Opening checks the database answers, so a
 * wrong DATABASE_URL stops the server with a clear message instead of
 * failing the first request.
 */
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';

/** A pool and its drizzle handle; `close` ends the pool (stores never end it themselves). */
export interface Postgres {
  pool: pg.Pool;
  db: NodePgDatabase;
  close(): Promise<void>;
}

/** Thrown when DATABASE_URL cannot be reached or refuses the connection. */
export class PostgresUnavailableError extends Error {
  readonly code = 'POSTGRES_UNAVAILABLE';
  constructor(url: string, cause: unknown) {
    super(`PostgreSQL at ${redactUrl(url)} is unreachable: ${(cause as Error)?.message ?? cause}`, {
      cause,
    });
  }
}

/** SQLSTATEs that mean the server cannot be used right now (not that the statement is wrong). */
const UNAVAILABLE_STATES = new Set(['53300', '57P01', '57P02', '57P03', '3D000']);
/** Socket errors of a connection that cannot be made or was lost. */
const UNAVAILABLE_SOCKETS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
]);
/** What pg-pool throws for a connection it could not open or that died mid-query, and a closed database. */
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect)|is not currently accepting connections/;

/**
 * True when `err` (or an error it wraps: drizzle puts the driver's error in
 * `cause`) says PostgreSQL is unreachable or refuses connections, so the
 * request should be answered 503 SERVICE_UNAVAILABLE (nothing was stored)
 * rather than 500.
 */
export function isPostgresUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (code.startsWith('08') || UNAVAILABLE_STATES.has(code) || UNAVAILABLE_SOCKETS.has(code)) {
        return true;
      }
    }
    if (e instanceof PostgresUnavailableError || UNAVAILABLE_MESSAGE.test(e.message)) return true;
  }
  return false;
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid DATABASE_URL>';
  }
}

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

/**
 * Telling that PostgreSQL cannot be used, apart from the pool itself: the REST
 * error mapping and the start-up message need it in every mode, while pg and
 * drizzle's driver (connection.ts) load only in shared mode (DATABASE_URL).
 */

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

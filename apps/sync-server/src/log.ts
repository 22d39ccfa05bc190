import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Paths pino censors wherever they appear. Request URLs are never passed to
 * the logger (they may carry a ticket in the query string); these catch
 * tokens and headers that slip into an error object or a context field.
 */
const REDACT = [
  'token',
  'ticket',
  'secret',
  'password',
  'authorization',
  'url',
  '*.token',
  '*.ticket',
  '*.secret',
  '*.password',
  '*.authorization',
  '*.url',
  'headers',
  '*.headers',
  '*["sec-websocket-protocol"]',
];

/** The server's structured JSON logger, with secrets redacted. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'sync-server', pid: process.pid },
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** Strips the query string and fragment from a request target, for anything that might be logged. */
export function pathOnly(url: string | undefined): string {
  if (!url) return '/';
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

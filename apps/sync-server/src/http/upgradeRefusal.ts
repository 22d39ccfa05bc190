import type { Duplex } from 'node:stream';
import type { FieldbookError } from '@fieldbook/shared';

/** Answers an HTTP upgrade with a bare status and ends the socket (no WebSocket exists yet). */
export function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The WebSocket close code for a refused connection: 4404 not found, 4403 not
 * allowed, 4401 not signed in (stock clients stop retrying on these), 1011
 * for anything else.
 */
export function closeCodeFor(error: FieldbookError): number {
  if (error.code === 'RESOURCE_NOT_FOUND') return 4404;
  if (error.code === 'AUTH_INSUFFICIENT_PERMISSIONS') return 4403;
  if (error.code.startsWith('AUTH_')) return 4401;
  return 1011;
}

import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { FieldbookError, toErrorBody } from '@fieldbook/shared';
import { randomString } from '../identity/secrets';

/** Node's parser errors that have an answer of their own; anything else is a malformed request. */
const ANSWERS: Record<string, [number, string, FieldbookError]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    new FieldbookError(
      'HEADERS_TOO_LARGE',
      'The request line and headers are too large (query string, cookies or tokens); send less',
    ),
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'Request Timeout',
    new FieldbookError('REQUEST_TIMEOUT', 'The request took too long to arrive'),
  ],
};
const MALFORMED: [number, string, FieldbookError] = [
  400,
  'Bad Request',
  new FieldbookError('VALIDATION_ERROR', 'Malformed HTTP request'),
];

/**
 * Answers what Node's HTTP parser refuses before any route runs — headers
 * or a URL over `maxHeaderSize` (431), a request that never finished (408), a
 * malformed request (400) — in the API's JSON error shape, instead of Node's
 * empty default reply. The connection is closed after the answer.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason, error] = ANSWERS[err.code ?? ''] ?? MALFORMED;
    const body = JSON.stringify(toErrorBody(error, `req_${randomString(16)}`));
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\n` +
        'Content-Type: application/json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}

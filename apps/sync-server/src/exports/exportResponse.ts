import { PassThrough, Readable, type Writable } from 'node:stream';
import type { Logger } from '../log';

/**
 * A streamed download: runs `write` into a pipe and answers its bytes as they
 * come. A failure after the headers went out aborts the transfer (the client
 * sees an incomplete download, never a complete-looking broken file); a
 * client that goes away cancels the writer through `signal`.
 */
export function streamedDownload(
  headers: Record<string, string>,
  write: (out: Writable, signal: AbortSignal) => Promise<unknown>,
  log?: Logger,
): Response {
  const out = new PassThrough();
  const abort = new AbortController();
  out.on('close', () => {
    if (!out.writableFinished) abort.abort();
  });
  write(out, abort.signal).catch((err: unknown) => {
    if (!abort.signal.aborted) log?.error({ err }, 'export failed midway');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return new Response(Readable.toWeb(out) as ReadableStream, { status: 200, headers });
}

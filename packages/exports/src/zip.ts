import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import archiver from 'archiver';

/** A ZIP being written to a stream, one entry at a time. */
export interface ZipWriter {
  /** Adds an entry and resolves once it is compressed into the output (so streams are opened one at a time). */
  add(name: string, content: string | Buffer | Readable, date?: number): Promise<void>;
  /** Writes the central directory and ends the output. */
  finish(): Promise<void>;
  /** Stops writing and destroys the output (a half-written ZIP is never finished). */
  abort(err: Error): void;
}

/** Starts a ZIP (deflate) on `out`, with archiver's streaming writer. */
export function createZip(out: Writable, level = 6): ZipWriter {
  const archive = archiver('zip', { zlib: { level } });
  let failure: Error | null = null;
  const failed = new Promise<never>((_, reject) => {
    archive.on('error', (err) => reject((failure = err)));
    out.on('error', (err) => reject((failure = err)));
  });
  failed.catch(() => undefined);
  archive.on('warning', (err) => {
    failure = err;
  });
  archive.pipe(out);
  return {
    async add(name, content, date) {
      if (failure) throw failure;
      const done = once(archive, 'entry');
      archive.append(content, { name, ...(date ? { date: new Date(date) } : {}) });
      await Promise.race([done, failed]);
    },
    async finish() {
      const closed = once(out, 'finish');
      await archive.finalize();
      await Promise.race([closed, failed]);
    },
    abort(err) {
      archive.abort();
      out.destroy(err);
    },
  };
}

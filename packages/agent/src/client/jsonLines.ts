import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * An append-only file of JSON lines, the agent's small durable logs (outbox,
 * command journal). Appends reach the OS before the call returns, so a killed
 * process loses nothing it appended; a torn last line (a crash mid-write) is
 * skipped on reading. `rewrite` replaces the file atomically (compaction).
 */
export class JsonLines<T> {
  /** Lines in the file now (compaction is worth it when this grows far past what is live). */
  lines = 0;

  constructor(private readonly file: string) {}

  /** Every whole entry in the file, oldest first. */
  read(): T[] {
    if (!existsSync(this.file)) return [];
    const out: T[] = [];
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line) continue;
      try {
        out.push(JSON.parse(line) as T);
      } catch {
        // a torn line from a crash mid-write
      }
    }
    this.lines = out.length;
    return out;
  }

  append(entry: T): void {
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
    this.lines++;
  }

  /** Replaces the file's content with `entries`. */
  rewrite(entries: readonly T[]): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    renameSync(tmp, this.file);
    this.lines = entries.length;
  }
}

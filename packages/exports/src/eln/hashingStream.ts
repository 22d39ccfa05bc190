import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** Passes bytes through while counting them and computing their sha256. */
export class HashingStream extends Transform {
  private readonly hash = createHash('sha256');
  size = 0;
  private digest: string | null = null;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    this.digest = this.hash.digest('hex');
    done();
  }

  /** The hex sha256 of everything that passed (after the stream ended). */
  get sha256(): string {
    if (this.digest === null) throw new Error('the stream has not ended');
    return this.digest;
  }
}

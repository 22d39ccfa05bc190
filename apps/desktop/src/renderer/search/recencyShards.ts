import MiniSearch, { type Options } from 'minisearch';

/** One MiniSearch over a stretch of rows, and their ids in the order added. */
export interface Shard<T> {
  readonly mini: MiniSearch<T>;
  readonly ids: Set<string>;
}

/**
 * Rows spread over MiniSearch indexes by when they were (re)indexed: new
 * rows go to the newest shard, a changed row moves there. MiniSearch scores
 * every row holding a word, so one index over 160,000 rows spends tens of ms
 * on a frequent word; a search that reads shards newest first can stop once
 * it has enough hits (see LocalSearchEngine's rank window).
 */
export class RecencyShards<T extends { id: string }> {
  private readonly shards: Shard<T>[] = [];
  private readonly shardOf = new Map<string, Shard<T>>();

  /** `size`: rows a shard takes before the next one opens. */
  constructor(
    private readonly size: number,
    private readonly options: Options<T>,
  ) {}

  /** Indexes a row in the newest shard (the id must not be indexed). */
  add(row: T): void {
    let open = this.shards[this.shards.length - 1];
    if (!open || open.ids.size >= this.size) {
      open = { mini: new MiniSearch<T>(this.options), ids: new Set() };
      this.shards.push(open);
    }
    open.mini.add(row);
    open.ids.add(row.id);
    this.shardOf.set(row.id, open);
  }

  /** Forgets a row; a shard left empty goes. */
  discard(id: string): void {
    const shard = this.shardOf.get(id);
    if (!shard) return;
    this.shardOf.delete(id);
    shard.ids.delete(id);
    if (shard.ids.size > 0) shard.mini.discard(id);
    else this.shards.splice(this.shards.indexOf(shard), 1);
  }

  /** The shards, newest first. */
  newestFirst(): Shard<T>[] {
    return [...this.shards].reverse();
  }
}

import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { samplesToColumns, type Sample } from '@fieldbook/shared';

/** A run of consecutive seqs of one stream, as buffered: the samples kept as the JSON text of their column form. */
export interface Block {
  firstSeq: number;
  lastSeq: number;
  json: string;
  /** Session epoch the block was written in (older blocks are sent as historical). */
  epoch: number;
  segment: Segment;
}

interface Segment {
  stream: string;
  file: string;
  bytes: number;
  fd: number | null;
  blocks: number;
}

interface StreamState {
  nextSeq: number;
  overflow: number;
  blocks: Block[];
  active: Segment | null;
}

interface SavedState {
  sessionEpoch: number;
  streams: Record<string, { nextSeq: number; overflow: number }>;
}

/** Sizes of the buffer. */
export interface DiskBufferOptions {
  /** Most bytes kept on disk across all streams; past it, the oldest segment is dropped and counted as overflow. */
  maxBytes?: number;
  /** A segment file is closed and a new one started past this size. */
  segmentBytes?: number;
}

/**
 * The agent's store-and-forward buffer: per stream, append-only segment files
 * of `firstSeq lastSeq columnsJSON` lines (the protocol's compact column form). Samples are numbered and written
 * before they are sent; acknowledged segments are deleted; when the buffer
 * is full the oldest segment goes and its unacknowledged samples are counted
 * in the stream's overflow. A torn last line (a crash mid-write) is ignored
 * on reopen. The session epoch and seq counters live in `state.json`,
 * replaced atomically.
 */
export class DiskBuffer {
  private readonly streams = new Map<string, StreamState>();
  /** Every live segment in creation order (the drop order when full). */
  private readonly segments: Segment[] = [];
  private bytes = 0;
  private state: SavedState;
  private readonly maxBytes: number;
  private readonly segmentBytes: number;

  constructor(
    private readonly dir: string,
    options: DiskBufferOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
    this.segmentBytes =
      options.segmentBytes ?? Math.max(4096, Math.min(8 * 1024 * 1024, this.maxBytes / 8));
    mkdirSync(join(dir, 'streams'), { recursive: true });
    const statePath = join(dir, 'state.json');
    this.state = existsSync(statePath)
      ? (JSON.parse(readFileSync(statePath, 'utf8')) as SavedState)
      : { sessionEpoch: 0, streams: {} };
    this.load();
  }

  /** Increments and saves the session epoch; call once per connect. */
  nextEpoch(): number {
    this.state.sessionEpoch++;
    this.save();
    return this.state.sessionEpoch;
  }

  get sessionEpoch(): number {
    return this.state.sessionEpoch;
  }

  /** Numbers and writes samples to the stream's segment; returns their seqs. */
  append(stream: string, samples: Sample[]): { firstSeq: number; lastSeq: number } {
    const st = this.stream(stream);
    const firstSeq = st.nextSeq;
    const lastSeq = firstSeq + samples.length - 1;
    st.nextSeq = lastSeq + 1;
    const json = JSON.stringify(samplesToColumns(samples));
    const line = `${firstSeq} ${lastSeq} ${json}\n`;
    let seg = st.active;
    if (!seg || seg.bytes >= this.segmentBytes) {
      if (seg?.fd != null) {
        closeSync(seg.fd);
        seg.fd = null;
      }
      if (seg && seg.blocks === 0) this.removeSegment(seg);
      const file = join(this.streamDir(stream), `${String(firstSeq).padStart(16, '0')}.seg`);
      seg = { stream, file, bytes: 0, fd: openSync(file, 'a'), blocks: 0 };
      st.active = seg;
      this.segments.push(seg);
    }
    const size = Buffer.byteLength(line);
    writeSync(seg.fd!, line);
    seg.bytes += size;
    seg.blocks++;
    this.bytes += size;
    st.blocks.push({ firstSeq, lastSeq, json, epoch: this.state.sessionEpoch, segment: seg });
    while (this.bytes > this.maxBytes && this.segments.length > 0) this.dropOldest();
    return { firstSeq, lastSeq };
  }

  /** Unacknowledged blocks of a stream, oldest first. */
  pending(stream: string): readonly Block[] {
    return this.streams.get(stream)?.blocks ?? [];
  }

  /** Forgets everything up to `storedSeq` (the server has it) and deletes segments left empty. */
  ack(stream: string, storedSeq: number): void {
    const st = this.stream(stream);
    if (st.nextSeq <= storedSeq) {
      st.nextSeq = storedSeq + 1;
      this.save();
    }
    let dropped = 0;
    while (dropped < st.blocks.length && st.blocks[dropped]!.lastSeq <= storedSeq) dropped++;
    if (dropped === 0) return;
    for (const block of st.blocks.splice(0, dropped)) {
      const seg = block.segment;
      if (--seg.blocks === 0 && seg !== st.active) this.removeSegment(seg);
    }
  }

  /** Samples dropped from this stream because the buffer was full. */
  overflow(stream: string): number {
    return this.streams.get(stream)?.overflow ?? 0;
  }

  /** The newest seq written per stream (the agent's `heldSeq`). */
  heldSeq(): Record<string, number> {
    return Object.fromEntries([...this.streams].map(([s, st]) => [s, st.nextSeq - 1]));
  }

  streamNames(): string[] {
    return [...this.streams.keys()];
  }

  /** Unacknowledged samples across streams. */
  depth(): number {
    let n = 0;
    for (const st of this.streams.values())
      for (const b of st.blocks) n += b.lastSeq - b.firstSeq + 1;
    return n;
  }

  /** Bytes on disk. */
  get size(): number {
    return this.bytes;
  }

  close(): void {
    for (const seg of this.segments) if (seg.fd != null) closeSync(seg.fd);
    for (const seg of this.segments) seg.fd = null;
    this.save();
  }

  private dropOldest(): void {
    const seg = this.segments[0]!;
    const st = this.stream(seg.stream);
    const keep = st.blocks.filter((b) => b.segment !== seg);
    for (const b of st.blocks) if (b.segment === seg) st.overflow += b.lastSeq - b.firstSeq + 1;
    st.blocks = keep;
    if (st.active === seg) st.active = null;
    this.removeSegment(seg);
    this.save();
  }

  private removeSegment(seg: Segment): void {
    if (seg.fd != null) closeSync(seg.fd);
    seg.fd = null;
    rmSync(seg.file, { force: true });
    this.bytes -= seg.bytes;
    this.segments.splice(this.segments.indexOf(seg), 1);
    this.save();
  }

  private stream(name: string): StreamState {
    let st = this.streams.get(name);
    if (!st) {
      const saved = this.state.streams[name];
      st = {
        nextSeq: saved?.nextSeq ?? 1,
        overflow: saved?.overflow ?? 0,
        blocks: [],
        active: null,
      };
      this.streams.set(name, st);
      mkdirSync(this.streamDir(name), { recursive: true });
    }
    return st;
  }

  private streamDir(stream: string): string {
    return join(this.dir, 'streams', encodeURIComponent(stream));
  }

  private load(): void {
    for (const name of Object.keys(this.state.streams)) this.stream(name);
    const found: Segment[] = [];
    for (const entry of readdirSync(join(this.dir, 'streams'))) {
      const stream = decodeURIComponent(entry);
      const st = this.stream(stream);
      for (const f of readdirSync(this.streamDir(stream))
        .filter((x) => x.endsWith('.seg'))
        .sort()) {
        const file = join(this.streamDir(stream), f);
        const text = readFileSync(file, 'utf8');
        const seg: Segment = { stream, file, bytes: Buffer.byteLength(text), fd: null, blocks: 0 };
        for (const line of text.split('\n')) {
          const m = /^(\d+) (\d+) (\{.*\})$/.exec(line);
          if (!m) continue;
          const firstSeq = Number(m[1]);
          const lastSeq = Number(m[2]);
          st.blocks.push({
            firstSeq,
            lastSeq,
            json: m[3]!,
            epoch: this.state.sessionEpoch,
            segment: seg,
          });
          seg.blocks++;
          st.nextSeq = Math.max(st.nextSeq, lastSeq + 1);
        }
        found.push(seg);
        this.bytes += seg.bytes;
      }
    }
    this.segments.push(...found.sort((a, b) => (a.file < b.file ? -1 : 1)));
  }

  private save(): void {
    this.state.streams = Object.fromEntries(
      [...this.streams].map(([s, st]) => [s, { nextSeq: st.nextSeq, overflow: st.overflow }]),
    );
    const path = join(this.dir, 'state.json');
    writeFileSync(`${path}.tmp`, JSON.stringify(this.state));
    renameSync(`${path}.tmp`, path);
  }
}

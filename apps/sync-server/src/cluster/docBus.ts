/**
 * Cross-node fan-out of document updates and awareness over Redis pub/sub,
 * one channel per document, subscribed only by the nodes that have the
 * document open (no node handles every document's traffic).
 *
 * Pub/sub, not streams: the update log lives in the database, which every
 * node appends to before it publishes, so Redis only has to carry "seq N is
 * durable, here it is" fast; a stream would keep a second copy of the log
 * in Redis memory to trim. What pub/sub loses is found by seq: each update
 * carries its per-document seq, and a hole that lasts `gapMs`, a `head`
 * message past what a node holds, a fresh subscription or a reconnect makes
 * the node read the log after its last contiguous seq from the store. So a
 * node that missed messages catches up from the database instead of
 * diverging. Awareness is ephemeral: a node that opens a document asks the
 * others for their presence once subscribed; lost presence is repaired by
 * the clients' periodic renewal.
 */
import type { Logger } from '../log';
import type { DocStore, DocumentRef } from '../storage/docStore';
import { docKeyString } from '../storage/docStore';
import { KEY_PREFIX, type RedisLink } from './redisLink';
import { SeqTracker } from './seqTracker';

const UPDATE = 1;
const AWARENESS = 2;
const HEAD = 3;
const QUERY_AWARENESS = 4;
const HEADER = 1 + 16 + 8;

/** The open document a link serves (a DocHub). */
export interface DocPeer {
  /** Integrates and relays an update another node made durable as `seq`. */
  applyRemote(update: Uint8Array, seq: number): void;
  /** Applies and relays another node's awareness message. */
  applyRemoteAwareness(message: Uint8Array): void;
  /** The awareness message of everyone present here, or null when nobody is (for a node that just opened the document). */
  presence(): Uint8Array | null;
}

/** Settings of the bus. */
export interface DocBusOptions {
  /** How long a hole in the seqs may last before the log is read (default 200 ms). */
  gapMs?: number;
}

/** Opens per-document links; one per process, shared by every hub. */
export class DocBus {
  private readonly links = new Map<string, DocLink>();
  readonly gapMs: number;

  constructor(
    readonly redis: RedisLink,
    readonly log: Logger,
    options: DocBusOptions = {},
  ) {
    this.gapMs = options.gapMs ?? 200;
    redis.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      this.links.get(channel.toString())?.receive(message);
    });
    redis.onReconnected(() => {
      for (const link of this.links.values()) link.reconnected();
    });
  }

  /** Subscribes to the document's channel for `peer`; call `loaded` once its state is read. */
  join(ref: DocumentRef, peer: DocPeer, store: DocStore): DocLink {
    const channel = `${KEY_PREFIX}doc:${docKeyString(ref)}`;
    this.links.get(channel)?.close();
    const link = new DocLink(this, channel, ref, peer, store);
    this.links.set(channel, link);
    return link;
  }

  /** Forgets a closed link. */
  leave(link: DocLink): void {
    if (this.links.get(link.channel) === link) this.links.delete(link.channel);
  }

  /** Open links (tests, metrics). */
  get size(): number {
    return this.links.size;
  }
}

/** One document's channel on this node. */
export class DocLink {
  private tracker: SeqTracker | null = null;
  private early: Buffer[] = [];
  private gapTimer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(
    private readonly bus: DocBus,
    readonly channel: string,
    private readonly ref: DocumentRef,
    private readonly peer: DocPeer,
    private readonly store: DocStore,
  ) {
    // Subscribed before the state is read; once Redis confirms, the log is read again so
    // nothing published between the load and the subscription is missed.
    // The other nodes are asked for their presence, which arrives only on changes otherwise.
    bus.redis.subscriber.subscribe(channel).then(
      () => {
        this.publish(QUERY_AWARENESS, 0, new Uint8Array(0));
        if (this.tracker) void this.resync();
      },
      (err: unknown) => bus.log.warn({ err, channel }, 'redis subscribe failed'),
    );
  }

  /** The document's state through `seq` is loaded; messages that came meanwhile are applied. */
  loaded(seq: number): void {
    this.tracker = new SeqTracker(seq);
    const early = this.early;
    this.early = [];
    for (const message of early) this.receive(message);
  }

  /** This node made `update` durable as `seq`: tell the other nodes. */
  committed(seq: number, update: Uint8Array): void {
    this.tracker?.see(seq);
    this.publish(UPDATE, seq, update);
    this.watchGap();
  }

  /** Tells the other nodes an awareness message of this node's clients. */
  awareness(message: Uint8Array): void {
    this.publish(AWARENESS, 0, message);
  }

  /**
   * The seq through which every update is integrated (what a snapshot may
   * claim), or null before the document is loaded. Seqs past a hole do not
   * count, even if applied: the hole may be another node's update that Redis
   * has not brought yet.
   */
  coveredSeq(): number | null {
    return this.tracker?.contiguous ?? null;
  }

  receive(message: Buffer): void {
    if (this.closed || message.length < HEADER) return;
    if (message.subarray(1, 17).equals(this.bus.redis.nodeId)) return;
    if (!this.tracker) {
      this.early.push(message);
      return;
    }
    const kind = message[0];
    const seq = message.readDoubleLE(17);
    const payload = new Uint8Array(
      message.buffer,
      message.byteOffset + HEADER,
      message.length - HEADER,
    );
    if (kind === AWARENESS) return this.peer.applyRemoteAwareness(payload);
    if (kind === QUERY_AWARENESS) {
      const presence = this.peer.presence();
      if (presence) this.publish(AWARENESS, 0, presence);
      return;
    }
    if (kind === HEAD) {
      if (!this.tracker.has(seq)) void this.resync();
      return;
    }
    if (kind !== UPDATE || !this.tracker.see(seq)) return;
    this.peer.applyRemote(payload, seq);
    this.watchGap();
  }

  /** Redis was lost and is back: read what was missed and tell the others our head. */
  reconnected(): void {
    if (!this.tracker) return;
    this.publish(HEAD, this.tracker.head, new Uint8Array(0), true);
    void this.resync();
  }

  /** Reads the log after the last contiguous seq and integrates what is missing. */
  resync(): Promise<void> {
    if (this.syncing) {
      this.again = true;
      return this.syncing;
    }
    this.syncing = this.readMissing().finally(() => {
      this.syncing = null;
      if (this.again && !this.closed) {
        this.again = false;
        void this.resync();
      } else this.watchGap();
    });
    return this.syncing;
  }

  private async readMissing(): Promise<void> {
    const tracker = this.tracker;
    if (!tracker || this.closed) return;
    try {
      const missing = await this.store.readLog(this.ref, tracker.contiguous);
      if (this.closed) return;
      let last = tracker.contiguous;
      for (const u of missing) {
        if (!tracker.has(u.seq)) this.peer.applyRemote(u.update, u.seq);
        last = u.seq;
      }
      tracker.caughtUpTo(last);
    } catch (err) {
      this.bus.log.error({ err, docId: this.ref.docId }, 'resync from the store failed');
    }
  }

  private watchGap(): void {
    if (this.gapTimer || !this.tracker?.gapped || this.closed) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.tracker?.gapped) void this.resync();
    }, this.bus.gapMs);
    this.gapTimer.unref();
  }

  private publish(kind: number, seq: number, payload: Uint8Array, queued = false): void {
    // While Redis is down nothing is queued in memory: the others resync when it is back.
    if (this.closed || (!queued && !this.bus.redis.ready())) return;
    const message = Buffer.allocUnsafe(HEADER + payload.length);
    message[0] = kind;
    this.bus.redis.nodeId.copy(message, 1);
    message.writeDoubleLE(seq, 17);
    message.set(payload, HEADER);
    this.bus.redis.command.publish(this.channel, message).catch((err: unknown) => {
      this.bus.log.warn({ err, channel: this.channel }, 'redis publish failed');
    });
  }

  /** Unsubscribes (the document was unloaded). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.bus.leave(this);
    this.bus.redis.subscriber.unsubscribe(this.channel).catch(() => undefined);
  }
}

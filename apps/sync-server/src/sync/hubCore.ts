import * as Y from 'yjs';
import type { DocBus, DocLink } from '../cluster/docBus';
import type { Logger } from '../log';
import type { SyncMetrics } from '../metrics';
import type { DocStore, DocumentRecord, DocumentRef } from '../storage/docStore';
import type { SyncAuthHooks } from './auth';
import { frameBinary, type SyncConnection } from './connection';
import type { GroupCommitter, PendingUpdate } from './groupCommit';
import { HubAwareness } from './hubAwareness';
import { LogCompactor, type CompactionLimits } from './logCompactor';
import { MALFORMED_CONTENT, ProtocolError } from './protocol';
import type { WriteGate, WriteGateContext } from './writeGate';

/** What every hub shares with the server around it. */
export interface HubContext {
  store: DocStore;
  committer: GroupCommitter;
  authorize: SyncAuthHooks['authorize'];
  metrics: SyncMetrics;
  log: Logger;
  compaction: CompactionLimits;
  /** Document-level authorization of every update (null: only `sync.write`, the benchmark's "checks off"). */
  writeChecks: WriteGateContext | null;
  /** Fan-out to the other nodes (null: one node, REDIS_URL unset). */
  cluster: DocBus | null;
  /** The last connection left. */
  onIdle(hub: HubCore): void;
  /** The hub closed itself (storage failure); forget it. */
  onClosed(hub: HubCore): void;
}

/** An update queued for the group commit by a hub. */
export interface HubUpdate extends PendingUpdate {
  /** The socket it came from; null for a change the server made (relayed to every socket). */
  sender: SyncConnection | null;
  /** Told the seq once durable (server changes). */
  settle?: { resolve(seq: number): void; reject(error: unknown): void };
}

/**
 * What every part of an open document's hub shares: the Y.Doc, its sockets
 * and awareness, its state, and the ways to reach every socket, turn one
 * away, or close them all. The write path (HubWrites) and the socket
 * protocol (DocHub) build on it.
 */
export abstract class HubCore {
  readonly doc = new Y.Doc();
  readonly awareness = new HubAwareness(this.doc, (message, remote) => {
    this.fanOut(message, null);
    if (!remote) this.link?.awareness(message);
  });
  readonly conns = new Set<SyncConnection>();
  state: 'loading' | 'ready' | 'closed' = 'loading';
  record: DocumentRecord | undefined;
  /** Updates applied in memory but not yet durable. */
  uncommitted = 0;
  /** The log since the latest snapshot, folded into a new one past the limits. */
  readonly compactor: LogCompactor;
  /** Checks updates before they are applied; made once the document is loaded. */
  protected gate: WriteGate | null = null;
  /** This document's channel to the other nodes, when there are any. */
  protected link: DocLink | null = null;
  /** Answers that wait until every applied update is durable. */
  protected held: (() => void)[] = [];

  constructor(
    readonly ref: DocumentRef,
    protected readonly ctx: HubContext,
  ) {
    this.compactor = new LogCompactor(
      {
        key: ref,
        doc: this.doc,
        // Alone, every seq of the document is this node's own commit; with other nodes only
        // the contiguous seq it applied (a snapshot at seq N must hold all of 1..N).
        coveredSeq: () =>
          this.state !== 'ready' || this.uncommitted > 0
            ? null
            : this.link
              ? this.link.coveredSeq()
              : this.compactor.lastSeq,
      },
      ctx.compaction,
      ctx.store,
      ctx.metrics,
      ctx.log,
    );
  }

  /** Removes a socket and its awareness entries. */
  detach(conn: SyncConnection): void {
    if (!this.conns.delete(conn)) return;
    if (this.state !== 'closed') this.awareness.drop(conn);
    if (this.conns.size === 0) this.ctx.onIdle(this);
  }

  /**
   * Sends a message to every connection but `except`, framed once: updates skip their sender,
   * awareness (`except` null) goes to its sender too, as y-websocket clients expect.
   */
  protected fanOut(message: Uint8Array, except: SyncConnection | null): number {
    if (this.conns.size === 0 || (except && this.conns.size === 1)) return 0;
    const frame = frameBinary(message);
    let n = 0;
    for (const conn of this.conns) if (conn !== except && conn.sendFrame(frame)) n++;
    return n;
  }

  /** Counts the error `code`, closes `conn` with `closeCode` and `reason`, and lets it go. */
  protected refuse(conn: SyncConnection, code: string, closeCode: number, reason: string): void {
    this.ctx.metrics.errors.inc({ code });
    conn.close(closeCode, reason);
    this.detach(conn);
  }

  /** Closes `conn` for a message it should not have sent (a protocol error or malformed content). */
  protected reject(conn: SyncConnection, error: unknown, code?: string): void {
    const protocolError = error instanceof ProtocolError ? error : null;
    const reason = protocolError?.message ?? MALFORMED_CONTENT;
    this.ctx.log.warn({ docId: this.ref.docId, conn: conn.id, reason }, 'closing socket');
    code ??= protocolError ? 'PROTOCOL_ERROR' : 'MALFORMED_UPDATE';
    this.refuse(conn, code, protocolError?.closeCode ?? 1007, reason);
  }

  /** Closes every socket with `code` and drops the in-memory document. */
  close(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.link?.close();
    for (const conn of this.conns) conn.close(code, reason);
    this.conns.clear();
    this.held = [];
    this.gate?.destroy();
    this.doc.destroy();
    this.ctx.onClosed(this);
  }

  /** Logs `error` and closes the hub: its clients reconnect and the document reloads from the log. */
  protected fail(error: unknown, reason: string, code = 1011): void {
    if (this.state === 'closed') return;
    this.ctx.log.error({ err: error, docId: this.ref.docId }, reason);
    this.ctx.metrics.errors.inc({ code: 'HUB_FAILED' });
    this.close(code, reason);
  }
}

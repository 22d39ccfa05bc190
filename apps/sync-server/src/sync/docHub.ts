import * as Y from 'yjs';
import type { DocBus, DocLink, DocPeer } from '../cluster/docBus';
import type { Logger } from '../log';
import type { SyncMetrics } from '../metrics';
import type { DocStore, DocumentRecord, DocumentRef } from '../storage/docStore';
import type { SyncAuthHooks } from './auth';
import { frameBinary, type SyncConnection } from './connection';
import type { CommitListener, GroupCommitter, PendingUpdate } from './groupCommit';
import { HubAwareness } from './hubAwareness';
import { applyReturningNews } from './appliedNews';
import { LoadQueue, loadStoredState } from './hubLoading';
import { LogCompactor, type CompactionLimits } from './logCompactor';
import {
  ProtocolError,
  changesNothing,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  isEmptyUpdate,
  parseClientMessage,
} from './protocol';
import { collectAfter, recordChange } from './serverChange';
import { UpdateLanding, type Landing } from './updateLanding';
import { WriteGate, admitUpdate, type WriteGateContext } from './writeGate';

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
  onIdle(hub: DocHub): void;
  /** The hub closed itself (storage failure); forget it. */
  onClosed(hub: DocHub): void;
}

interface HubUpdate extends PendingUpdate {
  /** The socket it came from; null for a change the server made (relayed to every socket). */
  sender: SyncConnection | null;
  /** Told the seq once durable (server changes). */
  settle?: { resolve(seq: number): void; reject(error: unknown): void };
}

/**
 * One open document: its Y.Doc, connections and awareness. Incoming updates
 * are applied, made durable by the group committer, and only then relayed;
 * answers that could reveal not-yet-durable content wait for the commit.
 * Until the stored state is loaded, every client message waits in a queue.
 */
export class DocHub implements CommitListener<HubUpdate>, DocPeer {
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
  private readonly landing = new UpdateLanding(this.doc);
  private readonly queued = new LoadQueue();
  private held: (() => void)[] = [];
  private loading: Promise<void> | null = null;
  /** Checks updates before they are applied; made once the document is loaded. */
  private gate: WriteGate | null = null;
  /** This document's channel to the other nodes, when there are any. */
  private link: DocLink | null = null;

  constructor(
    readonly ref: DocumentRef,
    private readonly ctx: HubContext,
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

  /** Loads the stored state (creating the document row for `createdBy` if new), then serves the waiting clients. */
  load(createdBy: string): Promise<void> {
    return (this.loading ??= this.loadOnce(createdBy));
  }

  private async loadOnce(createdBy: string): Promise<void> {
    // Subscribed before the state is read, so no other node's update falls between the two.
    if (this.ctx.cluster) this.link = this.ctx.cluster.join(this.ref, this, this.ctx.store);
    let lastSeq = 0;
    try {
      await this.ctx.committer.drain();
      const loaded = await loadStoredState(this.ctx.store, this.ref, createdBy, this.doc);
      this.record = loaded.record;
      lastSeq = loaded.lastSeq;
      this.compactor.loaded(lastSeq, loaded.updates, loaded.bytes);
    } catch (error) {
      this.fail(error, 'document could not be loaded');
      return;
    }
    if (this.state !== 'loading') return;
    if (this.ctx.writeChecks) this.gate = new WriteGate(this.doc, this.ctx.writeChecks);
    this.state = 'ready';
    for (const conn of this.conns) this.greet(conn);
    for (const [conn, frame] of this.queued.take())
      if (this.conns.has(conn)) this.handle(conn, frame);
    this.link?.loaded(lastSeq);
    this.compactor.maybeCompact();
  }

  /** Adds a socket; it is greeted once the document is loaded. */
  attach(conn: SyncConnection): void {
    this.conns.add(conn);
    if (this.state === 'ready') this.greet(conn);
  }

  /** Removes a socket and its awareness entries. */
  detach(conn: SyncConnection): void {
    if (!this.conns.delete(conn)) return;
    if (this.state !== 'closed') this.awareness.drop(conn);
    if (this.conns.size === 0) this.ctx.onIdle(this);
  }

  /** Handles one frame from `conn` (queued while loading). */
  receive(conn: SyncConnection, frame: Uint8Array): void {
    this.ctx.metrics.traffic.bytesIn += frame.length;
    if (this.state === 'ready') return this.handle(conn, frame);
    if (this.state !== 'loading' || this.queued.push(conn, frame)) return;
    this.refuse(conn, 'LOAD_QUEUE_FULL', 1008, 'too many messages while the document loads');
  }

  /** Counts the error `code`, closes `conn` with `closeCode` and `reason`, and lets it go. */
  private refuse(conn: SyncConnection, code: string, closeCode: number, reason: string): void {
    this.ctx.metrics.errors.inc({ code });
    conn.close(closeCode, reason);
    this.detach(conn);
  }

  private greet(conn: SyncConnection): void {
    const target = conn.target;
    // Documents are keyed by workspace, so only a workspace id shared by two tenants (which the
    // identity layer never hands out) could get here; refused like any unknown document.
    if (this.record!.tenantId !== conn.principal.tenantId) {
      return this.refuse(conn, 'RESOURCE_NOT_FOUND', 4404, 'document not found');
    }
    if (!this.ctx.authorize(conn.principal, target, 'sync.read')) {
      const reason = 'permission denied: you may not read this document';
      return this.refuse(conn, 'AUTH_INSUFFICIENT_PERMISSIONS', 4403, reason);
    }
    conn.send(encodeSyncStep1(this.doc));
    const presence = this.awareness.current();
    if (presence) conn.send(presence);
  }

  private handle(conn: SyncConnection, frame: Uint8Array): void {
    try {
      const msg = parseClientMessage(frame);
      const write = msg.kind === 'syncStep2' || msg.kind === 'update';
      if (write && isEmptyUpdate(msg.update)) return;
      if (!this.ctx.authorize(conn.principal, conn.target, write ? 'sync.write' : 'sync.read')) {
        // Not a write at all: a reader's replica repeating what the document holds (step 2 after a reload).
        if (write && changesNothing(this.doc, msg.update)) return;
        this.ctx.metrics.errors.inc({ code: 'AUTH_INSUFFICIENT_PERMISSIONS' });
        if (write)
          conn.send(encodePermissionDenied('permission-denied: you may not edit this document'));
        else conn.close(4403, 'permission denied: you may not read this document');
        return;
      }
      switch (msg.kind) {
        case 'syncStep1':
          if (this.uncommitted > 0) this.held.push(() => this.answerStep1(conn, msg.stateVector));
          else this.answerStep1(conn, msg.stateVector);
          return;
        case 'syncStep2':
          return this.applyUpdate(conn, msg.update, encodeUpdate(msg.update), true);
        case 'update':
          return this.applyUpdate(conn, msg.update, frame);
        case 'awareness':
          this.awareness.apply(conn, msg.update);
          this.fanOut(frame, null);
          this.link?.awareness(frame);
          return;
        case 'queryAwareness':
          conn.send(this.awareness.all());
          return;
      }
    } catch (error) {
      this.reject(conn, error);
    }
  }

  private answerStep1(conn: SyncConnection, stateVector: Uint8Array): void {
    try {
      conn.send(encodeSyncStep2(this.doc, stateVector));
    } catch (error) {
      this.reject(conn, error);
    }
  }

  /** `whole`: a sync step 2, stored and relayed as only what it changed (see applyReturningNews). */
  private applyUpdate(
    sender: SyncConnection,
    update: Uint8Array,
    relay: Uint8Array,
    whole = false,
  ): void {
    // Checked on a scratch copy: a refused or unappliable update never touches the shared document.
    const admission = admitUpdate(this.gate, sender, update);
    if (admission.verdict === 'malformed') {
      return this.reject(sender, new ProtocolError(admission.reason, 1007), 'MALFORMED_UPDATE');
    }
    if (admission.verdict !== 'apply') return;
    if (admission.merged) {
      update = admission.update;
      relay = encodeUpdate(update);
    }
    let news: Uint8Array | null = null;
    const sent = update;
    let landing: Landing;
    try {
      landing = this.landing.land(() => {
        if (whole) news = applyReturningNews(this.doc, sent, sender);
        else Y.applyUpdate(this.doc, sent, sender);
      });
    } catch (error) {
      // Decodable but not integrable: part of it may be in the doc, so reload from the log.
      this.reject(sender, error);
      this.fail(error, 'document reloading after a malformed update', 1011);
      return;
    }
    // Nothing to store or relay. With parts still waiting for what they build on, the whole
    // update is kept so none is lost.
    if (landing === 'nothing-new') return;
    if (news && landing === 'complete') {
      update = news;
      relay = encodeUpdate(news);
    }
    this.enqueue(update, relay, sender.principal.id, sender.id, sender);
  }

  /** Counts an update as uncommitted and queues it for the next group commit. */
  private enqueue(
    update: Uint8Array,
    relay: Uint8Array,
    actor: string,
    client: string,
    sender: SyncConnection | null,
    settle?: HubUpdate['settle'],
  ): void {
    this.uncommitted++;
    const { workspaceId, docId } = this.ref;
    const ts = Date.now();
    const pending: HubUpdate = {
      workspaceId,
      docId,
      update,
      relay,
      actor,
      client,
      ts,
      sender,
      settle,
      listener: this,
    };
    this.ctx.committer.enqueue(pending);
  }

  /**
   * Makes a change on the server's account (a restore, a merge): `change`
   * edits the loaded document in transactions, and what it changed is stored
   * and relayed to every socket like a client's update, as `actor` from
   * `client`. Resolves with the seq once durable, or null when nothing changed.
   */
  serverChange(
    actor: string,
    client: string,
    change: (doc: Y.Doc) => void,
  ): Promise<number | null> {
    if (this.state !== 'ready') return Promise.reject(new Error('document is not loaded'));
    const { updates, deleted, failure } = recordChange(this.doc, change);
    for (const update of updates) this.gate?.mirror(update);
    // Whatever reached the document is stored, even when the change failed half-way.
    const stored =
      updates.length === 0
        ? Promise.resolve(null)
        : new Promise<number>((resolve, reject) => {
            const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
            const relay = encodeUpdate(update);
            this.enqueue(update, relay, actor, client, null, { resolve, reject });
          });
    if (this.doc.gc && deleted.length > 0) {
      collectAfter(this.doc, deleted, stored, () => this.state === 'ready');
    }
    return failure === null ? stored : stored.then(() => Promise.reject(failure));
  }

  /** The update is durable: relay it to every other peer, then release held answers. */
  committed(pending: HubUpdate, seq: number): number {
    this.uncommitted--;
    pending.settle?.resolve(seq);
    this.compactor.committed(seq, pending.update.length);
    this.link?.committed(seq, pending.update);
    const delivered = this.state === 'ready' ? this.fanOut(pending.relay, pending.sender) : 0;
    if (this.uncommitted === 0 && this.state === 'ready') {
      const held = this.held;
      this.held = [];
      for (const answer of held) answer();
      this.compactor.maybeCompact();
    }
    return delivered;
  }

  /** Another node made `update` durable as `seq`: integrate it and relay it to every socket here. */
  applyRemote(update: Uint8Array, seq: number): void {
    if (this.state !== 'ready') return;
    try {
      this.gate?.mirror(update);
      Y.applyUpdate(this.doc, update, this.link);
    } catch (error) {
      return this.fail(error, 'document reloading after an unappliable update from another node');
    }
    this.compactor.committed(seq, update.length);
    this.fanOut(encodeUpdate(update), null);
  }

  /** Everyone present on this node's sockets (and relayed here), for a node that just opened the document. */
  presence(): Uint8Array | null {
    return this.state === 'ready' ? this.awareness.current() : null;
  }

  /** Another node's awareness message: applied here and relayed to every socket here. */
  applyRemoteAwareness(message: Uint8Array): void {
    if (this.state !== 'ready') return;
    try {
      const msg = parseClientMessage(message);
      if (msg.kind === 'awareness') this.awareness.applyRemote(msg.update);
    } catch (error) {
      this.ctx.log.warn({ err: error, docId: this.ref.docId }, 'unreadable awareness from a node');
    }
  }

  /** The update could not be stored: drop the in-memory state and let clients resend. */
  failed(pending: HubUpdate, error: unknown): void {
    pending.settle?.reject(error);
    this.fail(error, 'storage failure, reconnect to resend', 1011);
  }

  /**
   * Sends a message to every connection but `except`, framed once: updates skip their sender,
   * awareness (`except` null) goes to its sender too, as y-websocket clients expect.
   */
  private fanOut(message: Uint8Array, except: SyncConnection | null): number {
    if (this.conns.size === 0 || (except && this.conns.size === 1)) return 0;
    const frame = frameBinary(message);
    let n = 0;
    for (const conn of this.conns) if (conn !== except && conn.sendFrame(frame)) n++;
    return n;
  }

  private reject(conn: SyncConnection, error: unknown, code?: string): void {
    const protocolError = error instanceof ProtocolError ? error : null;
    const reason = protocolError?.message ?? 'malformed message: content could not be applied';
    this.ctx.metrics.errors.inc({
      code: code ?? (protocolError ? 'PROTOCOL_ERROR' : 'MALFORMED_UPDATE'),
    });
    this.ctx.log.warn({ docId: this.ref.docId, conn: conn.id, reason }, 'closing socket');
    conn.close(protocolError?.closeCode ?? 1007, reason);
    this.detach(conn);
  }

  /** Closes every socket with `code` and drops the in-memory document. */
  close(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.link?.close();
    for (const conn of this.conns) conn.close(code, reason);
    this.conns.clear();
    this.queued.take();
    this.held = [];
    this.gate?.destroy();
    this.doc.destroy();
    this.ctx.onClosed(this);
  }

  private fail(error: unknown, reason: string, code = 1011): void {
    if (this.state === 'closed') return;
    this.ctx.log.error({ err: error, docId: this.ref.docId }, reason);
    this.ctx.metrics.errors.inc({ code: 'HUB_FAILED' });
    this.close(code, reason);
  }
}

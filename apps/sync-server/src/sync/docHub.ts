import type { DocPeer } from '../cluster/docBus';
import type { SyncConnection } from './connection';
import { LoadQueue, loadStoredState } from './hubLoading';
import { HubWrites } from './hubWrites';
import {
  changesNothing,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  isEmptyUpdate,
  parseClientMessage,
} from './protocol';
import { WriteGate } from './writeGate';

export type { HubContext } from './hubCore';

/**
 * One open document: its Y.Doc, connections and awareness. Incoming updates
 * are applied, made durable by the group committer, and only then relayed
 * (HubWrites); answers that could reveal not-yet-durable content wait for
 * the commit. Until the stored state is loaded, every client message waits
 * in a queue.
 */
export class DocHub extends HubWrites implements DocPeer {
  private readonly queued = new LoadQueue();
  private loading: Promise<void> | null = null;

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

  /** Handles one frame from `conn` (queued while loading). */
  receive(conn: SyncConnection, frame: Uint8Array): void {
    this.ctx.metrics.traffic.bytesIn += frame.length;
    if (this.state === 'ready') return this.handle(conn, frame);
    if (this.state !== 'loading' || this.queued.push(conn, frame)) return;
    this.refuse(conn, 'LOAD_QUEUE_FULL', 1008, 'too many messages while the document loads');
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

  /** Closes every socket with `code` and drops the in-memory document. */
  override close(code: number, reason: string): void {
    this.queued.take();
    super.close(code, reason);
  }
}

import * as Y from 'yjs';
import type { SyncConnection } from './connection';
import type { CommitListener } from './groupCommit';
import { HubCore, type HubUpdate } from './hubCore';
import { applyReturningNews } from './appliedNews';
import { ProtocolError, encodeUpdate } from './protocol';
import { collectAfter, recordChange } from './serverChange';
import { UpdateLanding, type Landing } from './updateLanding';
import { admitUpdate } from './writeGate';

/**
 * The write path of an open document: a client's update is admitted by the
 * write gate, applied, made durable by the group committer and only then
 * relayed; the server's own changes and other nodes' updates join it here.
 */
export abstract class HubWrites extends HubCore implements CommitListener<HubUpdate> {
  private readonly landing = new UpdateLanding(this.doc);

  /** `whole`: a sync step 2, stored and relayed as only what it changed (see applyReturningNews). */
  protected applyUpdate(
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

  /** The update could not be stored: drop the in-memory state and let clients resend. */
  failed(pending: HubUpdate, error: unknown): void {
    pending.settle?.reject(error);
    this.fail(error, 'storage failure, reconnect to resend', 1011);
  }
}

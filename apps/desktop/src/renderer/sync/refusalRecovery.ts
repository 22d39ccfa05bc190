import * as Y from 'yjs';
import type { DocRef } from '../../common/localStore/localDocStore';
import { localDbName, type MainStore } from './docReplica';
import { readStoredState, replaceStoredState } from './indexedDbDocStore';
import type { ServerLink } from './serverLink';
import { unsavedChanges, type Unsaved } from './unsavedChanges';

/** A document whose local changes the server refused, and what of them is lost. */
export interface RefusedDoc extends Unsaved {
  readonly ref: DocRef;
  /** The server's reason, in its words. */
  readonly reason: string;
}

/** What the recovery needs from the app around it. */
export interface RecoveryHost {
  readonly profileId: string;
  readonly link: ServerLink;
  /** Main's SQLite store (desktop), or null in web mode. */
  readonly main: MainStore | null;
  /** Closes every replica and socket of the workspace: nothing more is sent or stored. */
  stopSync(): void;
  /** Learns the user's current role in the workspace (it may have changed). */
  refreshAccess(workspaceId: string): Promise<void>;
  /** Opens the workspace's replicas again, from the stores as they are now. */
  resumeSync(): void;
  /** Tells the user, once, what was not saved. */
  report(refused: readonly RefusedDoc[]): void;
}

/**
 * Brings local copies back to the server's state when the server refused an
 * update (a role changed mid-typing, a change the permission matrix does not
 * allow). Yjs cannot take an update back, so for each refused document:
 * every replica is closed, the server's state fetched into a fresh copy,
 * what only the local copy held is kept aside for the user, and IndexedDB
 * and main's store (with its outbox) are replaced by the server's state;
 * then the workspace opens again. The refused changes are gone from this
 * device, so no later sync can send them. `repair` takes the same path for a
 * copy that verification found different under ids the server also holds.
 */
export class RefusalRecovery {
  private readonly waiting = new Map<string, { ref: DocRef; reason: string; force?: boolean }>();
  private running = false;

  constructor(private readonly host: RecoveryHost) {}

  /** Records a refusal; the first one starts a recovery, later ones join it. */
  refused(ref: DocRef, reason: string): void {
    if (!this.waiting.has(ref.docId)) this.waiting.set(ref.docId, { ref, reason });
    this.kick(ref.workspaceId);
  }

  /**
   * Returns a document's local copy to the server's state although it holds
   * no edit the server lacks: it differs under ids both hold (a damaged copy,
   * found by verification), which no sync can repair.
   */
  repair(ref: DocRef): void {
    this.waiting.set(ref.docId, { ref, reason: 'differed from the server', force: true });
    this.kick(ref.workspaceId);
  }

  /** Runs a recovery unless one is running; refusals heard meanwhile start the next one. */
  private kick(workspaceId: string): void {
    if (this.running || this.waiting.size === 0) return;
    this.running = true;
    void this.run(workspaceId)
      .catch((err: unknown) => console.error('Recovering from a refused write failed', err))
      .finally(() => {
        this.running = false;
        this.kick(workspaceId);
      });
  }

  private async run(workspaceId: string): Promise<void> {
    const { host } = this;
    // A refused message may have changed nothing (a sync answer repeating known removals):
    // only copies holding something the server lacks are taken back.
    const diverged: { ref: DocRef; reason: string }[] = [];
    for (const next of this.drain()) {
      const check = next.force ? null : await this.compare(next.ref).catch(() => null);
      if (!check || check.unsaved.changes > 0) diverged.push(next);
    }
    if (diverged.length === 0) return;
    host.stopSync();
    await host.refreshAccess(workspaceId).catch((err: unknown) => {
      console.error('Reading the workspace role failed', err);
    });
    const refused: RefusedDoc[] = [];
    for (const next of [...diverged, ...this.drain()]) {
      try {
        refused.push({ ...next, ...(await this.restore(next.ref)) });
      } catch (err) {
        // The server is out of reach: the local copy stays, and its next sync is refused again.
        console.error(`Returning ${next.ref.docId} to the server's state failed`, err);
      }
    }
    host.resumeSync();
    // Bookkeeping alone (a timestamp the note's edits touched) is restored without a word.
    const lost = refused.filter((r) => r.text !== '' || r.removals > 0);
    if (lost.length > 0) host.report(lost);
  }

  private drain(): { ref: DocRef; reason: string; force?: boolean }[] {
    const all = [...this.waiting.values()];
    this.waiting.clear();
    return all;
  }

  /** The server's state of a document, and what the local stores hold beyond it. */
  private async compare(ref: DocRef): Promise<{ server: Uint8Array; unsaved: Unsaved }> {
    const { host } = this;
    const server = await host.link.serverState(ref);
    const local = await readStoredState(localDbName(host.profileId, ref.docId));
    const desktop = host.main ? await host.main.load(ref.docId) : null;
    const merged = desktop ? Y.mergeUpdates([local, desktop]) : local;
    return { server, unsaved: unsavedChanges(merged, server) };
  }

  private async restore(ref: DocRef): Promise<Unsaved> {
    const { server, unsaved } = await this.compare(ref);
    await replaceStoredState(localDbName(this.host.profileId, ref.docId), server);
    await this.host.main?.reset(ref, server);
    return unsaved;
  }
}

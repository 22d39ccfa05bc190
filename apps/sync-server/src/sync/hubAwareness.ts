import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { SyncConnection } from './connection';
import { encodeAwareness } from './protocol';

/** The origin of awareness changes relayed from another node. */
const REMOTE = Symbol('remote node');

/**
 * A document's awareness (presence) on the server, built on y-protocols'
 * Awareness: remembers which client ids each socket announced, so that their
 * entries are removed, and the removal broadcast, when the socket drops.
 */
export class HubAwareness {
  private readonly awareness: awarenessProtocol.Awareness;

  constructor(
    doc: Y.Doc,
    /** `remote`: the change came from another node (relay it here only). */
    private readonly broadcast: (message: Uint8Array, remote: boolean) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
  }

  /** Applies an awareness update from `conn`; throws on a malformed one. */
  apply(conn: SyncConnection, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
  }

  /** Applies an awareness update relayed from another node. */
  applyRemote(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
  }

  /** Removes every entry `conn` announced and tells the remaining peers. */
  drop(conn: SyncConnection): void {
    if (conn.awarenessClients.size === 0) return;
    awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessClients], null);
  }

  /** The message carrying every current state, or null when nobody is present. */
  current(): Uint8Array | null {
    return this.awareness.getStates().size > 0 ? encodeAwareness(this.awareness) : null;
  }

  /** The answer to query-awareness (possibly empty). */
  all(): Uint8Array {
    return encodeAwareness(this.awareness);
  }

  private readonly onUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin instanceof SyncConnection) {
      for (const id of change.added) origin.awarenessClients.add(id);
      for (const id of change.removed) origin.awarenessClients.delete(id);
      return;
    }
    // Removals by the server (a dropped socket) or by y-protocols' outdated-state timeout.
    const changed = [...change.added, ...change.updated, ...change.removed];
    this.broadcast(encodeAwareness(this.awareness, changed), origin === REMOTE);
  };
}

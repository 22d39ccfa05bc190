/**
 * One simulated user of the sync load benchmark: a stock y-websocket `WebsocketProvider` over
 * `ws`, its own Y.Doc, and a shared Y.Map where every edit is one small entry. It records the
 * fan-out latency of every remote edit it observes.
 */
import { createHash } from 'node:crypto';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { actorOrigin, createNote } from '@fieldbook/crdt-model';
import { epochNowMs, type ClientOutcome, type ClientSpec, type Endpoint } from './protocol';

/** The content of one edit: who made it, in which phase, its number, its send time (epoch ms). */
interface EditEntry {
  c: string;
  p: string;
  n: number;
  t: number;
}

/** A root a Fieldbook note has, so with --kind note every edit is note content the server checks. */
const EDITS_MAP = 'tags';

export class SimClient {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private readonly edits: Y.Map<EditEntry>;
  private readonly seen = new Set<string>();
  private duplicates = 0;
  /** Remote edits of the current phase received so far. */
  receivedInPhase = 0;
  private phase = '';
  private connectedOnce = false;
  disconnects = 0;
  lastArrivalEpochMs = 0;

  /**
   * Opens the connection at once; `onRemoteEdit` runs for each remote edit that arrives, with
   * its latency, so the owner can collect latencies and notice when the client is complete.
   */
  constructor(
    readonly spec: ClientSpec,
    endpoint: Endpoint,
    private readonly onRemoteEdit: (
      client: SimClient,
      latencyMs: number,
      sentAtEpochMs: number,
    ) => void,
  ) {
    this.edits = this.doc.getMap<EditEntry>(EDITS_MAP);
    this.provider = new WebsocketProvider(endpoint.serverUrl, spec.docId, this.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      protocols: endpoint.protocols,
      // Node has a global BroadcastChannel: without this, clients of one worker would
      // exchange updates in-process and bypass the server under test.
      disableBc: true,
    });
    this.provider.on('status', ({ status }) => {
      if (status === 'connected') this.connectedOnce = true;
      else if (status === 'disconnected' && this.connectedOnce) this.disconnects++;
    });
    this.edits.observe((event, transaction) => {
      if (transaction.local) return;
      const now = epochNowMs();
      for (const key of event.keysChanged) {
        const entry = this.edits.get(key);
        if (entry === undefined) continue;
        if (this.seen.has(key)) {
          this.duplicates++;
          continue;
        }
        this.seen.add(key);
        // A late edit of an earlier phase counts for convergence, not for this phase's figures.
        if (entry.p !== this.phase) continue;
        this.receivedInPhase++;
        this.lastArrivalEpochMs = now;
        this.onRemoteEdit(this, now - entry.t, entry.t);
      }
    });
  }

  get remoteEditsReceived(): number {
    return this.seen.size;
  }

  /**
   * Resolves with the connect time in ms once the provider has synced with the server; the
   * client that creates its document as a note does so then (as the dev server's user).
   */
  async whenSynced(timeoutMs: number): Promise<number> {
    const ms = await this.synced(timeoutMs);
    if (this.spec.createsNote)
      createNote(this.doc, { title: 'Sync load' }, actorOrigin('dev-user'));
    return ms;
  }

  private synced(timeoutMs: number): Promise<number> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      if (this.provider.synced) return resolve(performance.now() - started);
      const timer = setTimeout(() => {
        this.provider.off('sync', onSync);
        reject(new Error(`client ${this.spec.clientKey} did not sync within ${timeoutMs} ms`));
      }, timeoutMs);
      const onSync = (synced: boolean): void => {
        if (!synced) return;
        clearTimeout(timer);
        this.provider.off('sync', onSync);
        resolve(performance.now() - started);
      };
      this.provider.on('sync', onSync);
    });
  }

  /** Starts counting remote edits of phase `phase`. */
  beginPhase(phase: string): void {
    this.phase = phase;
    this.receivedInPhase = 0;
  }

  /** Makes edit `editNo` of `phase`: one small map entry stamped with the send time. */
  edit(phase: string, editNo: number): void {
    const key = `${this.spec.clientKey}:${phase}:${editNo}`;
    this.doc.transact(() => {
      this.edits.set(key, { c: this.spec.clientKey, p: phase, n: editNo, t: epochNowMs() });
    });
  }

  /** The replica's end state: a hash of its content (independent of update encoding). */
  outcome(): ClientOutcome {
    return {
      clientKey: this.spec.clientKey,
      docId: this.spec.docId,
      remoteEditsReceived: this.remoteEditsReceived,
      duplicateArrivals: this.duplicates,
      contentHash: contentHash(this.doc),
      entries: this.edits.size,
    };
  }

  /** Closes the connection and frees the document. */
  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}

/** Hash of a replica's edits map as sorted JSON, so equal content gives equal hashes. */
export function contentHash(doc: Y.Doc): string {
  const entries = [...doc.getMap<EditEntry>(EDITS_MAP).entries()].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex');
}

/** Number of edits in a replica. */
export function entryCount(doc: Y.Doc): number {
  return doc.getMap(EDITS_MAP).size;
}

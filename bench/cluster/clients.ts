/**
 * One simulated user of the cross-node benchmark: its own Y.Doc on one node,
 * through the target's stock client (y-websocket's WebsocketProvider for
 * Fieldbook, HocuspocusProvider for Hocuspocus). Each edit is one map entry
 * carrying its writer and send time; every remote entry observed is a delivery.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ClusterTarget } from './nodes';

/** One edit: writer index, its node, its number, its send time (performance.now). */
interface Edit {
  w: number;
  node: number;
  n: number;
  t: number;
}

/** What a delivery tells the collector. */
export interface Delivery {
  latencyMs: number;
  crossNode: boolean;
}

/** A connected simulated client. */
export class ClusterClient {
  readonly doc = new Y.Doc();
  private readonly edits = this.doc.getMap<Edit>('edits');
  private readonly close: () => void;
  readonly synced: Promise<void>;
  private sent = 0;

  constructor(
    target: ClusterTarget,
    url: string,
    docId: string,
    readonly index: number,
    readonly node: number,
    onDelivery: (d: Delivery) => void,
  ) {
    this.edits.observe((event) => {
      if (event.transaction.local) return;
      const now = performance.now();
      for (const key of event.keysChanged) {
        const e = this.edits.get(key);
        if (!e || e.w === this.index) continue;
        onDelivery({ latencyMs: now - e.t, crossNode: e.node !== this.node });
      }
    });
    if (target === 'fieldbook') {
      const provider = new WebsocketProvider(url, docId, this.doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        protocols: ['fieldbook.v1'],
        disableBc: true,
      });
      this.synced = new Promise((done) => provider.once('sync', () => done()));
      this.close = () => provider.destroy();
    } else {
      let markSynced: () => void = () => {};
      this.synced = new Promise((done) => (markSynced = done));
      // One socket per client, as each y-websocket client has.
      const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
      const provider = new HocuspocusProvider({
        websocketProvider: socket,
        name: docId,
        document: this.doc,
        onSynced: () => markSynced(),
      });
      provider.attach();
      this.close = () => {
        provider.destroy();
        socket.destroy();
      };
    }
  }

  /** Writes the next edit. */
  edit(): void {
    const n = this.sent++;
    this.edits.set(`${this.index}:${n}`, {
      w: this.index,
      node: this.node,
      n,
      t: performance.now(),
    });
  }

  /** Entries this replica holds (for the convergence check). */
  size(): number {
    return this.edits.size;
  }

  destroy(): void {
    this.close();
  }
}

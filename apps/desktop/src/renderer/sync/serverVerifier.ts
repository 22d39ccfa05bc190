import { documentDigest } from '@fieldbook/crdt-model';
import type { DocumentDigest } from '@fieldbook/shared';
import type { WebsocketProvider } from 'y-websocket';
import type { DocRef } from '../../common/localStore/localDocStore';
import type { DocReplica } from './docReplica';
import type { VerifyLog } from './verifyLog';

/** How long a document must be quiet after a sync or an edit before it is compared. */
const SETTLE_MS = 1200;
/** A difference may be an edit in flight: asked again this many times before acting on it. */
const IN_FLIGHT_RETRIES = 2;
/** Resyncs of one document before the verifier stops and says it still differs. */
const MAX_RESYNCS = 2;

/** What the verifier needs from the app: the server's digest, and a way to rebuild a copy. */
export interface VerifierHost {
  /** The server's digest of a document (GET …/documents/:doc/digest). */
  digest(ref: DocRef): Promise<DocumentDigest>;
  /** Returns a local copy to the server's state (it differs under ids both hold). */
  repair(ref: DocRef): void;
  /** Called when the verification state changed. */
  onChange(): void;
}

/** Where the open documents stand against the server, for the status bar. */
export type Verification =
  | { readonly state: 'verified'; readonly at: number; readonly docs: number }
  | { readonly state: 'checking' }
  | { readonly state: 'resyncing' }
  | { readonly state: 'differs' };

interface Watched {
  readonly replica: DocReplica;
  readonly provider: WebsocketProvider;
  timer: ReturnType<typeof setTimeout> | null;
  /** Bumped on every update, so a comparison across an edit is not trusted. */
  version: number;
  verifiedAt: number;
  retries: number;
  differs: boolean;
  resyncing: boolean;
}

/**
 * "Verified identical with the server": after each sync, and after edits
 * settle, compares an open document's state vector and canonical hash with
 * the server's. State vectors that keep differing mean an edit never arrived
 * on one side: the document is synced again (reconnect, so sync step 1 runs
 * both ways). Equal state vectors with different hashes mean the copies hold
 * different content or removals under the same ids, which no sync exchanges:
 * the local copy is rebuilt from the server's. Every difference is logged.
 */
export class ServerVerifier {
  private readonly watched = new Map<string, Watched>();

  constructor(
    private readonly host: VerifierHost,
    private readonly log: VerifyLog,
  ) {}

  /** Starts verifying a synced replica; returns the function that stops it. */
  watch(replica: DocReplica, provider: WebsocketProvider): () => void {
    const docId = replica.ref.docId;
    const w: Watched = {
      replica,
      provider,
      timer: null,
      version: 0,
      verifiedAt: 0,
      retries: 0,
      differs: false,
      resyncing: false,
    };
    const onSync = (synced: boolean) => {
      if (!synced) return;
      w.resyncing = false;
      this.schedule(w);
    };
    const onUpdate = () => {
      w.version += 1;
      if (w.verifiedAt > 0) w.verifiedAt = 0;
      if (w.provider.synced) this.schedule(w);
    };
    provider.on('sync', onSync);
    replica.doc.on('update', onUpdate);
    this.watched.set(docId, w);
    if (provider.synced) this.schedule(w);
    return () => {
      if (w.timer) clearTimeout(w.timer);
      provider.off('sync', onSync);
      replica.doc.off('update', onUpdate);
      if (this.watched.get(docId) === w) this.watched.delete(docId);
    };
  }

  private schedule(w: Watched): void {
    if (w.timer) clearTimeout(w.timer);
    w.timer = setTimeout(() => {
      w.timer = null;
      void this.check(w).catch(() => undefined); // unreachable or refused: not verified, nothing to log
    }, SETTLE_MS);
  }

  private async check(w: Watched): Promise<void> {
    if (!w.provider.synced || !w.provider.wsconnected || w.differs) return;
    const { ref, doc } = w.replica;
    const version = w.version;
    const [local, server] = await Promise.all([documentDigest(doc), this.host.digest(ref)]);
    if (version !== w.version || !w.provider.synced) return; // an edit crossed the check
    if (local.stateVector === server.stateVector && local.sha256 === server.sha256) {
      w.retries = 0;
      w.verifiedAt = Date.now();
      this.log.verified(ref, w.verifiedAt);
      this.host.onChange();
      return;
    }
    const sameEdits = local.stateVector === server.stateVector;
    // A deletion in flight changes the content but not the state vector: ask again either way.
    if (w.retries < IN_FLIGHT_RETRIES) {
      w.retries += 1;
      this.schedule(w);
      return;
    }
    w.retries = 0;
    this.mismatch(w, sameEdits ? 'content' : 'state-vector');
  }

  private mismatch(w: Watched, kind: 'content' | 'state-vector'): void {
    const { ref } = w.replica;
    // counted in the log, which outlives this verifier when a repair reopens the workspace
    if (this.log.differed(ref, kind) > MAX_RESYNCS) {
      w.differs = true;
      this.log.gaveUp(ref);
      this.host.onChange();
      return;
    }
    w.resyncing = true;
    this.host.onChange();
    if (kind === 'content') {
      this.host.repair(ref);
      return;
    }
    w.provider.disconnect();
    w.provider.connect();
  }

  /** The open documents' verification together: verified only when every one is. */
  summary(): Verification {
    const all = [...this.watched.values()];
    if (all.some((w) => w.differs)) return { state: 'differs' };
    if (all.some((w) => w.resyncing)) return { state: 'resyncing' };
    if (all.length === 0 || all.some((w) => w.verifiedAt === 0)) return { state: 'checking' };
    const at = Math.max(...all.map((w) => w.verifiedAt));
    return { state: 'verified', at, docs: all.length };
  }
}

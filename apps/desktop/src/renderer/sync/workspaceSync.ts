import {
  createWorkspaceIndex,
  kindOf,
  readWorkspaceIndex,
  type ModelOrigin,
} from '@fieldbook/crdt-model';
import type { WorkspaceIndexSnapshot } from '@fieldbook/shared';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { SyncStatus } from '../../common/syncStatus';
import { afterStartup } from '../shell/startupGate';
import { BackgroundSync } from './backgroundSync';
import { DocReplica, type MainStore } from './docReplica';
import type { ServerLink } from './serverLink';
import { ServerVerifier, type Verification, type VerifierHost } from './serverVerifier';
import { SpareDocs } from './spareDocs';
import { discardStagedDocument, stageDocument } from './stagedDocument';
import type { VerifyLog } from './verifyLog';

/** Who the local user is, as other users see them in cursors and avatars. */
export interface LocalUser {
  readonly id: string;
  readonly name: string;
  readonly color: string;
}

/** Everything a workspace's sync needs. */
export interface WorkspaceSyncOptions {
  readonly workspaceId: string;
  readonly workspaceName: string;
  readonly profileId: string;
  readonly user: LocalUser;
  readonly origin: ModelOrigin;
  readonly main: MainStore | null;
  /** Null for a local profile: nothing syncs. */
  readonly link: ServerLink | null;
  /** Whether the user may write a new index into an empty server workspace (viewers may not). */
  readonly mayCreateIndex: () => boolean;
  /** Called on any change worth re-rendering: index content, open note, sync state. */
  readonly onChange: () => void;
  /** How open documents are verified against the server (with a link). */
  readonly verify: { readonly host: Omit<VerifierHost, 'onChange'>; readonly log: VerifyLog };
}

/** How long index changes settle before documents new to the index are synced. */
const NEW_DOCS_DELAY_MS = 300;

/** How often every document of the workspace is synced again while online. */
const BACKGROUND_PERIOD_MS = 60_000;

/**
 * One open workspace: its index document synced live, the open note synced
 * live, and every other document synced in the background.
 */
export class WorkspaceSync {
  readonly index: DocReplica;
  private indexProvider: WebsocketProvider | null = null;
  private note: {
    replica: DocReplica;
    provider: WebsocketProvider | null;
    unwatch: (() => void) | null;
  } | null = null;
  private readonly background: BackgroundSync | null;
  private readonly verifier: ServerVerifier | null;
  private unwatchIndex: (() => void) | null = null;
  private readonly timer: ReturnType<typeof setInterval> | null;
  private lastSyncedAt = 0;
  /** Documents the background sync has been given; new ones in the index are synced at once. */
  private readonly queued = new Set<string>();
  private newDocsTimer: ReturnType<typeof setTimeout> | null = null;
  private indexSnapshot: WorkspaceIndexSnapshot | null = null;
  /** The database opened ahead for the next new document. */
  private readonly spares: SpareDocs;

  constructor(private readonly options: WorkspaceSyncOptions) {
    const { workspaceId, profileId, main, link } = options;
    this.index = new DocReplica(
      { workspaceId, docId: workspaceId },
      profileId,
      main,
      undefined,
      options.user.id,
    );
    this.setPresence(this.index);
    this.index.doc.on('update', () => {
      this.indexSnapshot = null;
      options.onChange();
      if (this.lastSyncedAt > 0 && !this.newDocsTimer) {
        this.newDocsTimer = setTimeout(() => {
          this.newDocsTimer = null;
          this.syncDocuments(false);
        }, NEW_DOCS_DELAY_MS);
      }
    });
    this.background = link
      ? new BackgroundSync(workspaceId, profileId, main, link, () => this.changed())
      : null;
    const onChange = () => this.changed();
    this.verifier = link
      ? new ServerVerifier({ ...options.verify.host, onChange }, options.verify.log)
      : null;
    this.timer = link ? setInterval(() => this.syncEverything(), BACKGROUND_PERIOD_MS) : null;
    this.spares = new SpareDocs(profileId);
    void this.start();
  }

  private changed(): void {
    this.options.onChange();
  }

  private async start(): Promise<void> {
    await this.index.ready;
    const { link } = this.options;
    if (!link) {
      this.ensureIndex();
      return;
    }
    const provider = link.open(this.index);
    this.indexProvider = provider;
    this.unwatchIndex = this.verifier?.watch(this.index, provider) ?? null;
    provider.on('status', () => this.changed());
    provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      this.ensureIndex();
      this.lastSyncedAt = Date.now();
      // Every other document after the first screen (see startupGate).
      void afterStartup().then(() => this.syncEverything());
    });
    this.changed();
  }

  /** A workspace made on the server starts with an empty index: the first client writes its name. */
  private ensureIndex(): void {
    if (kindOf(this.index.doc) !== null || !this.options.mayCreateIndex()) return;
    createWorkspaceIndex(this.index.doc, { name: this.options.workspaceName }, this.options.origin);
  }

  /** Whether the index holds a workspace yet (a never-synced server workspace does not). */
  get hasIndex(): boolean {
    return kindOf(this.index.doc) === 'workspace';
  }

  /** The workspace index as a snapshot, cached until it changes; null before it exists. */
  snapshot(): WorkspaceIndexSnapshot | null {
    if (!this.hasIndex) return null;
    this.indexSnapshot ??= readWorkspaceIndex(this.index.doc);
    return this.indexSnapshot;
  }

  /** Queues every listed document for a background sync. */
  syncEverything(): void {
    this.syncDocuments(true);
  }

  /** Queues listed documents for a background sync: all of them, or those never queued yet. */
  private syncDocuments(all: boolean): void {
    const snap = this.snapshot();
    if (!snap || !this.background || !this.options.link?.isOnline) return;
    const ids = snap.documents.map((d) => d.id).filter((id) => all || !this.queued.has(id));
    for (const id of ids) this.queued.add(id);
    if (ids.length === 0) return;
    const open = new Set(this.note ? [this.note.replica.ref.docId] : []);
    this.background.schedule(ids, open);
  }

  private setPresence(replica: DocReplica, docId: string | null = null): void {
    const { user } = this.options;
    replica.awareness.setLocalStateField('user', {
      id: user.id,
      name: user.name,
      color: user.color,
      colorLight: `${user.color}33`,
      docId,
    });
  }

  /**
   * Opens a document for editing (closing the previous one) and returns its
   * replica at once, so the UI can switch without waiting; `ready` on it says
   * when the local copy is loaded.
   */
  openNote(docId: string): DocReplica {
    if (this.note?.replica.ref.docId === docId) return this.note.replica;
    return this.open(docId);
  }

  /** Opens a document that does not exist yet (its id is `ref.docId`), in a database opened ahead. */
  openNew(): DocReplica {
    const spare = this.spares.take();
    return this.open(spare.docId, spare.db);
  }

  /**
   * Writes a new document (id `docId`) on this device only; it stays
   * unsynced and out of the tree until the index lists it (see stageDocument).
   */
  stageNew(docId: string, fill: (doc: Y.Doc) => void): Promise<void> {
    const { workspaceId, profileId, main } = this.options;
    return stageDocument({ workspaceId, docId }, profileId, main, fill);
  }

  /** Drops the local copy of a staged document the index never listed. */
  discardStaged(docId: string): Promise<void> {
    const { workspaceId, profileId, main } = this.options;
    return discardStagedDocument({ workspaceId, docId }, profileId, main);
  }

  private open(docId: string, db?: Promise<IDBDatabase>): DocReplica {
    this.closeNote();
    const replica = new DocReplica(
      { workspaceId: this.options.workspaceId, docId },
      this.options.profileId,
      this.options.main,
      db,
      this.options.user.id,
    );
    this.setPresence(replica, docId);
    this.setPresence(this.index, docId);
    const { link } = this.options;
    const provider = link ? link.open(replica) : null;
    provider?.on('status', () => this.changed());
    provider?.on('sync', () => this.changed());
    const unwatch = provider && this.verifier ? this.verifier.watch(replica, provider) : null;
    this.note = { replica, provider, unwatch };
    return replica;
  }

  /** Closes the open note, if any. */
  closeNote(): void {
    if (!this.note) return;
    const { replica, provider, unwatch } = this.note;
    unwatch?.();
    if (provider) this.options.link?.close(provider);
    replica.destroy();
    this.note = null;
    this.setPresence(this.index);
  }

  /** The replica of the open note, or null. */
  get openReplica(): DocReplica | null {
    return this.note?.replica ?? null;
  }

  /** The sync state for the status bar, from the providers' real state. */
  status(): SyncStatus {
    const { link } = this.options;
    if (!link) return { state: 'offline', reason: 'signed-out' };
    if (!link.isOnline) return { state: 'offline', reason: 'no-network' };
    const index = this.indexProvider;
    if (index && !index.wsconnected) {
      // Never reached yet and still on the first attempt: that is syncing, not a failure.
      if (index.wsUnsuccessfulReconnects === 0 && this.lastSyncedAt === 0) {
        return { state: 'syncing', pendingDocs: 1 + (this.background?.pendingCount ?? 0) };
      }
      return { state: 'offline', reason: 'server-unreachable' };
    }
    let pending = this.background?.pendingCount ?? 0;
    if (!index?.synced) pending += 1;
    if (this.note?.provider && !this.note.provider.synced) pending += 1;
    if (pending > 0) return { state: 'syncing', pendingDocs: pending };
    const at = Math.max(this.lastSyncedAt, this.background?.finishedAt ?? 0);
    return { state: 'synced', at: at || Date.now() };
  }

  /** How the open documents compare with the server's copies; null when nothing syncs. */
  verification(): Verification | null {
    return this.verifier?.summary() ?? null;
  }

  /** Called when the network comes back: resync everything. */
  resumed(): void {
    this.syncEverything();
  }

  /** Closes every replica and socket of the workspace. */
  destroy(): void {
    this.spares.destroy();
    if (this.timer) clearInterval(this.timer);
    if (this.newDocsTimer) clearTimeout(this.newDocsTimer);
    this.background?.stop();
    this.closeNote();
    this.unwatchIndex?.();
    if (this.indexProvider) this.options.link?.close(this.indexProvider);
    this.index.destroy();
  }
}

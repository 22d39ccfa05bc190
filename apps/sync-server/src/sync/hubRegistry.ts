import { docKeyString, type DocKey, type DocStore, type DocumentRef } from '../storage/docStore';
import type { SyncConnection } from './connection';
import { DocHub, type HubContext } from './docHub';
import type { HubCore } from './hubCore';

/** Settings of the registry besides what the hubs share. */
export interface RegistryOptions {
  idleUnloadMs: number;
}

/**
 * The open documents: one hub per document (workspace and id), created (and
 * loaded) by the first socket, unloaded after the last one has been gone for
 * a grace period.
 */
export class HubRegistry {
  /** Open hubs by `docKeyString`. */
  readonly hubs = new Map<string, DocHub>();
  private readonly idleTimers = new Map<HubCore, NodeJS.Timeout>();
  private readonly ctx: HubContext;

  constructor(
    ctx: Omit<HubContext, 'onIdle' | 'onClosed'>,
    private readonly options: RegistryOptions,
  ) {
    this.ctx = {
      ...ctx,
      onIdle: (hub) => this.scheduleUnload(hub),
      onClosed: (hub) => this.forget(hub),
    };
  }

  /** The open hub of a document, if any. */
  get(key: DocKey): DocHub | undefined {
    return this.hubs.get(docKeyString(key));
  }

  /** Binds `conn` to its document's hub, opening the hub if needed. */
  attach(conn: SyncConnection): DocHub {
    const { docId, workspaceId } = conn.target;
    const name = docKeyString(conn.target);
    let hub = this.hubs.get(name);
    if (!hub) {
      hub = new DocHub({ docId, workspaceId, tenantId: conn.principal.tenantId }, this.ctx);
      this.hubs.set(name, hub);
      this.ctx.metrics.loadedDocs.set(this.hubs.size);
      void hub.load(conn.principal.id);
    }
    this.cancelUnload(hub);
    hub.attach(conn);
    return hub;
  }

  /**
   * The loaded hub of a document, opening it without a socket if needed (for
   * a change the server makes); unused, it unloads after the grace period.
   */
  async open(ref: DocumentRef, createdBy: string): Promise<DocHub> {
    let hub = this.hubs.get(docKeyString(ref));
    if (!hub) {
      hub = new DocHub(ref, this.ctx);
      this.hubs.set(docKeyString(ref), hub);
      this.ctx.metrics.loadedDocs.set(this.hubs.size);
      if (hub.conns.size === 0) this.scheduleUnload(hub);
    }
    await hub.load(createdBy);
    if (hub.state !== 'ready') throw new Error('document could not be loaded');
    return hub;
  }

  /** The store hubs read and write. */
  get store(): DocStore {
    return this.ctx.store;
  }

  private scheduleUnload(hub: HubCore): void {
    this.cancelUnload(hub);
    const timer = setTimeout(() => void this.unload(hub), this.options.idleUnloadMs);
    timer.unref();
    this.idleTimers.set(hub, timer);
  }

  private cancelUnload(hub: HubCore): void {
    const timer = this.idleTimers.get(hub);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(hub);
  }

  /** Unloads an idle hub, first compacting what it logged since its last snapshot. */
  private async unload(hub: HubCore): Promise<void> {
    this.idleTimers.delete(hub);
    if (hub.conns.size > 0 || hub.state === 'closed') return;
    if (hub.uncommitted > 0 || hub.state === 'loading') return this.scheduleUnload(hub);
    await hub.compactor.compact();
    if (hub.conns.size > 0) return;
    hub.close(1001, 'document unloaded');
  }

  private forget(hub: HubCore): void {
    this.cancelUnload(hub);
    const name = docKeyString(hub.ref);
    if (this.hubs.get(name) === hub) this.hubs.delete(name);
    this.ctx.metrics.loadedDocs.set(this.hubs.size);
  }

  /** Closes every hub and socket with `code` (1001 "going away" on shutdown). */
  closeAll(code: number, reason: string): void {
    for (const hub of [...this.hubs.values()]) hub.close(code, reason);
  }
}

import { readWorkspaceIndex } from '@fieldbook/crdt-model';
import type { ElnSource } from '@fieldbook/exports';
import { isFieldbookError } from '@fieldbook/shared';
import * as Y from 'yjs';
import type { BlobService } from '../blobs/blobService';
import type { IdentityStore } from '../identity/identityStore';
import type { DocStore } from '../storage/docStore';
import type { TelemetryStore } from '../telemetry/telemetryStore';
import { relieveHeap } from './heapRelief';

/** What the server reads an export from. */
export interface ServerExportDeps {
  store: DocStore;
  telemetry: TelemetryStore;
  blobs: BlobService;
}

/** A document's durable state as a Y.Doc, or null when the store never had an update of it. */
async function loadDoc(store: DocStore, workspaceId: string, docId: string): Promise<Y.Doc | null> {
  relieveHeap();
  const { snapshot, updates } = await store.load({ workspaceId, docId });
  if (!snapshot && updates.length === 0) return null;
  const doc = new Y.Doc();
  Y.transact(doc, () => {
    if (snapshot) Y.applyUpdate(doc, snapshot.state);
    for (const u of updates) Y.applyUpdate(doc, u.update);
  });
  return doc;
}

/**
 * One tenant workspace as an ExportSource: documents from the (journal-
 * flushed) document store, names from the identity store, attachments
 * through the workspace's blob references, charts from the telemetry store —
 * all scoped to the tenant, so nothing of another tenant can be read.
 */
export function serverExportSource(
  deps: ServerExportDeps,
  identityStore: IdentityStore,
  scope: { tenantId: string; workspaceId: string; workspaceName: string },
): ElnSource {
  const { tenantId, workspaceId } = scope;
  let channels: Promise<Map<string, string>> | null = null;
  /** Labels of the channels this workspace may chart: its own and the tenant-wide ones. */
  const visible = () =>
    (channels ??= deps.telemetry
      .listChannels(tenantId)
      .then(
        (list) =>
          new Map(
            list
              .filter((c) => c.workspaceId === null || c.workspaceId === workspaceId)
              .map((c) => [c.id, c.unit ? `${c.key} (${c.unit})` : c.key]),
          ),
      ));
  return {
    workspace: { id: workspaceId, name: scope.workspaceName },
    async index() {
      const doc = await loadDoc(deps.store, workspaceId, workspaceId);
      const index = readWorkspaceIndex(doc ?? new Y.Doc());
      doc?.destroy();
      return index;
    },
    loadDocument: (id) => loadDoc(deps.store, workspaceId, id),
    async personName(id) {
      return (await identityStore.getUser(tenantId, id))?.name ?? id;
    },
    async openAttachment(hash) {
      return (await deps.blobs.open(tenantId, workspaceId, hash))?.stream ?? null;
    },
    async samples(channelId, from, to, maxPoints) {
      if (!(await visible()).has(channelId)) return null;
      try {
        return await deps.telemetry.querySamples(tenantId, channelId, { from, to, maxPoints });
      } catch (err) {
        if (isFieldbookError(err, 'RESOURCE_NOT_FOUND')) return null;
        throw err;
      }
    },
    async channelLabel(channelId) {
      return (await visible()).get(channelId) ?? null;
    },
  };
}

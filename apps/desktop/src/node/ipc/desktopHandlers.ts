import { basename } from 'node:path';
import type { DesktopNotice } from '../../common/desktopNotices';
import type { ProgressEvent } from '../../common/ipcChannels';
import type { AppInfo } from '../../common/ipcContract';
import type { AttachmentStore } from '../../common/localStore/attachmentStore';
import type { LocalDocStore } from '../../common/localStore/localDocStore';
import { exportWorkspaceFile } from '../workspaceFile/exportWorkspace';
import { WORKSPACE_FILE_EXTENSION } from '@fieldbook/workspace-file';
import { importWorkspaceFile } from '../workspaceFile/importWorkspace';
import { listWorkspaces } from '../workspaces/workspaceDocs';
import type { IpcHandlers } from './ipcRouter';

/** How many outbox entries one acknowledgement looks through. */
const OUTBOX_SCAN = 10_000;

/** What the handlers need from main: the store, who is acting, and the native dialogs. */
export interface DesktopDeps {
  /** The store of a profile (opened on first use). */
  readonly storeFor: (profileId: string) => LocalDocStore & AttachmentStore;
  /** Sets a profile's damaged store aside and starts an empty one. */
  readonly recoverStore: (profileId: string) => Promise<{ keptAs: string }>;
  readonly appInfo: AppInfo;
  /** Who the local changes are by (the profile's user). */
  readonly actor: string;
  /** Asks the user where to save; null when they cancel. */
  readonly chooseExportPath: (suggestedName: string) => Promise<string | null>;
  /** Asks the user which workspace file to import; null when they cancel. */
  readonly chooseImportPath: () => Promise<string | null>;
  readonly sendProgress: (event: ProgressEvent) => void;
  /** Raises a desktop notification; false when the system has none. */
  readonly showNotification: (notice: DesktopNotice) => boolean;
}

/** A file name for an export of `name`, safe on every platform. */
export function exportFileName(name: string): string {
  const safe =
    name
      .replace(/[^\p{L}\p{N} ._-]+/gu, '')
      .replace(/^[.\s]+/, '')
      .trim() || 'workspace';
  return `${safe.slice(0, 80)}${WORKSPACE_FILE_EXTENSION}`;
}

/** The handlers of every IPC channel, as plain functions of their validated input. */
export function desktopHandlers(deps: DesktopDeps): IpcHandlers {
  const { storeFor } = deps;
  return {
    'app:info': () => deps.appInfo,
    'notify:show': (notice) => ({ shown: deps.showNotification(notice) }),
    'store:recover': ({ profileId }) => deps.recoverStore(profileId),
    'workspaces:list': ({ profileId }) => listWorkspaces(storeFor(profileId)),
    'docs:load': async ({ profileId, docId }) =>
      (await storeFor(profileId).loadDoc(docId))?.state ?? null,
    'docs:append': async ({ profileId, ...update }) => {
      const [seq] = await storeFor(profileId).appendUpdates([update]);
      return { seq: seq! };
    },
    'docs:acked': async ({ profileId, docId, before }) => {
      const store = storeFor(profileId);
      const done = (await store.pendingOutbox(OUTBOX_SCAN)).filter(
        (e) => e.docId === docId && e.queuedAt <= before,
      );
      await store.ackOutbox(done.map((e) => e.id));
      return { cleared: done.length };
    },
    'docs:reset': async ({ profileId, state, ...ref }) => {
      await storeFor(profileId).resetDoc(ref, state);
      return null;
    },
    'docs:delete': async ({ profileId, ...ref }) => ({
      deleted: await storeFor(profileId).deleteDoc(ref),
    }),
    'attachments:keep': ({ profileId, ...file }) => storeFor(profileId).keepFile(file),
    'attachments:get': ({ profileId, hash }) => storeFor(profileId).keptFile(hash),
    'attachments:pending': ({ profileId }) => storeFor(profileId).pendingUploads(),
    'attachments:uploaded': async ({ profileId, hash }) => {
      await storeFor(profileId).markUploaded(hash);
      return null;
    },
    'workspaceFile:export': async ({ profileId, workspaceId }) => {
      const store = storeFor(profileId);
      const name = (await listWorkspaces(store)).find((w) => w.id === workspaceId)?.name ?? '';
      const path = await deps.chooseExportPath(exportFileName(name));
      if (path === null) return null;
      const manifest = await exportWorkspaceFile(store, {
        workspaceId,
        exportedBy: deps.actor,
        path,
        onProgress: (p) => deps.sendProgress({ operation: 'export', ...p }),
      });
      return { fileName: basename(path), documents: manifest.documentCount };
    },
    'workspaceFile:import': async ({ profileId }) => {
      const store = storeFor(profileId);
      const path = await deps.chooseImportPath();
      if (path === null) return null;
      const result = await importWorkspaceFile(store, path, (p) =>
        deps.sendProgress({ operation: 'import', ...p }),
      );
      const { workspaceId, created, documentsAdded, documentsMerged } = result;
      return { workspaceId, created, documentsAdded, documentsMerged };
    },
  };
}

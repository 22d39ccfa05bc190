import type { FieldbookBridge, RuntimeKind } from '../common/bridge';
import type { IpcChannel } from '../common/ipcChannels';
import type { IpcInput, IpcOutputs } from '../common/ipcContract';
import { isFieldbookError } from '@fieldbook/shared';
import { unwrapIpcResult } from '../common/ipcResult';
import type { AttachmentStore } from '../common/localStore/attachmentStore';
import type { MainStore } from './sync/docReplica';

declare global {
  interface Window {
    /** Set by the preload script inside Electron; absent in a plain browser. */
    readonly fieldbook?: FieldbookBridge;
  }
}

/** Desktop when the preload bridge is present, web otherwise. */
export function detectRuntime(): RuntimeKind {
  return window.fieldbook ? 'desktop' : 'web';
}

/** Calls main and returns the answer, or throws its error as a FieldbookError. */
export async function call<C extends IpcChannel>(
  channel: C,
  input: IpcInput<C>,
): Promise<IpcOutputs[C]> {
  const bridge = window.fieldbook;
  if (!bridge) throw new Error('The desktop bridge is not available in web mode');
  return unwrapIpcResult(await bridge.invoke(channel, input));
}

/**
 * Main's SQLite store of a profile through the bridge, or null in web mode.
 * When main reports the store damaged, `onDamaged` hears it once and the
 * store is left alone from then on: the window keeps working from IndexedDB
 * and the server until the user has it rebuilt.
 */
export function mainStore(
  profileId: string,
  onDamaged: (message: string) => void,
): MainStore | null {
  if (!window.fieldbook) return null;
  let damaged = false;
  async function guarded<T>(work: () => Promise<T>, fallback: T): Promise<T> {
    if (damaged) return fallback;
    try {
      return await work();
    } catch (err) {
      if (!isFieldbookError(err, 'STORAGE_CORRUPT')) throw err;
      damaged = true;
      onDamaged(err.message);
      return fallback;
    }
  }
  return {
    load: (docId) => guarded(() => call('docs:load', { profileId, docId }), null),
    append: (ref, update, source) =>
      guarded(async () => {
        await call('docs:append', { profileId, ...ref, update, source });
      }, undefined),
    acked: (docId, before) =>
      guarded(async () => {
        await call('docs:acked', { profileId, docId, before });
      }, undefined),
    reset: (ref, state) =>
      guarded(async () => {
        await call('docs:reset', { profileId, ...ref, state });
      }, undefined),
    remove: (ref) =>
      guarded(async () => {
        await call('docs:delete', { profileId, ...ref });
      }, undefined),
  };
}

/** Main's SQLite attachment store of a profile through the bridge, or null in web mode. */
export function mainAttachmentStore(profileId: string): AttachmentStore | null {
  if (!window.fieldbook) return null;
  return {
    keepFile: (file) => call('attachments:keep', { profileId, ...file }),
    keptFile: (hash) => call('attachments:get', { profileId, hash }),
    pendingUploads: () => call('attachments:pending', { profileId }),
    markUploaded: async (hash) => {
      await call('attachments:uploaded', { profileId, hash });
    },
  };
}

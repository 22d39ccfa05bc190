import type { FieldbookBridge, RuntimeKind } from '../common/bridge';
import type { IpcChannel } from '../common/ipcChannels';
import type { IpcInput, IpcOutputs } from '../common/ipcContract';
import { unwrapIpcResult } from '../common/ipcResult';
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

/** Main's SQLite store of a profile through the bridge, or null in web mode. */
export function mainStore(profileId: string): MainStore | null {
  if (!window.fieldbook) return null;
  return {
    load: (docId) => call('docs:load', { profileId, docId }),
    append: async (ref, update, source) => {
      await call('docs:append', { profileId, ...ref, update, source });
    },
    acked: async (docId, before) => {
      await call('docs:acked', { profileId, docId, before });
    },
  };
}

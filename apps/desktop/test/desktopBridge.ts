import { FieldbookError } from '@fieldbook/shared';
// Stands in for Electron's IPC transport in browser tests: the page gets a
// `window.fieldbook` that forwards to dispatchIpc with the real desktop
// handlers over Playwright's exposeFunction (Electron itself cannot be
// downloaded here). Bytes cross as base64, since the transport is JSON.
import type { BrowserContext } from 'playwright-core';
import type { DesktopNotice } from '../src/common/desktopNotices';
import type { ProgressEvent } from '../src/common/ipcChannels';
import { desktopHandlers } from '../src/node/ipc/desktopHandlers';
import { dispatchIpc } from '../src/node/ipc/ipcRouter';
import type { AttachmentStore } from '../src/common/localStore/attachmentStore';
import type { LocalDocStore } from '../src/common/localStore/localDocStore';
import { ProfileStores } from '../src/node/localStore/profileStores';

type Wire = unknown;

function fromWire(value: Wire): unknown {
  if (Array.isArray(value)) return value.map(fromWire);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.__bytes === 'string') return new Uint8Array(Buffer.from(o.__bytes, 'base64'));
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fromWire(v)]));
  }
  return value;
}

function toWire(value: unknown): Wire {
  if (value instanceof Uint8Array) return { __bytes: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]));
  }
  return value;
}

declare global {
  interface Window {
    __fieldbookInvoke?: (channel: string, input: unknown) => Promise<unknown>;
    __fieldbookProgress?: (e: unknown) => void;
    /** What main's click on a desktop notification would tell the renderer. */
    __fieldbookNoticeClick?: (id: string) => void;
  }
}

/**
 * Installs the emulated bridge in every page of `context`: one fixed store, or
 * a profile store set (which can also rebuild a damaged profile). The dialogs
 * answer with `files.next`; desktop notifications main would raise land in `notices`.
 */
export async function installDesktopBridge(
  context: BrowserContext,
  store: (LocalDocStore & AttachmentStore) | ProfileStores,
  files: { next: string | null },
  notices: DesktopNotice[] = [],
): Promise<void> {
  const stores = store instanceof ProfileStores ? store : null;
  const handlers = desktopHandlers({
    storeFor: (profileId) => stores?.get(profileId) ?? (store as LocalDocStore & AttachmentStore),
    recoverStore: async (profileId) => {
      if (!stores) throw new FieldbookError('SERVICE_UNAVAILABLE', 'One fixed store in this test');
      return stores.recover(profileId);
    },
    appInfo: { name: 'Fieldbook', version: '0.1.0', platform: 'linux' },
    actor: 'local:ada',
    chooseExportPath: async () => files.next,
    chooseImportPath: async () => files.next,
    showNotification: (notice) => notices.push(notice) > 0,
    sendProgress: (e: ProgressEvent) => {
      for (const page of context.pages()) {
        void page.evaluate((ev) => window.__fieldbookProgress?.(ev), e).catch(() => undefined);
      }
    },
  });
  await context.exposeFunction('__fieldbookInvoke', async (channel: string, input: Wire) =>
    toWire(await dispatchIpc(handlers, channel, fromWire(input ?? undefined))),
  );
  await context.addInitScript(() => {
    const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
    const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
    const walk = (v: unknown, leaf: (x: unknown) => unknown | undefined): unknown => {
      const hit = leaf(v);
      if (hit !== undefined) return hit;
      if (Array.isArray(v)) return v.map((x) => walk(x, leaf));
      if (v && typeof v === 'object') {
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, leaf)]));
      }
      return v;
    };
    const encode = (v: unknown) =>
      walk(v, (x) => (x instanceof Uint8Array ? { __bytes: b64(x) } : undefined));
    const decode = (v: unknown) =>
      walk(v, (x) =>
        x && typeof x === 'object' && typeof (x as { __bytes?: unknown }).__bytes === 'string'
          ? unb64((x as { __bytes: string }).__bytes)
          : undefined,
      );
    Object.defineProperty(window, 'fieldbook', {
      value: {
        invoke: async (channel: string, input: unknown) =>
          decode(await window.__fieldbookInvoke!(channel, encode(input))),
        onProgress: (listener: (e: unknown) => void) => {
          window.__fieldbookProgress = listener;
          return () => undefined;
        },
        onMenuCommand: () => () => undefined,
        onNoticeClick: (listener: (id: string) => void) => {
          window.__fieldbookNoticeClick = listener;
          return () => undefined;
        },
      },
    });
  });
}

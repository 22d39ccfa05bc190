// A page script for test/localStores.e2e.test.ts: the renderer's own local
// store code (IndexedDB attachments, staged documents with main's store
// through the bridge) driven from Node. Bytes cross as base64.
import { isFieldbookError } from '@fieldbook/shared';
import { mainStore } from '../src/renderer/bridgeClient';
import { IndexedDbAttachmentStore } from '../src/renderer/files/attachmentCache';
import { discardStagedDocument, stageDocument } from '../src/renderer/sync/stagedDocument';

const b64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (c) => String.fromCharCode(c)).join(''));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

function walk(v: unknown, leaf: (x: unknown) => unknown): unknown {
  const hit = leaf(v);
  if (hit !== undefined) return hit;
  if (Array.isArray(v)) return v.map((x) => walk(x, leaf));
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, leaf)]));
  }
  return v;
}

const encode = (v: unknown) =>
  walk(v, (x) => (x instanceof Uint8Array ? { __bytes: b64(x) } : undefined));
const decode = (v: unknown) =>
  walk(v, (x) =>
    x && typeof x === 'object' && typeof (x as { __bytes?: unknown }).__bytes === 'string'
      ? unb64((x as { __bytes: string }).__bytes)
      : undefined,
  );

const stores = new Map<string, IndexedDbAttachmentStore>();
const storeOf = (profileId: string) => {
  let store = stores.get(profileId);
  if (!store) stores.set(profileId, (store = new IndexedDbAttachmentStore(profileId)));
  return store;
};
const ref = (docId: string, workspaceId: string) => ({ docId, workspaceId });
const main = (profileId: string) =>
  mainStore(profileId, (message) => {
    throw new Error(message);
  });

const harness = {
  /** Calls an AttachmentStore method; answers `{ value }` or `{ error: { code, message } }`. */
  async attachments(profileId: string, method: string, args: unknown[]) {
    try {
      const store = storeOf(profileId) as unknown as Record<string, (...a: unknown[]) => unknown>;
      return { value: encode(await store[method]!(...(decode(args) as unknown[]))) };
    } catch (err) {
      const code = isFieldbookError(err) ? err.code : 'UNEXPECTED';
      return { error: { code, message: (err as Error).message } };
    }
  },
  /** Closes a profile's attachment database (a reopen comes next). */
  async closeAttachments(profileId: string) {
    await stores.get(profileId)?.close();
    stores.delete(profileId);
  },
  /** Stages a document holding `text` as an import does. */
  stage: (profileId: string, docId: string, workspaceId: string, text: string) =>
    stageDocument(ref(docId, workspaceId), profileId, main(profileId), (doc) =>
      doc.getText('body').insert(0, text),
    ),
  /** Drops a staged document as a cancelled import does. */
  discard: (profileId: string, docId: string, workspaceId: string) =>
    discardStagedDocument(ref(docId, workspaceId), profileId, main(profileId)),
};

(window as unknown as { harness: typeof harness }).harness = harness;

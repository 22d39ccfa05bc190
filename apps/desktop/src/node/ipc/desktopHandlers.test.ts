// The IPC surface the renderer uses, run exactly as main runs it (dispatchIpc
// with the real handlers) against real SQLite stores and real files.
import {
  actorOrigin,
  createDocumentEntry,
  createNote,
  createWorkspaceIndex,
  noteBody,
  readNote,
} from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ProgressEvent } from '../../common/ipcChannels';
import { SqliteLocalDocStore } from '../localStore/sqliteLocalDocStore';
import { desktopHandlers, exportFileName, type DesktopDeps } from './desktopHandlers';
import { dispatchIpc } from './ipcRouter';

const dir = mkdtempSync(join(tmpdir(), 'fieldbook-ipc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PROFILE = 'local';

function profile(overrides: Partial<DesktopDeps> = {}) {
  const progress: ProgressEvent[] = [];
  const store = SqliteLocalDocStore.open(join(dir, `${newId()}.sqlite`));
  const handlers = desktopHandlers({
    storeFor: (profileId) => {
      if (profileId !== PROFILE) throw new Error(`unexpected profile ${profileId}`);
      return store;
    },
    recoverStore: async () => {
      throw new Error('unexpected recovery');
    },
    appInfo: { name: 'Fieldbook', version: '0.1.0', platform: 'linux' },
    actor: 'local:ada',
    chooseExportPath: async () => null,
    chooseImportPath: async () => null,
    sendProgress: (e) => progress.push(e),
    showNotification: () => true,
    ...overrides,
  });
  /** Calls a channel as the renderer does, for the test's profile. */
  const call = (channel: string, input?: Record<string, unknown>) =>
    dispatchIpc(
      handlers,
      channel,
      channel === 'app:info' || channel === 'notify:show'
        ? input
        : { profileId: PROFILE, ...input },
    );
  return { store, handlers, call, progress };
}

/** A workspace index and one note made with crdt-model, as the renderer makes them. */
function workspaceUpdates(name: string, title: string) {
  const origin = actorOrigin('local:ada');
  const workspaceId = newId();
  const index = new Y.Doc();
  createWorkspaceIndex(index, { name }, origin);
  const noteId = createDocumentEntry(index, { kind: 'note', title }, origin);
  const note = new Y.Doc();
  createNote(note, { title }, origin);
  noteBody(note).insert(0, 'Chamber at 120 C');
  return {
    workspaceId,
    noteId,
    index: Y.encodeStateAsUpdate(index),
    note: Y.encodeStateAsUpdate(note),
  };
}

/** Appends a workspace through the IPC surface; returns its ids. */
async function seedWorkspace(call: ReturnType<typeof profile>['call'], name: string) {
  const w = workspaceUpdates(name, 'Bake-out log');
  const { workspaceId } = w;
  await call('docs:append', { workspaceId, docId: workspaceId, update: w.index, source: 'local' });
  await call('docs:append', { workspaceId, docId: w.noteId, update: w.note, source: 'local' });
  return w;
}

describe('desktop IPC handlers', () => {
  it('append and load documents, and list workspaces by their index', async () => {
    const { call, store } = profile();
    expect(await call('app:info')).toEqual({
      ok: true,
      value: { name: 'Fieldbook', version: '0.1.0', platform: 'linux' },
    });
    expect(await call('workspaces:list')).toEqual({ ok: true, value: [] });
    expect(await call('docs:load', { docId: newId() })).toEqual({ ok: true, value: null });
    const w = await seedWorkspace(call, 'Clean room B');
    const loaded = await call('docs:load', { docId: w.noteId });
    expect(loaded.ok).toBe(true);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (loaded as { value: Uint8Array }).value);
    expect(readNote(doc)).toMatchObject({ title: 'Bake-out log', text: 'Chamber at 120 C' });
    expect(await call('workspaces:list')).toEqual({
      ok: true,
      value: [{ id: w.workspaceId, name: 'Clean room B' }],
    });
    expect((await store.pendingOutbox()).map((e) => e.docId)).toEqual([w.workspaceId, w.noteId]);
    await call('docs:append', {
      workspaceId: w.workspaceId,
      docId: w.noteId,
      update: w.note,
      source: 'server',
    });
    expect(await store.pendingOutbox()).toHaveLength(2);
    expect(await call('docs:acked', { docId: w.noteId, before: Date.now() })).toEqual({
      ok: true,
      value: { cleared: 1 },
    });
    expect((await store.pendingOutbox()).map((e) => e.docId)).toEqual([w.workspaceId]);
    expect(await call('docs:acked', { docId: w.workspaceId, before: 0 })).toEqual({
      ok: true,
      value: { cleared: 0 },
    });
    const serverNote = workspaceUpdates('Clean room B', 'Server copy').note;
    expect(
      await call('docs:reset', { workspaceId: w.workspaceId, docId: w.noteId, state: serverNote }),
    ).toEqual({ ok: true, value: null });
    expect((await store.pendingOutbox()).map((e) => e.docId)).toEqual([w.workspaceId]);
    const reset = new Y.Doc();
    Y.applyUpdate(reset, (await store.loadDoc(w.noteId))!.state);
    expect(readNote(reset).title).toBe('Server copy');
  });

  it('deletes a document nothing lists, and keeps attachments with their upload state', async () => {
    const { call, store } = profile();
    const w = await seedWorkspace(call, 'Clean room B');
    const ref = { workspaceId: w.workspaceId, docId: w.noteId };
    expect(await call('docs:delete', ref)).toEqual({ ok: true, value: { deleted: true } });
    expect(await call('docs:delete', ref)).toEqual({ ok: true, value: { deleted: false } });
    expect((await store.listDocs()).map((d) => d.docId)).toEqual([w.workspaceId]);
    const file = {
      workspaceId: w.workspaceId,
      bytes: new TextEncoder().encode('hello'),
      name: 'hello.txt',
      mimeType: 'text/plain',
      uploaded: false,
    };
    const kept = await call('attachments:keep', file);
    expect(kept).toMatchObject({
      ok: true,
      value: { name: 'hello.txt', size: 5, uploaded: false },
    });
    const { hash } = (kept as { value: { hash: string } }).value;
    expect(await call('attachments:pending')).toMatchObject({ ok: true, value: [{ hash }] });
    expect(await call('attachments:uploaded', { hash })).toEqual({ ok: true, value: null });
    expect(await call('attachments:pending')).toEqual({ ok: true, value: [] });
    expect(await call('attachments:get', { hash })).toMatchObject({
      ok: true,
      value: { hash, uploaded: true, bytes: file.bytes },
    });
    expect(await store.listAttachments(w.workspaceId)).toEqual([hash]);
    const bad = await call('attachments:keep', { ...file, bytes: 'hello' });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('VALIDATION_ERROR');
  });

  it('refuses bad input, unknown channels and misplaced documents with coded errors', async () => {
    const { call, store } = profile();
    const codeOf = async (channel: string, input?: Record<string, unknown>) => {
      const r = await call(channel, input);
      return r.ok ? 'ok' : r.error.code;
    };
    const ws = newId();
    const update = workspaceUpdates('W', 'T').note;
    expect(await codeOf('docs:load', { docId: 'nope' })).toBe('VALIDATION_ERROR');
    expect(
      await codeOf('docs:append', {
        workspaceId: ws,
        docId: newId(),
        update: [1, 2],
        source: 'local',
      }),
    ).toBe('VALIDATION_ERROR');
    expect(
      await codeOf('docs:append', {
        workspaceId: ws,
        docId: newId(),
        update: new Uint8Array(),
        source: 'local',
      }),
    ).toBe('VALIDATION_ERROR');
    expect(
      await codeOf('docs:append', { workspaceId: ws, docId: newId(), update, source: 'peer' }),
    ).toBe('VALIDATION_ERROR');
    expect(
      await codeOf('docs:append', {
        workspaceId: ws,
        docId: newId(),
        update,
        source: 'local',
        extra: 1,
      }),
    ).toBe('VALIDATION_ERROR');
    expect(await codeOf('app:info', { sneaky: true })).toBe('VALIDATION_ERROR');
    expect(await codeOf('workspaces:list', { profileId: '../other' })).toBe('VALIDATION_ERROR');
    for (const channel of ['nope', 'constructor', '__proto__', 'toString']) {
      expect(await codeOf(channel)).toBe('RESOURCE_NOT_FOUND');
    }
    expect(await store.listDocs()).toEqual([]);
    const docId = newId();
    expect(await codeOf('docs:append', { workspaceId: ws, docId, update, source: 'local' })).toBe(
      'ok',
    );
    expect(
      await codeOf('docs:append', { workspaceId: newId(), docId, update, source: 'local' }),
    ).toBe('CONFLICT');
  });

  it('exports and imports workspace files through the dialogs, with progress', async () => {
    const path = join(dir, 'exported.fieldbook');
    const a = profile({ chooseExportPath: async (name) => (name ? path : null) });
    const { workspaceId } = await seedWorkspace(a.call, 'Rover: ops/2026');
    expect(await a.call('workspaceFile:export', { workspaceId })).toEqual({
      ok: true,
      value: { fileName: 'exported.fieldbook', documents: 2 },
    });
    expect(a.progress.at(-1)).toEqual({
      operation: 'export',
      phase: 'finishing',
      done: 1,
      total: 1,
    });

    const b = profile({ chooseImportPath: async () => path });
    expect(await b.call('workspaceFile:import')).toEqual({
      ok: true,
      value: { workspaceId, created: true, documentsAdded: 2, documentsMerged: 0 },
    });
    expect(b.progress.filter((e) => e.phase === 'documents')).toHaveLength(2);
    expect(await b.call('workspaces:list')).toEqual({
      ok: true,
      value: [{ id: workspaceId, name: 'Rover: ops/2026' }],
    });
  });

  it('answers null when a dialog is cancelled, and hides unexpected error text', async () => {
    const { call, handlers } = profile({
      chooseImportPath: async () => {
        throw new Error('/home/ada/secret exploded');
      },
    });
    const { workspaceId } = await seedWorkspace(call, 'W');
    expect(await call('workspaceFile:export', { workspaceId })).toEqual({ ok: true, value: null });
    const seen: unknown[] = [];
    const crash = await dispatchIpc(handlers, 'workspaceFile:import', { profileId: PROFILE }, (e) =>
      seen.push(e),
    );
    expect(crash).toEqual({
      ok: false,
      error: { code: 'INTERNAL_ERROR', message: 'Internal error' },
    });
    expect(seen).toEqual([new Error('/home/ada/secret exploded')]);
  });

  it('raises a desktop notification through main, and refuses one out of bounds', async () => {
    const shown: unknown[] = [];
    const { call } = profile({ showNotification: (n) => shown.push(n) > 0 });
    const notice = { id: 'n1', title: 'Ada mentioned you', body: '@bo look' };
    expect(await call('notify:show', notice)).toEqual({ ok: true, value: { shown: true } });
    expect(shown).toEqual([notice]);
    const tooLong = await call('notify:show', { ...notice, title: 'x'.repeat(201) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
    const extra = await call('notify:show', { ...notice, icon: 'file:///etc/passwd' });
    expect(extra).toMatchObject({ ok: false });
    expect(shown).toHaveLength(1);
    const none = profile({ showNotification: () => false });
    expect(await none.call('notify:show', notice)).toEqual({ ok: true, value: { shown: false } });
  });

  it('names export files safely', () => {
    expect(exportFileName('Rover: ops/2026')).toBe('Rover ops2026.fieldbook');
    expect(exportFileName('../..')).toBe('workspace.fieldbook');
    expect(exportFileName('???')).toBe('workspace.fieldbook');
  });
});

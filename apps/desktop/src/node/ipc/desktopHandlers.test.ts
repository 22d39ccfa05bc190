// The IPC surface the renderer uses, run exactly as main runs it (dispatchIpc
// with the real handlers) against real SQLite stores and real files.
import { newId } from '@fieldbook/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../common/ipcChannels';
import { SqliteLocalDocStore } from '../localStore/sqliteLocalDocStore';
import { desktopHandlers, exportFileName, type DesktopDeps } from './desktopHandlers';
import { dispatchIpc } from './ipcRouter';

const dir = mkdtempSync(join(tmpdir(), 'fieldbook-ipc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function profile(overrides: Partial<DesktopDeps> = {}) {
  const progress: ProgressEvent[] = [];
  const store = SqliteLocalDocStore.open(join(dir, `${newId()}.sqlite`));
  const handlers = desktopHandlers({
    store,
    appInfo: { name: 'Fieldbook', version: '0.1.0', platform: 'linux' },
    actor: 'local:ada',
    chooseExportPath: async () => null,
    chooseImportPath: async () => null,
    sendProgress: (e) => progress.push(e),
    ...overrides,
  });
  const call = (channel: string, input?: unknown) => dispatchIpc(handlers, channel, input);
  return { store, handlers, call, progress };
}

describe('desktop IPC handlers', () => {
  it('create a workspace and a note, then list and read them', async () => {
    const { call } = profile();
    expect(await call('app:info')).toEqual({
      ok: true,
      value: { name: 'Fieldbook', version: '0.1.0', platform: 'linux' },
    });
    expect(await call('workspaces:list')).toEqual({ ok: true, value: [] });
    const ws = await call('workspaces:create', { name: '  Clean room B  ' });
    expect(ws).toMatchObject({ ok: true, value: { name: 'Clean room B' } });
    const workspaceId = (ws as { value: { id: string } }).value.id;
    const note = await call('notes:create', { workspaceId, title: 'Bake-out log' });
    const noteId = (note as { value: { id: string } }).value.id;
    expect(await call('documents:list', { workspaceId })).toMatchObject({
      ok: true,
      value: [{ id: noteId, kind: 'note', title: 'Bake-out log', createdBy: 'local:ada' }],
    });
    expect(await call('notes:read', { docId: noteId })).toMatchObject({
      ok: true,
      value: { title: 'Bake-out log', text: '' },
    });
    expect(await call('workspaces:list')).toEqual({
      ok: true,
      value: [{ id: workspaceId, name: 'Clean room B' }],
    });
  });

  it('refuses bad input, unknown channels and unknown documents with coded errors', async () => {
    const { call, store } = profile();
    const codeOf = async (channel: string, input?: unknown) => {
      const r = await call(channel, input);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await codeOf('workspaces:create', { name: '' })).toBe('VALIDATION_ERROR');
    expect(await codeOf('workspaces:create', { name: 'x', extra: 1 })).toBe('VALIDATION_ERROR');
    expect(await codeOf('notes:create', { workspaceId: 'nope', title: 't' })).toBe(
      'VALIDATION_ERROR',
    );
    expect(await codeOf('app:info', { sneaky: true })).toBe('VALIDATION_ERROR');
    expect(await codeOf('notes:create', { workspaceId: newId(), title: 't' })).toBe(
      'RESOURCE_NOT_FOUND',
    );
    expect(await codeOf('notes:read', { docId: newId() })).toBe('RESOURCE_NOT_FOUND');
    for (const channel of ['nope', 'constructor', '__proto__', 'toString']) {
      expect(await codeOf(channel)).toBe('RESOURCE_NOT_FOUND');
    }
    expect(await store.listDocs()).toEqual([]);
  });

  it('exports and imports workspace files through the dialogs, with progress', async () => {
    const path = join(dir, 'exported.fieldbook');
    const a = profile({ chooseExportPath: async (name) => (name ? path : null) });
    const ws = await a.call('workspaces:create', { name: 'Rover: ops/2026' });
    const workspaceId = (ws as { value: { id: string } }).value.id;
    await a.call('notes:create', { workspaceId, title: 'Sol 1' });
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
    const ws = await call('workspaces:create', { name: 'W' });
    const workspaceId = (ws as { value: { id: string } }).value.id;
    expect(await call('workspaceFile:export', { workspaceId })).toEqual({ ok: true, value: null });
    const seen: unknown[] = [];
    const crash = await dispatchIpc(handlers, 'workspaceFile:import', undefined, (e) =>
      seen.push(e),
    );
    expect(crash).toEqual({
      ok: false,
      error: { code: 'INTERNAL_ERROR', message: 'Internal error' },
    });
    expect(seen).toEqual([new Error('/home/ada/secret exploded')]);
  });

  it('names export files safely', () => {
    expect(exportFileName('Rover: ops/2026')).toBe('Rover ops2026.fieldbook');
    expect(exportFileName('../..')).toBe('workspace.fieldbook');
    expect(exportFileName('???')).toBe('workspace.fieldbook');
  });
});

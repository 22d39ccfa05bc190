import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { ChangeSummary, DocKind } from '@fieldbook/shared';
import * as M from '../index';
import { testOrigin } from '../testSupport';
import { changesOf, deletedAlready } from './changes';
import { newHistoryDoc } from './snapshots';
import { SummaryBuilder } from './summary';

/** A doc whose updates are replayed into a history doc and summarised one entry per `step`. */
function recorder(kind: DocKind) {
  const doc = new Y.Doc();
  const history = newHistoryDoc();
  let builder = new SummaryBuilder(kind);
  doc.on('update', (u: Uint8Array) => {
    Y.applyUpdate(history, u);
    builder.add(changesOf(history, u));
  });
  return {
    doc,
    step(change: () => void): ChangeSummary {
      builder = new SummaryBuilder(kind);
      change();
      return builder.build();
    },
  };
}

const me = testOrigin('ada');

describe('change summaries in the kind’s own words', () => {
  it('notes: characters inserted and deleted under their heading, title and tags', () => {
    const r = recorder('note');
    r.step(() =>
      M.createNote(r.doc, { title: 'Log', text: '# Setup\nline\n## Results\nnone' }, me),
    );
    const typed = r.step(() => {
      for (const ch of ' yet')
        M.editNoteText(r.doc, { index: r.doc.getText('body').length, insert: ch }, me);
    });
    expect(typed).toEqual({ text: { inserted: 4, deleted: 0, headings: ['Results'] } });
    const deleted = r.step(() => M.editNoteText(r.doc, { index: 8, deleteCount: 4 }, me));
    expect(deleted).toEqual({ text: { inserted: 0, deleted: 4, headings: ['Setup'] } });
    expect(r.step(() => M.renameNote(r.doc, { title: 'Day 1' }, me))).toEqual({
      renamed: { to: 'Day 1' },
    });
    expect(r.step(() => M.tagNote(r.doc, { add: ['hot'] }, me))).toEqual({
      tags: { added: ['hot'], removed: [] },
    });
  });

  it('collections: created, moved, edited, approved, reopened, deleted, comments', () => {
    const r = recorder('annotations');
    r.step(() => M.createAnnotationCollection(r.doc, { name: 'Dust' }, me));
    let id = '';
    const anchor = { channels: ['ch'], t: 0, t2: 10 };
    const created = r.step(() => {
      id = M.createAnnotation(r.doc, { kind: 'range', anchor, title: 'Storm' }, me);
    });
    const one = { count: 1, ids: [id] };
    expect(created).toEqual({ annotations: { created: one }, labels: { [id]: 'Storm' } });
    expect(r.step(() => M.moveAnnotation(r.doc, { id, dt: 5 }, me))).toEqual({
      annotations: { moved: one },
      labels: { [id]: 'Storm' },
    });
    const edited = r.step(() => M.editAnnotation(r.doc, { id, title: 'Big storm', body: 'x' }, me));
    expect(edited).toEqual({
      annotations: { edited: one, fields: ['body', 'title'] },
      labels: { [id]: 'Big storm' },
    });
    expect(r.step(() => M.approveAnnotation(r.doc, { id }, me)).annotations).toEqual({
      approved: one,
    });
    expect(r.step(() => M.reopenAnnotation(r.doc, { id }, me)).annotations).toEqual({
      reopened: one,
    });
    const commented = r.step(() => {
      const commentId = M.addComment(r.doc, { annotationId: id, body: 'seen it' }, me);
      M.resolveComment(r.doc, { annotationId: id, commentId }, me);
    });
    expect(commented.comments).toEqual({ added: 1, resolved: 1, on: one });
    expect(r.step(() => M.deleteAnnotation(r.doc, { id }, me))).toEqual({
      annotations: { deleted: one },
      labels: { [id]: 'Big storm' },
    });
  });

  it('views: panels and channels', () => {
    const r = recorder('view');
    r.step(() => M.createTelemetryView(r.doc, { title: 'Ops' }, me));
    let panelId = '';
    const added = r.step(() => {
      panelId = M.addPanel(r.doc, { title: 'Power' }, me);
    });
    expect(added.panels).toEqual({ added: { count: 1, ids: [panelId] } });
    const channel = r.step(() => M.addPanelChannel(r.doc, { panelId, channelId: 'bus.v' }, me));
    expect(channel.channels).toEqual({ added: ['bus.v'], removed: [] });
    expect(channel.panels).toEqual({ changed: { count: 1, ids: [panelId] } });
    expect(channel.labels).toEqual({ [panelId]: 'Power' });
  });

  it('workspace index: documents created, renamed, trashed and restored', () => {
    const r = recorder('workspace');
    r.step(() => M.createWorkspaceIndex(r.doc, { name: 'Lab' }, me));
    let id = '';
    r.step(() => {
      id = M.createDocumentEntry(r.doc, { kind: 'note', title: 'A' }, me);
    });
    const one = { count: 1, ids: [id] };
    expect(r.step(() => M.renameDocument(r.doc, { id, title: 'B' }, me)).documents).toEqual({
      renamed: one,
    });
    expect(r.step(() => M.trashDocument(r.doc, { id }, me)).documents).toEqual({ trashed: one });
    expect(r.step(() => M.restoreDocument(r.doc, { id }, me)).documents).toEqual({
      restored: one,
    });
  });

  it('continues a stored summary, counting ids it no longer lists', () => {
    const ids = Array.from({ length: 25 }, (_, i) => `id-${i}`);
    const stored: ChangeSummary = {
      annotations: { created: { count: 25, ids: ids.slice(0, 20) } },
    };
    const b = SummaryBuilder.continuing('annotations', stored);
    expect(b.build().annotations?.created?.count).toBe(25);
  });
  it('a reconnect that resends deletions others made is not counted as deleting', () => {
    const server = new Y.Doc();
    M.createNote(server, { title: 'Log', text: 'alpha beta gamma' }, me);
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(server));
    const history = newHistoryDoc();
    Y.applyUpdate(history, Y.encodeStateAsUpdate(server));
    // Someone deletes a word on the server; the offline copy learns it, then types.
    let cut: Uint8Array = new Uint8Array();
    server.once('update', (u: Uint8Array) => (cut = u));
    M.editNoteText(server, { index: 6, deleteCount: 5 }, testOrigin('bo'));
    Y.applyUpdate(history, cut);
    Y.applyUpdate(offline, cut);
    M.editNoteText(offline, { index: 0, insert: '> ' }, me);
    // On reconnect the client sends everything the server lacks, with its whole delete set.
    const reconnect = Y.encodeStateAsUpdate(offline, Y.encodeStateVector(server));
    const already = deletedAlready(history, reconnect);
    Y.applyUpdate(history, reconnect);
    const builder = new SummaryBuilder('note');
    builder.add(changesOf(history, reconnect, already));
    expect(builder.build().text).toMatchObject({ inserted: 2, deleted: 0 });
    const naive = new SummaryBuilder('note');
    naive.add(changesOf(history, reconnect));
    expect(naive.build().text).toMatchObject({ deleted: 5 });
  });
});

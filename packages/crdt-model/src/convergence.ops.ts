// Random model operations for the convergence property test: each action
// reads the replica's current state to pick its targets, like a user would.
import type * as Y from 'yjs';
import { ANNOTATION_KINDS } from '@fieldbook/shared';
import * as M from './index';
import type { ModelOrigin } from './origin';

/** One replica: its four documents. */
export interface Replica {
  ws: Y.Doc;
  note: Y.Doc;
  ann: Y.Doc;
  view: Y.Doc;
  me: ModelOrigin;
}

/** Random parameters an action interprets. */
export interface Params {
  a: number;
  b: number;
  n: number;
  s: string;
  tags: string[];
  flag: boolean;
}

const TAG_POOL = ['red', 'green', 'blue', 'hot'];
const CHANNELS = ['ch.a', 'ch.b', 'ch.c', 'ch.d'];
const HASHES = ['1', '2', '3'].map((c) => c.repeat(64));
const COLORS = ['#ff0000', '#00ff00', '#0000ff'];
const COLLECTIONS = [
  '0190a0b0-0000-7000-8000-000000000001',
  '0190a0b0-0000-7000-8000-000000000002',
];

/** The pool tags of the params (valid tag strings). */
export const tagPool = TAG_POOL;

const pick = <T>(list: readonly T[], i: number): T | undefined =>
  list.length === 0 ? undefined : list[i % list.length];
const keys = (doc: Y.Doc, name: string) => [...doc.getMap(name).keys()].sort();

function anchorFor(kind: (typeof ANNOTATION_KINDS)[number], p: Params) {
  const t = p.n * 1000;
  const channels = CHANNELS.filter((_, i) => (p.b >> i) & 1).concat(CHANNELS[p.b % 4]!);
  const anchor = { channels: [...new Set(channels)], t, y: p.n, t2: t + p.b * 10, y2: p.b };
  if (kind === 'polygon') {
    return {
      channels: anchor.channels,
      t,
      points: [0, 1, 2].map((i) => ({ t: t + i * p.b, y: i })),
    };
  }
  return anchor;
}

function annotationIds(r: Replica) {
  return keys(r.ann, 'annotations');
}

function comments(r: Replica, p: Params): [string, string[]] | undefined {
  const id = pick(annotationIds(r), p.a);
  if (!id) return undefined;
  const a = M.readAnnotation(r.ann, id);
  return a ? [id, a.comments.map((c) => c.id)] : undefined;
}

function panel(r: Replica, p: Params) {
  return pick(M.readTelemetryView(r.view).panels, p.a);
}

/** Every action, by name; each may throw a FieldbookError the test accepts. */
export const ACTIONS: Record<string, (r: Replica, p: Params) => void> = {
  renameWorkspace: (r, p) => M.renameWorkspace(r.ws, { name: p.s }, r.me),
  createDocument: (r, p) =>
    M.createDocumentEntry(
      r.ws,
      { kind: pick(['note', 'annotations', 'view'] as const, p.a)!, title: p.s, tags: p.tags },
      r.me,
    ),
  renameDocument: (r, p) =>
    M.renameDocument(r.ws, { id: pick(keys(r.ws, 'documents'), p.a)!, title: p.s }, r.me),
  moveDocument: (r, p) =>
    M.moveDocument(
      r.ws,
      {
        id: pick(keys(r.ws, 'documents'), p.a)!,
        folderId: pick(keys(r.ws, 'folders'), p.b) ?? null,
      },
      r.me,
    ),
  tagDocument: (r, p) =>
    M.tagDocument(
      r.ws,
      {
        id: pick(keys(r.ws, 'documents'), p.a)!,
        add: p.flag ? p.tags : [],
        remove: p.flag ? [] : p.tags,
      },
      r.me,
    ),
  trashDocument: (r, p) => M.trashDocument(r.ws, { id: pick(keys(r.ws, 'documents'), p.a)! }, r.me),
  restoreDocument: (r, p) =>
    M.restoreDocument(r.ws, { id: pick(keys(r.ws, 'documents'), p.a)! }, r.me),
  purgeDocument: (r, p) => M.purgeDocument(r.ws, { id: pick(keys(r.ws, 'documents'), p.a)! }, r.me),
  createFolder: (r, p) =>
    M.createFolder(
      r.ws,
      { name: p.s || 'f', parentId: pick(keys(r.ws, 'folders'), p.b) ?? null },
      r.me,
    ),
  renameFolder: (r, p) =>
    M.renameFolder(r.ws, { id: pick(keys(r.ws, 'folders'), p.a)!, name: p.s || 'g' }, r.me),
  moveFolder: (r, p) =>
    M.moveFolder(
      r.ws,
      {
        id: pick(keys(r.ws, 'folders'), p.a)!,
        parentId: p.flag ? null : pick(keys(r.ws, 'folders'), p.b)!,
      },
      r.me,
    ),
  deleteFolder: (r, p) => M.deleteFolder(r.ws, { id: pick(keys(r.ws, 'folders'), p.a)! }, r.me),
  setTagColor: (r, p) =>
    M.setTagColor(
      r.ws,
      { tag: pick(TAG_POOL, p.a)!, color: p.flag ? pick(COLORS, p.b)! : null },
      r.me,
    ),

  renameNote: (r, p) => M.renameNote(r.note, { title: p.s }, r.me),
  editNoteText: (r, p) => {
    const length = M.noteBody(r.note).length;
    const index = p.a % (length + 1);
    M.editNoteText(
      r.note,
      { index, deleteCount: Math.min(p.b % 4, length - index), insert: p.s },
      r.me,
    );
  },
  replaceNoteText: (r, p) => {
    const text = M.noteBody(r.note).toString();
    M.replaceNoteText(
      r.note,
      { text: p.flag ? text.toUpperCase() + p.s : p.s + text.slice(1) },
      r.me,
    );
  },
  tagNote: (r, p) => M.tagNote(r.note, p.flag ? { add: p.tags } : { remove: p.tags }, r.me),
  addNoteAttachment: (r, p) =>
    M.addNoteAttachment(
      r.note,
      { hash: pick(HASHES, p.a)!, name: p.s || 'f', mimeType: 'a/b', size: p.b },
      r.me,
    ),
  removeNoteAttachment: (r, p) =>
    M.removeNoteAttachment(r.note, { hash: pick(HASHES, p.a)! }, r.me),

  renameCollection: (r, p) => M.renameAnnotationCollection(r.ann, { name: p.s }, r.me),
  createAnnotation: (r, p) => {
    const kind = pick(ANNOTATION_KINDS, p.a)!;
    M.createAnnotation(r.ann, { kind, anchor: anchorFor(kind, p), title: p.s, tags: p.tags }, r.me);
  },
  moveAnnotation: (r, p) =>
    M.moveAnnotation(
      r.ann,
      {
        id: pick(annotationIds(r), p.a)!,
        dt: p.n,
        dy: p.b,
        channels: p.flag ? [pick(CHANNELS, p.b)!] : undefined,
      },
      r.me,
    ),
  resizeAnnotation: (r, p) =>
    M.resizeAnnotation(r.ann, { id: pick(annotationIds(r), p.a)!, t2: p.n * 1000, y2: p.b }, r.me),
  editAnnotation: (r, p) => {
    const id = pick(annotationIds(r), p.a)!;
    const body = M.readAnnotation(r.ann, id)?.body ?? '';
    M.editAnnotation(
      r.ann,
      {
        id,
        title: p.s,
        body: p.flag ? body + p.s : p.s + body.slice(2),
        style: { color: pick(COLORS, p.b) },
        addTags: p.flag ? p.tags : [],
        removeTags: p.flag ? [] : p.tags,
      },
      r.me,
    );
  },
  approveAnnotation: (r, p) =>
    M.approveAnnotation(r.ann, { id: pick(annotationIds(r), p.a)! }, r.me),
  reopenAnnotation: (r, p) => M.reopenAnnotation(r.ann, { id: pick(annotationIds(r), p.a)! }, r.me),
  deleteAnnotation: (r, p) => M.deleteAnnotation(r.ann, { id: pick(annotationIds(r), p.a)! }, r.me),
  annotationAttachment: (r, p) => {
    const id = pick(annotationIds(r), p.a)!;
    const hash = pick(HASHES, p.b)!;
    if (p.flag) M.removeAnnotationAttachment(r.ann, { id, hash }, r.me);
    else
      M.addAnnotationAttachment(
        r.ann,
        { id, attachment: { hash, name: 'a', mimeType: 'a/b', size: 1 } },
        r.me,
      );
  },
  addComment: (r, p) => {
    const [annotationId, ids] = comments(r, p) ?? [];
    M.addComment(
      r.ann,
      { annotationId: annotationId!, parentId: pick(ids ?? [], p.b) ?? null, body: p.s || 'c' },
      r.me,
    );
  },
  editComment: (r, p) => {
    const [annotationId, ids] = comments(r, p) ?? [];
    M.editComment(
      r.ann,
      { annotationId: annotationId!, commentId: pick(ids ?? [], p.b)!, body: p.s || 'e' },
      r.me,
    );
  },
  resolveComment: (r, p) => {
    const [annotationId, ids] = comments(r, p) ?? [];
    M.resolveComment(
      r.ann,
      { annotationId: annotationId!, commentId: pick(ids ?? [], p.b)!, resolved: p.flag },
      r.me,
    );
  },

  renameView: (r, p) => M.renameView(r.view, { title: p.s }, r.me),
  addPanel: (r, p) =>
    M.addPanel(
      r.view,
      {
        title: p.s,
        index: p.b % 4,
        channels: p.flag ? [{ channelId: pick(CHANNELS, p.a)!, axisId: 'y', color: null }] : [],
      },
      r.me,
    ),
  removePanel: (r, p) => M.removePanel(r.view, { panelId: panel(r, p)?.id ?? '' }, r.me),
  movePanel: (r, p) =>
    M.movePanel(r.view, { panelId: panel(r, p)?.id ?? '', toIndex: p.b % 5 }, r.me),
  renamePanel: (r, p) =>
    M.renamePanel(r.view, { panelId: panel(r, p)?.id ?? '', title: p.s }, r.me),
  setPanelTimeWindow: (r, p) =>
    M.setPanelTimeWindow(
      r.view,
      {
        panelId: panel(r, p)?.id ?? '',
        timeWindow: p.flag
          ? { mode: 'live', lastMs: 1 + p.b }
          : { mode: 'fixed', from: p.n, to: p.n + 1 + p.b },
      },
      r.me,
    ),
  addPanelChannel: (r, p) =>
    M.addPanelChannel(
      r.view,
      { panelId: panel(r, p)?.id ?? '', channelId: pick(CHANNELS, p.b)!, index: p.n & 3 },
      r.me,
    ),
  removePanelChannel: (r, p) => {
    const pn = panel(r, p);
    M.removePanelChannel(
      r.view,
      { panelId: pn?.id ?? '', channelId: pick(pn?.channels ?? [], p.b)?.channelId ?? 'x' },
      r.me,
    );
  },
  movePanelChannel: (r, p) => {
    const pn = panel(r, p);
    M.movePanelChannel(
      r.view,
      {
        panelId: pn?.id ?? '',
        channelId: pick(pn?.channels ?? [], p.b)?.channelId ?? 'x',
        toIndex: p.n & 3,
      },
      r.me,
    );
  },
  stylePanelChannel: (r, p) => {
    const pn = panel(r, p);
    M.stylePanelChannel(
      r.view,
      {
        panelId: pn?.id ?? '',
        channelId: pick(pn?.channels ?? [], p.b)?.channelId ?? 'x',
        axisId: pick(pn?.yAxes ?? [], p.n & 7)?.id,
        color: pick(COLORS, p.a),
      },
      r.me,
    );
  },
  setPanelAxis: (r, p) =>
    M.setPanelAxis(
      r.view,
      {
        panelId: panel(r, p)?.id ?? '',
        axis: {
          id: pick(['y', 'y2', 'y3'], p.b)!,
          label: p.s,
          min: p.flag ? null : p.n,
          max: p.flag ? null : p.n + 1,
        },
      },
      r.me,
    ),
  removePanelAxis: (r, p) =>
    M.removePanelAxis(
      r.view,
      { panelId: panel(r, p)?.id ?? '', axisId: pick(['y', 'y2', 'y3'], p.b)! },
      r.me,
    ),
  panelOverlay: (r, p) => {
    const panelId = panel(r, p)?.id ?? '';
    const collectionId = pick(COLLECTIONS, p.b)!;
    if (p.flag) M.removePanelOverlay(r.view, { panelId, collectionId }, r.me);
    else M.setPanelOverlay(r.view, { panelId, collectionId, tags: p.tags }, r.me);
  },
};

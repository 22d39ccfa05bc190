// Test support: a small but complete workspace (folders, linked notes with
// attachments, annotation collections with comments, telemetry) built with
// crdt-model, held as Yjs states — the input the export tests read back.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  actorOrigin,
  addAnnotationAttachment,
  addComment,
  addNoteAttachment,
  approveAnnotation,
  createAnnotation,
  createAnnotationCollection,
  createDocumentEntry,
  createFolder,
  createNote,
  createWorkspaceIndex,
  trashDocument,
} from '@fieldbook/crdt-model';
import { attachmentMarkdown, newId, type DecimatedSeries } from '@fieldbook/shared';
import * as Y from 'yjs';
import type { ExportSource } from '../source';

const ada = actorOrigin('user-ada');
const bob = actorOrigin('user-bob');
export const PEOPLE: Record<string, string> = {
  'user-ada': 'Ada Lovelace',
  'user-bob': 'Bob Ωmega',
};
export const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);

/** The built workspace: states by document id, attachment bytes by hash, and the ids tests refer to. */
export interface SampleWorkspace {
  workspaceId: string;
  states: Map<string, Uint8Array>;
  blobs: Map<string, { bytes: Buffer; mimeType: string }>;
  ids: { notes: string[]; folders: string[]; collections: string[]; trashedNote: string };
  annotationCount: number;
}

function blob(ws: SampleWorkspace, bytes: Buffer, name: string, mimeType: string) {
  const hash = createHash('sha256').update(bytes).digest('hex');
  ws.blobs.set(hash, { bytes, mimeType });
  return { hash, name, mimeType, size: bytes.length };
}

/** Builds the sample workspace; `annotationsPerCollection` scales it for load tests. */
export function buildSampleWorkspace(
  annotationsPerCollection = 6,
  workspaceId = newId(),
): SampleWorkspace {
  const ws: SampleWorkspace = {
    workspaceId,
    states: new Map(),
    blobs: new Map(),
    ids: { notes: [], folders: [], collections: [], trashedNote: '' },
    annotationCount: 0,
  };
  const index = new Y.Doc();
  createWorkspaceIndex(index, { name: 'Rover ops: Sol 42' }, ada);
  const science = createFolder(index, { name: 'Science', parentId: null }, ada);
  const spectra = createFolder(index, { name: 'Spectra / raw', parentId: science }, ada);
  ws.ids.folders.push(science, spectra);
  const png = blob(
    ws,
    Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
    'plot.png',
    'image/png',
  );
  const log = blob(ws, Buffer.from('time,value\n1,2\n'), 'log.csv', 'text/csv');
  const notes = [
    { title: 'Drive plan', folderId: null },
    { title: 'Calibration, "drift" notes', folderId: science },
    { title: 'Spectrum 7', folderId: spectra },
  ];
  for (const n of notes)
    ws.ids.notes.push(
      createDocumentEntry(
        index,
        { kind: 'note', title: n.title, folderId: n.folderId, tags: ['sol42'] },
        ada,
      ),
    );
  ws.ids.trashedNote = createDocumentEntry(index, { kind: 'note', title: 'Scratch' }, ada);
  for (const [i, n] of notes.entries()) {
    const doc = new Y.Doc();
    const [a, b, c] = ws.ids.notes;
    const text =
      i === 0
        ? `# Plan\nSee [[${b}]] and the [spectrum](fieldbook://doc/${c}).\n\n${attachmentMarkdown(png)}\n`
        : i === 1
          ? `Back to [[${a}]]. Temperature in °C, µm scale.\n${attachmentMarkdown(log)}\n`
          : `Peak at 532 nm, links to [[${a}]].\n`;
    createNote(doc, { title: n.title, text, tags: ['sol42', `n${i}`] }, ada);
    if (i === 0) addNoteAttachment(doc, png, ada);
    if (i === 1) addNoteAttachment(doc, log, ada);
    ws.states.set(ws.ids.notes[i]!, Y.encodeStateAsUpdate(doc));
  }
  const trashed = new Y.Doc();
  createNote(trashed, { title: 'Scratch', text: 'old' }, ada);
  ws.states.set(ws.ids.trashedNote, Y.encodeStateAsUpdate(trashed));
  for (const [c, name] of ['Thermal events', 'Power'].entries()) {
    const id = createDocumentEntry(index, { kind: 'annotations', title: name }, ada);
    ws.ids.collections.push(id);
    const doc = new Y.Doc();
    createAnnotationCollection(doc, { name }, ada);
    for (let i = 0; i < annotationsPerCollection; i++) {
      const who = i % 2 === 0 ? ada : bob;
      const t = T0 + i * 600_000;
      const annotationId = createAnnotation(
        doc,
        i % 3 === 0
          ? {
              kind: 'point',
              anchor: { channels: [`ch-${c}`], t, y: 20 + i },
              title: `Spike ${i}`,
              tags: ['spike'],
            }
          : {
              kind: 'range',
              anchor: { channels: [`ch-${c}`, 'ch-shared'], t, t2: t + 120_000 },
              title: i === 1 ? 'Drift, "warm" phase\nsecond line' : `Range ${i}`,
              body: 'Heater cycled; see log.',
              tags: i % 2 ? ['thermal', 'review'] : ['thermal'],
            },
        who,
      );
      if (i % 4 === 1) approveAnnotation(doc, { id: annotationId }, ada);
      if (i % 3 === 1) {
        const first = addComment(doc, { annotationId, body: 'Is this the heater?' }, bob);
        addComment(
          doc,
          { annotationId, parentId: first, body: 'Yes — cycle 3, résumé attached.' },
          ada,
        );
      }
      if (i === 2) addAnnotationAttachment(doc, { id: annotationId, attachment: log }, ada);
      ws.annotationCount += 1;
    }
    ws.states.set(id, Y.encodeStateAsUpdate(doc));
  }
  trashDocument(index, { id: ws.ids.trashedNote }, ada);
  ws.states.set(workspaceId, Y.encodeStateAsUpdate(index));
  return ws;
}

/** A sine wave with a spike, decimated into `maxPoints` min/max buckets over [from, to]. */
export function syntheticSeries(from: number, to: number, maxPoints: number): DecimatedSeries {
  const bucketMs = (to - from) / maxPoints;
  const out: DecimatedSeries = {
    from,
    to,
    bucketMs,
    start: [],
    count: [],
    min: [],
    minT: [],
    max: [],
    maxT: [],
  };
  for (let b = 0; b < maxPoints; b++) {
    const t = from + b * bucketMs;
    const v = 20 + 5 * Math.sin(t / 60_000) + (b === Math.floor(maxPoints / 2) ? 12 : 0);
    out.start.push(t);
    out.count.push(10);
    out.min.push(v - 0.5);
    out.minT.push(t);
    out.max.push(v + 0.5);
    out.maxT.push(t + bucketMs / 2);
  }
  return out;
}

/** The sample workspace as an ExportSource (with synthetic telemetry for charts). */
export function sampleSource(
  ws: SampleWorkspace,
  options: { telemetry?: boolean } = {},
): ExportSource {
  return {
    workspace: { id: ws.workspaceId, name: 'Rover ops: Sol 42' },
    async index() {
      const { readWorkspaceIndex } = await import('@fieldbook/crdt-model');
      const doc = new Y.Doc();
      Y.applyUpdate(doc, ws.states.get(ws.workspaceId)!);
      return readWorkspaceIndex(doc);
    },
    async loadDocument(id) {
      const state = ws.states.get(id);
      if (!state) return null;
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      return doc;
    },
    async personName(id) {
      return PEOPLE[id] ?? id;
    },
    async openAttachment(hash) {
      const b = ws.blobs.get(hash);
      return b ? Readable.from([b.bytes]) : null;
    },
    ...(options.telemetry === false
      ? {}
      : {
          async samples(_channel: string, from: number, to: number, maxPoints: number) {
            return syntheticSeries(from, to, Math.min(maxPoints, 300));
          },
          async channelLabel(channel: string) {
            return `${channel} (°C)`;
          },
        }),
  };
}

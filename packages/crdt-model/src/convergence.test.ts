import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AnnotationCollectionSnapshotSchema,
  NoteSnapshotSchema,
  TelemetryViewSnapshotSchema,
  WorkspaceIndexSnapshotSchema,
  anchorSpan,
  isFieldbookError,
} from '@fieldbook/shared';
import type { Params, Replica } from './convergence.ops';
import { ACTIONS, tagPool } from './convergence.ops';
import * as M from './index';
import { testOrigin } from './testSupport';

const KINDS = ['ws', 'note', 'ann', 'view'] as const;
type Kind = (typeof KINDS)[number];
const ACTION_NAMES = Object.keys(ACTIONS);

interface Message {
  kind: Kind;
  update: Uint8Array;
}

const params: fc.Arbitrary<Params> = fc.record({
  a: fc.nat(50),
  b: fc.nat(50),
  n: fc.integer({ min: -20, max: 20 }),
  s: fc.string({ maxLength: 6 }),
  tags: fc.subarray(tagPool),
  flag: fc.boolean(),
});

type Step =
  | { step: 'op'; replica: number; action: string; params: Params }
  | { step: 'deliver'; replica: number; pick: number; duplicate: boolean };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      step: fc.constant('op' as const),
      replica: fc.nat(4),
      action: fc.constantFrom(...ACTION_NAMES),
      params,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      step: fc.constant('deliver' as const),
      replica: fc.nat(4),
      pick: fc.nat(),
      duplicate: fc.boolean(),
    }),
  },
);

function snapshots(r: Replica) {
  return {
    ws: WorkspaceIndexSnapshotSchema.parse(M.readWorkspaceIndex(r.ws)),
    note: NoteSnapshotSchema.parse(M.readNote(r.note)),
    ann: AnnotationCollectionSnapshotSchema.parse(M.readAnnotationCollection(r.ann)),
    view: TelemetryViewSnapshotSchema.parse(M.readTelemetryView(r.view)),
  };
}

/** Builds n replicas from one origin replica's freshly created documents. */
function replicas(n: number) {
  const founder = testOrigin('founder');
  // Each document starts with some content, so operations have targets from the first step.
  const created = {
    ws: (d: Y.Doc) => {
      M.createWorkspaceIndex(d, { name: 'w' }, founder);
      const folderId = M.createFolder(d, { name: 'f' }, founder);
      M.createDocumentEntry(d, { kind: 'note', title: 'a', folderId }, founder);
      M.createDocumentEntry(d, { kind: 'view', title: 'b' }, founder);
    },
    note: (d: Y.Doc) => M.createNote(d, { title: 'n', text: 'hello' }, founder),
    ann: (d: Y.Doc) => {
      M.createAnnotationCollection(d, { name: 'a' }, founder);
      const annotationId = M.createAnnotation(
        d,
        { kind: 'range', anchor: { channels: ['ch.a'], t: 0, t2: 10 }, body: 'seed' },
        founder,
      );
      M.addComment(d, { annotationId, body: 'first' }, founder);
    },
    view: (d: Y.Doc) => {
      M.createTelemetryView(d, { title: 'v' }, founder);
      const channels = [{ channelId: 'ch.a', axisId: 'y', color: null }];
      M.addPanel(d, { title: 'p1', channels }, founder);
      M.addPanel(d, { title: 'p2' }, founder);
    },
  };
  const initial = Object.fromEntries(
    KINDS.map((kind) => {
      const doc = new Y.Doc();
      created[kind](doc);
      return [kind, Y.encodeStateAsUpdate(doc)];
    }),
  ) as Record<Kind, Uint8Array>;
  const inboxes: Message[][] = [];
  const list: Replica[] = [];
  for (let i = 0; i < n; i++) {
    const docs = {} as Record<Kind, Y.Doc>;
    for (const kind of KINDS) {
      const doc = new Y.Doc();
      doc.clientID = 1000 + i;
      Y.applyUpdate(doc, initial[kind], 'initial');
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === 'remote') return;
        for (let j = 0; j < n; j++) if (j !== i) inboxes[j]!.push({ kind, update });
      });
      docs[kind] = doc;
    }
    inboxes.push([]);
    list.push({ ...docs, me: testOrigin(`user${i}`, 1_700_000_000_000 + i) });
  }
  return { list, inboxes };
}

describe('convergence of replicas', () => {
  it('2–5 replicas applying random operations, exchanging updates out of order with duplicates, end identical and valid', () => {
    let applied = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.array(stepArb, { minLength: 5, maxLength: 60, size: 'max' }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        (n, steps, finalOrder) => {
          const { list, inboxes } = replicas(n);
          const indexes = list.map((r) => new M.AnnotationIndex(r.ann));
          for (const s of steps) {
            const r = list[s.replica % n]!;
            if (s.step === 'op') {
              const before = inboxes.map((box) => box.length);
              try {
                ACTIONS[s.action]!(r, s.params);
                applied++;
              } catch (err) {
                if (!isFieldbookError(err)) throw err;
                refused++;
                // A refused operation sent nothing.
                expect(inboxes.map((box) => box.length)).toEqual(before);
              }
            } else {
              const box = inboxes[s.replica % n]!;
              if (box.length === 0) continue;
              const i = s.pick % box.length;
              const msg = box[i]!;
              if (!s.duplicate) box.splice(i, 1);
              Y.applyUpdate(r[msg.kind], msg.update, 'remote');
              // Even mid-sync, with updates missing or out of order, readers give valid snapshots.
              snapshots(r);
            }
          }
          // Deliver everything left, in a random order, some twice.
          let k = 0;
          for (const [j, box] of inboxes.entries()) {
            while (box.length > 0) {
              const i = finalOrder[k++ % finalOrder.length]! % box.length;
              const msg = box.splice(i, 1)[0]!;
              Y.applyUpdate(list[j]![msg.kind], msg.update, 'remote');
              if (k % 3 === 0) Y.applyUpdate(list[j]![msg.kind], msg.update, 'remote');
            }
          }
          const first = snapshots(list[0]!);
          for (const r of list.slice(1)) expect(snapshots(r)).toEqual(first);
          // Every replica's overlap index agrees with a scan of the converged collection.
          for (const index of indexes) {
            for (const channel of ['ch.a', 'ch.b']) {
              const q = { channels: [channel], from: -5000, to: 5000 };
              const expected = first.ann.annotations
                .filter((a) => a.anchor.channels.includes(channel))
                .filter((a) => anchorSpan(a.anchor)[1] >= q.from && anchorSpan(a.anchor)[0] <= q.to)
                .map((a) => a.id);
              expect(index.query(q)).toEqual(expected);
            }
            index.destroy();
          }
        },
      ),
      { numRuns: 200 },
    );
    // Most generated operations succeed (the test is not all refusals).
    expect(applied).toBeGreaterThan(refused);
  });
});

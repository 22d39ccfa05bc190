import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DocKind } from '@fieldbook/shared';
import { isFieldbookError } from '@fieldbook/shared';
import type { Params, Replica } from '../convergence.ops';
import { ACTIONS, tagPool } from '../convergence.ops';
import * as M from '../index';
import { testOrigin } from '../testSupport';
import { restoreVersion } from './restore';
import { advanceSnapshot, newHistoryDoc } from './snapshots';
import { readKindAt } from './snapshotView';

// A star of replicas around a server log, as Fieldbook syncs: replicas edit
// offline, send their updates in order, and receive the log. Every state the
// server held (each recorded version) and every state a fully synced replica
// held must be what the history doc serves for that point of the log; a
// restore to any version must bring back exactly that state.

const KINDS = { ws: 'workspace', note: 'note', ann: 'annotations', view: 'view' } as const;
type Part = keyof typeof KINDS;
const PARTS = Object.keys(KINDS) as Part[];

function seed(part: Part, doc: Y.Doc): void {
  const founder = testOrigin('founder');
  if (part === 'ws') {
    M.createWorkspaceIndex(doc, { name: 'w' }, founder);
    M.createDocumentEntry(doc, { kind: 'note', title: 'a' }, founder);
  } else if (part === 'note') {
    M.createNote(doc, { title: 'n', text: '# Intro\nhello\n## Results\nworld' }, founder);
  } else if (part === 'ann') {
    M.createAnnotationCollection(doc, { name: 'a' }, founder);
    const id = M.createAnnotation(
      doc,
      { kind: 'range', anchor: { channels: ['ch.a'], t: 0, t2: 10 }, body: 'seed' },
      founder,
    );
    M.addComment(doc, { annotationId: id, body: 'first' }, founder);
  } else {
    M.createTelemetryView(doc, { title: 'v' }, founder);
    M.addPanel(doc, { title: 'p1' }, founder);
  }
}

const read = (part: Part, doc: Y.Doc) => readKindAt(doc, KINDS[part] as DocKind, null);

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
  | { step: 'send' | 'receive'; replica: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      step: fc.constant('op' as const),
      replica: fc.nat(3),
      action: fc.constantFrom(...Object.keys(ACTIONS)),
      params,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      step: fc.constantFrom('send' as const, 'receive' as const),
      replica: fc.nat(3),
    }),
  },
);

interface Peer {
  replica: Replica;
  outbox: { part: Part; update: Uint8Array }[];
  /** How much of each log it has applied. */
  seen: Record<Part, number>;
}

function world(n: number) {
  const log = {} as Record<Part, Uint8Array[]>;
  const server = {} as Record<Part, Y.Doc>;
  /** The snapshot each version (log length) had, by part: the server's, and synced replicas'. */
  const versions = {} as Record<Part, Map<number, unknown[]>>;
  for (const part of PARTS) {
    const founder = new Y.Doc();
    seed(part, founder);
    log[part] = [Y.encodeStateAsUpdate(founder)];
    server[part] = new Y.Doc();
    Y.applyUpdate(server[part], log[part][0]!);
    versions[part] = new Map([[1, [read(part, server[part])]]]);
  }
  const peers: Peer[] = [];
  for (let i = 0; i < n; i++) {
    const docs = {} as Record<Part, Y.Doc>;
    const peer = { outbox: [], seen: { ws: 1, note: 1, ann: 1, view: 1 } } as unknown as Peer;
    for (const part of PARTS) {
      const doc = new Y.Doc();
      doc.clientID = 1000 + i;
      Y.applyUpdate(doc, log[part][0]!, 'remote');
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== 'remote') peer.outbox.push({ part, update });
      });
      docs[part] = doc;
    }
    peer.replica = { ...docs, me: testOrigin(`user${i}`, 1_700_000_000_000 + i) };
    peers.push(peer);
  }
  const record = (part: Part, snapshot: unknown) => {
    const at = log[part].length;
    versions[part].set(at, [...(versions[part].get(at) ?? []), snapshot]);
  };
  return {
    log,
    server,
    versions,
    peers,
    send(peer: Peer) {
      const msg = peer.outbox.shift();
      if (!msg) return;
      log[msg.part].push(msg.update);
      Y.applyUpdate(server[msg.part], msg.update);
      record(msg.part, read(msg.part, server[msg.part]));
    },
    receive(peer: Peer) {
      for (const part of PARTS) {
        const entries = log[part];
        while (peer.seen[part] < entries.length) {
          Y.applyUpdate(peer.replica[part], entries[peer.seen[part]++]!, 'remote');
        }
        const synced = !peer.outbox.some((m) => m.part === part);
        if (synced) record(part, read(part, peer.replica[part]));
      }
    },
  };
}

describe('history served from the update log', () => {
  it('every recorded version reads back as the state replicas had, and restores exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.array(stepArb, { minLength: 5, maxLength: 40, size: 'max' }),
        fc.nat(),
        (n, steps, pick) => {
          const w = world(n);
          for (const s of steps) {
            const peer = w.peers[s.replica % n]!;
            if (s.step === 'send') w.send(peer);
            else if (s.step === 'receive') w.receive(peer);
            else if (s.step === 'op') {
              try {
                ACTIONS[s.action]!(peer.replica, s.params);
              } catch (err) {
                if (!isFieldbookError(err)) throw err;
              }
            }
          }
          for (const part of PARTS) {
            const history = newHistoryDoc();
            for (const u of w.log[part]) Y.applyUpdate(history, u);
            const kind = KINDS[part] as DocKind;
            for (const [version, seen] of w.versions[part]) {
              const at = advanceSnapshot(null, w.log[part].slice(0, version));
              const served = readKindAt(history, kind, at);
              for (const snapshot of seen) expect(served).toEqual(snapshot);
            }
            // Restore today's server state to one of the versions: exactly that state comes back.
            const versions = [...w.versions[part].keys()];
            const version = versions[pick % versions.length]!;
            const today = new Y.Doc();
            Y.applyUpdate(today, Y.encodeStateAsUpdate(w.server[part]));
            const at = advanceSnapshot(null, w.log[part].slice(0, version));
            const restored: Uint8Array[] = [];
            today.on('update', (u: Uint8Array) => restored.push(u));
            restoreVersion(today, { history, at }, testOrigin('restorer'));
            expect(read(part, today)).toEqual(w.versions[part].get(version)![0]);
            // Then to another version, the first restore in the history too.
            for (const u of restored) Y.applyUpdate(history, u);
            const other = versions[(pick >> 3) % versions.length]!;
            const atOther = advanceSnapshot(null, w.log[part].slice(0, other));
            // (this time what was deleted since is read from the delete sets, as the server does)
            const now = Y.snapshot(history);
            restoreVersion(today, { history, at: atOther, now }, testOrigin('restorer'));
            expect(read(part, today)).toEqual(w.versions[part].get(other)![0]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

// Retention over real SQLite stores: nothing folds by default; with a folding
// age, old edits fold into one entry per day, and named versions survive.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorOrigin, createAnnotation, createAnnotationCollection } from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import { openSqliteDocStore } from '../storage/sqlite/sqliteDocStore';
import type { DocStore, DocumentRef } from '../storage/docStore';
import { HistoryService } from './historyService';
import type { HistoryStore } from './historyStore';
import { foldedSession, mergeSummaries } from './retention';
import { openSqliteHistoryStore } from './sqlite/sqliteHistoryStore';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 12);
const anchor = { channels: ['ch'], t: 0, t2: 1 };

let dir: string;
let docs: DocStore;
let history: HistoryStore;
let service: HistoryService;
let ref: DocumentRef;
let doc: Y.Doc;

/** Makes one update with `edit` and logs it as `actor` from `client` at `ts`. */
async function logged(actor: string, client: string, ts: number, edit: (d: Y.Doc) => void) {
  const updates: Uint8Array[] = [];
  const record = (u: Uint8Array) => updates.push(u);
  doc.on('update', record);
  edit(doc);
  doc.off('update', record);
  await docs.appendUpdates(updates.map((update) => ({ ...ref, update, actor, client, ts })));
}

const annotate = (title: string) => (d: Y.Doc) =>
  createAnnotation(d, { kind: 'range', anchor, title }, actorOrigin('ada'));

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fb-retention-'));
  docs = openSqliteDocStore({ file: join(dir, 'docs.db'), durability: 'normal' });
  history = openSqliteHistoryStore(join(dir, 'history.db'));
  const refuse = () => Promise.reject(new Error('no changes in this test'));
  service = new HistoryService({ store: docs, history, change: refuse });
  ref = { tenantId: newId(), workspaceId: newId(), docId: newId() };
  await docs.ensureDocument(ref, 'ada');
  doc = new Y.Doc();
  // Five days ago: two sessions two hours apart (two entries), then a named version.
  const day5 = NOW - 5 * DAY;
  await logged('ada', 's1', day5, (d) =>
    createAnnotationCollection(d, { name: 'Dust' }, actorOrigin('ada')),
  );
  await logged('ada', 's1', day5 + 1000, annotate('Storm'));
  await logged('bo', 's2', day5 + 2 * 3_600_000, annotate('Dune'));
  await logged('bo', 's2', day5 + 2 * 3_600_000 + 1000, annotate('Devil'));
});

afterEach(async () => {
  doc.destroy();
  await history.close();
  await docs.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('history retention', () => {
  it('folds nothing by default', async () => {
    await logged('ada', 's3', NOW - 1000, annotate('Today'));
    const before = (await service.entries(ref, { limit: 50 })).items;
    expect(before).toHaveLength(3);
    expect(await service.retention.fold(ref, NOW + 365 * DAY)).toBe(0);
    expect((await service.entries(ref, { limit: 50 })).items).toEqual(before);
  });

  it("folds old days into daily points and keeps every named version's state", async () => {
    await service.entries(ref, { limit: 50 });
    const named = await service.nameVersion(ref, 'ada', 'Two sessions in');
    const namedThen = await service.snapshot(ref, named.id);
    const sessionOne = (await service.entries(ref, { limit: 50 })).items.at(-1)!;
    const pointThen = await service.snapshot(ref, String(sessionOne.lastSeq));
    // Four days ago, one entry (nothing to fold), and today's newest entry.
    await logged('ada', 's3', NOW - 4 * DAY, annotate('Tau'));
    await logged('ada', 's4', NOW - 1000, annotate('Today'));
    expect((await service.entries(ref, { limit: 50 })).items).toHaveLength(4);

    await history.setRetention(ref.workspaceId, 2);
    expect(await service.retention.fold(ref, NOW)).toBe(1);
    const after = (await service.entries(ref, { limit: 50 })).items;
    expect(after.map((e) => [e.firstSeq, e.lastSeq])).toEqual([
      [6, 6],
      [5, 5],
      [1, 4],
    ]);
    const day = after[2]!;
    expect(day).toMatchObject({ session: foldedSession(NOW - 5 * DAY), actor: 'ada', updates: 4 });
    expect(day.summary.annotations?.created?.count).toBe(3);
    expect(await service.retention.fold(ref, NOW)).toBe(0);

    const versions = (await service.versions(ref, { limit: 50 })).items;
    expect(versions.filter((v) => v.name !== null).map((v) => v.id)).toEqual([named.id]);
    expect(await service.snapshot(ref, named.id)).toEqual(namedThen);
    // A point inside a folded day still opens (read from the log).
    expect(await service.snapshot(ref, String(sessionOne.lastSeq))).toEqual(pointThen);
    const storm = (
      await service.entries(ref, { limit: 50, part: day.summary.annotations!.created!.ids[0] })
    ).items;
    expect(storm.map((e) => e.firstSeq)).toEqual([1]);
  });

  it('merges summaries: counts add, lists unite, capped', () => {
    const a = {
      text: { inserted: 2, deleted: 1, headings: ['A', 'B'] },
      annotations: { created: { count: 21, ids: ['x'] } },
    };
    const b = {
      text: { inserted: 3, deleted: 0, headings: ['B', 'C'] },
      annotations: { created: { count: 1, ids: ['y'] } },
    };
    expect(mergeSummaries(a, b)).toEqual({
      text: { inserted: 5, deleted: 1, headings: ['A', 'B', 'C'] },
      annotations: { created: { count: 22, ids: ['x', 'y'] } },
    });
  });
});

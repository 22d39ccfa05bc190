import {
  OpenEntry,
  deletedAlready,
  diffVersions,
  kindAt,
  newHistoryDoc,
  readKindAt,
  type GroupedEntry,
} from '@fieldbook/crdt-model';
import type { DocDiff, HistoryEntry } from '@fieldbook/shared';
import * as Y from 'yjs';
import { readHistoryPage, type LocalHistoryRow } from '../sync/localHistoryRows';
import { localDbName } from '../sync/docReplica';
import { openDocDb } from '../sync/indexedDbDocStore';
import type { VersionSnapshot } from './historyApi';

/** Rows read from IndexedDB at a time: history never holds the whole log as rows. */
const PAGE = 500;

/** A history entry built from this device's own store. */
export interface LocalEntry extends HistoryEntry {
  /** Whether the server has acknowledged every update of it. */
  readonly acked: boolean;
  /** False for rows kept before this device recorded times and authors. */
  readonly known: boolean;
}

/** A document's local history: entries newest first, and the history doc to open versions in. */
export interface LocalHistory {
  readonly entries: LocalEntry[];
  /** Opens the document as it was right after the entry ending at `seq`. */
  snapshot(seq: number): VersionSnapshot;
  /** What changed from the version ending at seq `a` to the one at `b`. */
  diff(a: number, b: number): DocDiff;
}

const unknownMeta = (row: LocalHistoryRow) => ({
  actor: row.actor ?? '',
  client: row.client,
  ts: row.ts ?? 0,
});

function toEntry(g: GroupedEntry, acked: number): LocalEntry {
  const known = g.startedAt > 0;
  return {
    id: `local:${g.firstSeq}`,
    firstSeq: g.firstSeq,
    lastSeq: g.lastSeq,
    actor: g.actor,
    actorName: g.actor ? null : g.session === 'server' ? 'From the server' : 'Unknown author',
    session: g.session,
    kind: g.kind,
    ref: g.ref,
    startedAt: g.startedAt,
    endedAt: g.endedAt,
    updates: g.updates,
    bytes: g.bytes,
    summary: g.summary,
    acked: g.lastSeq <= acked,
    known,
  };
}

/**
 * Builds a document's history from its local rows with the server's grouping
 * rule (crdt-model's OpenEntry): pages of rows are replayed into a `gc: false`
 * history doc, and each entry keeps the snapshot after it to open later.
 */
export async function readLocalHistory(profileId: string, docId: string): Promise<LocalHistory> {
  const db = await openDocDb(localDbName(profileId, docId));
  const doc = newHistoryDoc();
  const grouped: GroupedEntry[] = [];
  let open: OpenEntry | null = null;
  let acked = 0;
  try {
    let after: number | null = null;
    for (;;) {
      const page = await readHistoryPage(db, after, PAGE);
      acked = page.acked;
      for (const row of page.rows) {
        // A row may repeat what the device had already (a replica's first write): keep what is new.
        const update = Y.diffUpdate(row.update, Y.encodeStateVector(doc));
        const parts = Y.decodeUpdate(update);
        if (parts.structs.length === 0 && parts.ds.clients.size === 0) continue;
        const u = { ...unknownMeta(row), seq: row.seq, update };
        const already = deletedAlready(doc, u.update);
        Y.applyUpdate(doc, u.update);
        if (!open || !open.continues(u)) {
          if (open) grouped.push(open.close());
          open = open ? open.next(doc, u) : OpenEntry.start(doc, u, Y.emptySnapshot);
        }
        open.add(doc, u, already);
      }
      if (page.rows.length < PAGE) break;
      after = page.rows.at(-1)!.seq;
    }
  } finally {
    db.close();
  }
  if (open) grouped.push(open.close());
  const at = new Map(grouped.map((g) => [g.lastSeq, Y.decodeSnapshot(g.snapshot)]));
  const snapshotAt = (seq: number) => {
    const s = at.get(seq);
    if (!s) throw new Error(`No local version ${seq}`);
    return s;
  };
  return {
    entries: grouped.map((g) => toEntry(g, acked)).reverse(),
    snapshot(seq) {
      const s = snapshotAt(seq);
      const kind = kindAt(doc, s) ?? 'note';
      return { id: String(seq), seq, kind, snapshot: readKindAt(doc, kind, s) } as VersionSnapshot;
    },
    diff(a, b) {
      const to = snapshotAt(b);
      return diffVersions(doc, kindAt(doc, to) ?? 'note', snapshotAt(a), to);
    },
  };
}

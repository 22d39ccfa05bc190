import type { ChangeSummary, EntryKind } from '@fieldbook/shared';
import * as Y from 'yjs';
import { changesOf, type ItemChange } from './changes';
import { advanceSnapshot, type DeleteSet } from './snapshots';
import { kindAt } from './snapshotView';
import { SummaryBuilder } from './summary';

// The one rule that groups logged updates into history entries, used by the
// server's indexer and by the app's local history alike. Changes the server
// makes on someone's behalf carry what they are in the log's client column
// (`restore:<version>`, `merge:<branch>`, `fork:<source>`, `import`);
// everything else is a person's edit from a session.

/** An update's place in a history entry: its actor, session and time. */
export interface LoggedMeta {
  actor: string;
  client: string;
  ts: number;
}

/** A logged update with its meta, as the grouping reads it. */
export interface LoggedRow extends LoggedMeta {
  seq: number;
  update: Uint8Array;
}

/** The log client id of updates imported from a workspace file. */
export const IMPORT_CLIENT = 'import';
/** A quiet pause longer than this ends an entry. */
export const ENTRY_GAP_MS = 2 * 60_000;
/** An entry covers at most this much time, so a long session still has points to open. */
export const ENTRY_SPAN_MS = 10 * 60_000;

const SERVER_KINDS = new Set<EntryKind>(['restore', 'merge', 'fork']);

/** The log client id of a change the server makes: `restore:<version>` and the like. */
export function serverClient(kind: 'restore' | 'merge' | 'fork', ref: string): string {
  return `${kind}:${ref}`;
}

/** What kind of change a logged update is, and what it refers to. */
export function entryKindOf(client: string): { kind: EntryKind; ref: string | null } {
  if (client === IMPORT_CLIENT) return { kind: 'import', ref: null };
  const colon = client.indexOf(':');
  const kind = client.slice(0, colon) as EntryKind;
  if (colon > 0 && SERVER_KINDS.has(kind)) return { kind, ref: client.slice(colon + 1) };
  return { kind: 'edit', ref: null };
}

/** Whether `next` belongs to the entry so far: same person, same session, soon after, an edit. */
export function continuesEntry(
  entry: { actor: string; session: string; kind: EntryKind; startedAt: number; endedAt: number },
  next: LoggedMeta,
): boolean {
  return (
    entry.kind === 'edit' &&
    entryKindOf(next.client).kind === 'edit' &&
    entry.actor === next.actor &&
    entry.session === next.client &&
    next.ts - entry.endedAt <= ENTRY_GAP_MS &&
    next.ts - entry.startedAt <= ENTRY_SPAN_MS
  );
}

/** An entry as grouped: its range, who, when, how much, what, and the snapshot after it. */
export interface GroupedEntry {
  firstSeq: number;
  lastSeq: number;
  actor: string;
  session: string;
  kind: EntryKind;
  ref: string | null;
  startedAt: number;
  endedAt: number;
  updates: number;
  bytes: number;
  summary: ChangeSummary;
  snapshot: Uint8Array;
  /** Ids of the parts (annotations) the entry touched. */
  parts: string[];
}

/** Ids of the annotations (parts) that located changes touched. */
function partsOf(changes: readonly ItemChange[]): string[] {
  return changes.filter((c) => c.path[0] === 'annotations' && c.path[1]).map((c) => c.path[1]!);
}

/**
 * The entry being built: what is grouped so far plus the updates added since.
 * Feed it updates already applied to `doc` (a `gc: false` history doc).
 */
export class OpenEntry {
  private pending: Uint8Array[] = [];
  private readonly parts = new Set<string>();

  private constructor(
    readonly entry: GroupedEntry,
    private readonly builder: SummaryBuilder,
    /** Snapshot the pending updates apply on top of. */
    private base: Y.Snapshot,
  ) {}

  /** A new entry starting with `u`, on top of the snapshot `base`. */
  static start(doc: Y.Doc, u: LoggedRow, base: Y.Snapshot): OpenEntry {
    const { kind, ref } = entryKindOf(u.client);
    const entry: GroupedEntry = {
      firstSeq: u.seq,
      lastSeq: u.seq,
      actor: u.actor,
      session: u.client,
      kind,
      ref,
      startedAt: u.ts,
      endedAt: u.ts,
      updates: 0,
      bytes: 0,
      summary: {},
      snapshot: new Uint8Array(),
      parts: [],
    };
    return new OpenEntry(entry, new SummaryBuilder(kindAt(doc, null)), base);
  }

  /** Reopens a closed entry so that it can grow. */
  static reopen(doc: Y.Doc, last: GroupedEntry): OpenEntry {
    const builder = SummaryBuilder.continuing(kindAt(doc, null), last.summary);
    return new OpenEntry({ ...last, parts: [] }, builder, Y.decodeSnapshot(last.snapshot));
  }

  /** The entry that follows this one, starting with `u`. */
  next(doc: Y.Doc, u: LoggedRow): OpenEntry {
    return OpenEntry.start(doc, u, this.base);
  }

  /** Whether `u` belongs to this entry. */
  continues(u: LoggedMeta): boolean {
    return continuesEntry(this.entry, u);
  }

  /** Adds `u`, just applied to `doc`; `already` is what was deleted before it (see deletedAlready). */
  add(doc: Y.Doc, u: LoggedRow, already?: DeleteSet): void {
    const changes = changesOf(doc, u.update, already);
    this.builder.add(changes);
    for (const part of partsOf(changes)) this.parts.add(part);
    this.pending.push(u.update);
    const e = this.entry;
    e.lastSeq = u.seq;
    e.endedAt = Math.max(e.endedAt, u.ts);
    e.updates++;
    e.bytes += u.update.length;
  }

  /**
   * The entry as it stands, with its snapshot, which becomes the base of
   * what follows (the entry itself, when it grows later).
   */
  close(): GroupedEntry {
    this.base = advanceSnapshot(this.base, this.pending);
    this.pending = [];
    return {
      ...this.entry,
      summary: this.builder.build(),
      snapshot: Y.encodeSnapshot(this.base),
      parts: [...this.parts],
    };
  }
}

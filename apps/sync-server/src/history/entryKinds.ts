import type { EntryKind } from '@fieldbook/shared';
import { IMPORT_CLIENT } from '../audit/auditedDocStore';

// Changes the server makes on someone's behalf carry what they are in the
// log's client column (`restore:<version>`, `merge:<branch>`, `fork:<source>`,
// `import`); everything else is a person's edit from a session.

/** An update's place in a history entry: its actor, session and time. */
export interface LoggedMeta {
  actor: string;
  client: string;
  ts: number;
}

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

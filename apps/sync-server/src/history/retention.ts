import type { ChangeSummary } from '@fieldbook/shared';
import type { DocKey } from '../storage/docStore';
import type { HistoryStore, StoredEntry } from './historyStore';

// Retention the user controls: by default every entry is kept. An admin may
// set a workspace's folding age; then the edits of each UTC day older than
// that fold into one entry (a daily point you can still open). Named
// versions keep their own snapshots and are never folded; neither are
// restores, merges, forks and imports, nor the newest entry (it may grow).
// The update log itself is never rewritten.

const DAY_MS = 86_400_000;
const PAGE = 500;
const MAX_IDS = 20;
const MAX_HEADINGS = 5;

/** The UTC day of `ms`, as `YYYY-MM-DD`. */
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The session a folded entry carries: `day:<YYYY-MM-DD>`. */
export const foldedSession = (ms: number) => `day:${dayOf(ms)}`;

type Plain = Record<string, unknown>;
const isObject = (x: unknown): x is Plain => typeof x === 'object' && x !== null;

function mergeValue(key: string, a: unknown, b: unknown): unknown {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) {
    const all = [...new Set([...a, ...b])];
    return key === 'headings' ? all.slice(0, MAX_HEADINGS) : all;
  }
  if (isObject(a) && isObject(b) && 'ids' in a && 'ids' in b) {
    const ids = [...new Set([...(a.ids as string[]), ...(b.ids as string[])])];
    const hidden = (a.count as number) - (a.ids as string[]).length;
    const more = (b.count as number) - (b.ids as string[]).length;
    return { count: ids.length + hidden + more, ids: ids.slice(0, MAX_IDS) };
  }
  if (key === 'renamed' || key === 'labels') return key === 'labels' ? { ...a, ...b } : b;
  if (isObject(a) && isObject(b)) return mergeSummaries(a, b);
  return b;
}

/** The summary of two entries' changes in one (counts add, lists unite, the newer name wins). */
export function mergeSummaries<T extends Plain = ChangeSummary>(older: T, newer: T): T {
  const out: Plain = {};
  for (const key of new Set([...Object.keys(older), ...Object.keys(newer)])) {
    out[key] = mergeValue(key, older[key], newer[key]);
  }
  return out as T;
}

/** Entries of one day's run, oldest first, into one entry (who made most of the updates names it). */
function foldRun(run: StoredEntry[]): StoredEntry {
  const first = run[0]!;
  const last = run.at(-1)!;
  const byActor = new Map<string, number>();
  for (const e of run) byActor.set(e.actor, (byActor.get(e.actor) ?? 0) + e.updates);
  const actor = [...byActor].sort((x, y) => y[1] - x[1])[0]![0];
  return {
    firstSeq: first.firstSeq,
    lastSeq: last.lastSeq,
    actor,
    session: foldedSession(last.endedAt),
    kind: 'edit',
    ref: null,
    startedAt: first.startedAt,
    endedAt: last.endedAt,
    updates: run.reduce((n, e) => n + e.updates, 0),
    bytes: run.reduce((n, e) => n + e.bytes, 0),
    summary: run.slice(1).reduce((s, e) => mergeSummaries(s, e.summary), first.summary),
    snapshot: last.snapshot,
    parts: [],
  };
}

/** Folds old history entries into daily points, when the workspace asks for it. */
export class HistoryRetention {
  constructor(private readonly store: HistoryStore) {}

  /** The workspace's folding age in days; null: it keeps every entry (the default). */
  days(workspaceId: string): Promise<number | null> {
    return this.store.getRetention(workspaceId);
  }

  /** Sets (or, with null, clears) the workspace's folding age in days. */
  setDays(workspaceId: string, days: number | null): Promise<void> {
    return this.store.setRetention(workspaceId, days);
  }

  /**
   * Folds the document's entries ended before `now` minus the workspace's
   * folding age into one entry per UTC day; answers how many entries went.
   * Does nothing when the workspace keeps everything (the default).
   */
  async fold(key: DocKey, now = Date.now()): Promise<number> {
    const days = await this.store.getRetention(key.workspaceId);
    if (days === null) return 0;
    const cutoff = now - days * DAY_MS;
    const newest = await this.store.lastEntry(key);
    if (!newest) return 0;
    // Old entries, oldest first (a day's points are few once folded).
    const old: StoredEntry[] = [];
    let before = newest.firstSeq;
    for (;;) {
      const page = await this.store.listEntries(key, { before, limit: PAGE });
      old.push(...page.filter((e) => e.endedAt < cutoff));
      if (page.length < PAGE) break;
      before = page.at(-1)!.firstSeq;
    }
    old.reverse();
    let folded = 0;
    let run: StoredEntry[] = [];
    const flush = async () => {
      if (run.length > 1) {
        const parts = await this.store.partsTouched(key, run[0]!.firstSeq, run.at(-1)!.lastSeq);
        await this.store.foldEntries(key, { ...foldRun(run), parts });
        folded += run.length - 1;
      }
      run = [];
    };
    for (const e of old) {
      const prev = run.at(-1);
      const joins =
        e.kind === 'edit' &&
        prev &&
        dayOf(prev.endedAt) === dayOf(e.endedAt) &&
        prev.lastSeq + 1 === e.firstSeq;
      if (!joins) await flush();
      if (e.kind === 'edit') run.push(e);
    }
    await flush();
    return folded;
  }
}

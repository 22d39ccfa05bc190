import type { DocRef } from '../../common/localStore/localDocStore';

/** How a copy differed: other edits (state vectors), or other content under the same edits. */
export type Difference = 'state-vector' | 'content';

/** One time a copy differed from the server, and how it ended. */
export interface VerifyEntry {
  readonly docId: string;
  readonly kind: Difference;
  readonly at: number;
  /** When it was verified identical again (after a resync); null while it is not. */
  fixedAt: number | null;
  /** True when resyncing did not help and the verifier stopped. */
  gaveUp: boolean;
}

/** Entries kept; older ones leave. */
const KEEP = 50;

const PREFIX = 'Fieldbook verify:';

/**
 * The client's log of verification against the server: each difference found
 * (also written to the console), whether a resync fixed it, and how many
 * differences in a row each document had. Kept per session, so it outlives a
 * workspace's replicas being reopened by a repair.
 */
export class VerifyLog {
  private readonly entries: VerifyEntry[] = [];
  private readonly streak = new Map<string, number>();

  /** `changed` is called after every entry or change of one. */
  constructor(private readonly changed: () => void = () => {}) {}

  /** Records a difference; returns how many in a row the document has had, this one included. */
  differed(ref: DocRef, kind: Difference): number {
    const n = (this.streak.get(ref.docId) ?? 0) + 1;
    this.streak.set(ref.docId, n);
    this.entries.push({ docId: ref.docId, kind, at: Date.now(), fixedAt: null, gaveUp: false });
    if (this.entries.length > KEEP) this.entries.shift();
    const what = kind === 'content' ? 'other content under the same edits' : 'other edits';
    console.warn(`${PREFIX} ${ref.docId} differed from the server (${what}); resyncing (${n})`);
    this.changed();
    return n;
  }

  /** Records that a document was verified identical; closes its open difference, if any. */
  verified(ref: DocRef, at: number): void {
    if (!this.streak.has(ref.docId)) return;
    this.streak.delete(ref.docId);
    const open = this.entries.findLast((e) => e.docId === ref.docId && e.fixedAt === null);
    if (open) open.fixedAt = at;
    console.warn(`${PREFIX} ${ref.docId} is identical with the server again after a resync`);
    this.changed();
  }

  /** Records that resyncing did not make a document identical. */
  gaveUp(ref: DocRef): void {
    const open = this.entries.findLast((e) => e.docId === ref.docId);
    if (open) open.gaveUp = true;
    console.error(`${PREFIX} ${ref.docId} still differs from the server after resyncing`);
    this.changed();
  }

  /** A copy of the newest entry, or null when no copy has differed this session. */
  latest(): Readonly<VerifyEntry> | null {
    const last = this.entries.at(-1);
    return last ? { ...last } : null;
  }
}

import type { JournalRecord, UpdateJournal } from './updateJournal';
import type { RowEntry, RowUpdate, UpdateLog } from './updateLog';

/** When journaled updates move into the table. */
export interface JournalFlushPolicy {
  /** At most this long after the first unflushed append. */
  afterMs: number;
  /** At once when this many updates wait. */
  atCount: number;
}

/** The update log as the store uses it: appends go to the journal, reads see everything. */
export interface JournaledLog {
  /** Numbers and durably appends the entries (one journal write); returns their seqs. */
  append(entries: readonly RowEntry[]): number[];
  /** Moves every journaled update into the table now; called before any read of the log. */
  flush(): void;
  /** Stops the flush timer after a last flush. */
  close(): void;
}

/**
 * Puts `journal` in front of `log`: an append costs one file write instead of
 * a SQLite transaction, and the table receives updates in batches. Opening
 * replays whatever a crash left in the journal, so every update ever
 * acknowledged is in the table before anyone reads it. `legacyDocPk` finds
 * the row of a document named by id alone, in records written before
 * migration 0003 (when ids were unique on their own).
 */
export function journalLog(
  log: UpdateLog,
  journal: UpdateJournal,
  policy: JournalFlushPolicy,
  onError: (error: unknown) => void,
  legacyDocPk: (docId: string) => number | null,
): JournaledLog {
  const { records, discardedBytes } = journal.read();
  if (discardedBytes > 0) {
    // Never acknowledged: a batch is answered only after its whole write returned.
    onError(new Error(`update journal: dropped ${discardedBytes} bytes of a torn or damaged tail`));
  }
  const recovered = records.flatMap((r) => withRow(r, legacyDocPk, onError));
  log.write(recovered);
  log.taken(recovered);
  journal.clear();

  let pending: RowUpdate[] = [];
  let timer: NodeJS.Timeout | null = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.length === 0) return;
    log.write(pending);
    pending = [];
    journal.clear();
  };
  const flushInBackground = () => {
    try {
      flush();
    } catch (error) {
      // The updates stay journaled (durable); the next flush or read tries again.
      onError(error);
      timer ??= setTimeout(flushInBackground, policy.afterMs).unref();
    }
  };

  return {
    append(entries) {
      const updates = log.number(entries);
      journal.append(updates);
      log.taken(updates);
      for (const u of updates) pending.push(u);
      if (pending.length >= policy.atCount) {
        if (timer) clearTimeout(timer);
        timer = setTimeout(flushInBackground, 0).unref();
      } else {
        timer ??= setTimeout(flushInBackground, policy.afterMs).unref();
      }
      return updates.map((u) => u.seq);
    },
    flush,
    close() {
      flush();
      journal.close();
    },
  };
}

/** A recovered record with its document's row key (an old record's is looked up by id). */
function withRow(
  record: JournalRecord,
  legacyDocPk: (docId: string) => number | null,
  onError: (error: unknown) => void,
): RowUpdate[] {
  const { legacyDocId, ...update } = record;
  if (legacyDocId === undefined) return [update];
  const docPk = legacyDocPk(legacyDocId);
  if (docPk !== null) return [{ ...update, docPk }];
  onError(new Error(`update journal: no document ${legacyDocId} for a recovered update`));
  return [];
}

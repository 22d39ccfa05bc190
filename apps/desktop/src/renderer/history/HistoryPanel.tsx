import type { Version } from '@fieldbook/shared';
import { Bookmark, History, RotateCcw } from 'lucide-react';
import { useState } from 'react';
import { useAccess } from '../shell/access';
import type { PanelProps } from '../shell/registry';
import { userColor } from '../session/session';
import { Avatar, Badge, Button, EmptyState, Spinner } from '../ui';
import { BranchActions, pointOf } from './BranchActions';
import type { PanelEntry } from './historyMerge';
import { NameVersionDialog } from './NameVersionDialog';
import { VersionDialog, type HistoryPoint } from './VersionDialog';
import { entryText } from './summaryText';
import { useHistory } from './useHistory';
import './history.css';

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});

/** "Today", "Yesterday" or the date, for grouping the timeline by day. */
function dayOf(ms: number): string {
  const d = new Date(ms);
  const today = new Date();
  const yesterday = new Date(today.getTime() - 86_400_000);
  if (d.toDateString() === today.toDateString()) return 'Today';
  if (d.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return day.format(d);
}

/** One timeline row: who (avatar in their colour), when, and what they changed. */
function EntryRow({
  entry,
  restoredName,
  onOpen,
}: {
  entry: PanelEntry;
  restoredName: string | null;
  onOpen: () => void;
}) {
  const access = useAccess();
  const who = entry.actorName ?? access.nameOf(entry.actor);
  return (
    <li className="history-entry">
      <button type="button" className="history-entry__button" onClick={onOpen}>
        <Avatar name={who} color={userColor(entry.actor)} size={24} />
        <span className="history-entry__body">
          <span className="history-entry__head">
            <span className="history-entry__who">{who}</span>
            {entry.local?.known === false ? (
              <span className="history-entry__time">time unknown</span>
            ) : (
              <time
                className="history-entry__time"
                dateTime={new Date(entry.endedAt).toISOString()}
              >
                {time.format(entry.endedAt)}
              </time>
            )}
          </span>
          {entry.local && !entry.local.acked && <Badge tone="neutral">On this device only</Badge>}
          <span className="history-entry__what">
            {entry.kind === 'restore' && <RotateCcw size={12} aria-hidden="true" />}
            {entryText(entry, restoredName)}
          </span>
        </span>
      </button>
    </li>
  );
}

/** A named version's row: its name as a bookmark, who named it and when. */
function NamedRow({ version, onOpen }: { version: Version; onOpen: () => void }) {
  const access = useAccess();
  const who = version.createdByName ?? access.nameOf(version.createdBy);
  return (
    <li className="history-entry history-entry--named">
      <button type="button" className="history-entry__button" onClick={onOpen}>
        <span className="history-entry__mark" aria-hidden="true">
          <Bookmark size={14} />
        </span>
        <span className="history-entry__body">
          <span className="history-entry__head">
            <span className="history-entry__who">{version.name}</span>
            <time
              className="history-entry__time"
              dateTime={new Date(version.createdAt).toISOString()}
            >
              {time.format(version.createdAt)}
            </time>
          </span>
          <span className="history-entry__what">
            <Badge tone="accent">Named version</Badge> by {who}
          </span>
        </span>
      </button>
    </li>
  );
}

type Row = { at: number; seq: number; entry?: PanelEntry; version?: Version };

/** Entries and named versions in one newest-first list (a name sits above the entry it follows). */
function rowsOf(entries: PanelEntry[], named: Version[]): Row[] {
  const oldest = entries.at(-1)?.firstSeq ?? Infinity;
  const rows: Row[] = [
    // Entries only this device has sort by time: their seqs are the device's own.
    ...entries.map((e, i) => ({
      at: e.endedAt,
      seq: e.local ? Number.MAX_SAFE_INTEGER - i : e.lastSeq,
      entry: e,
    })),
    ...named
      .filter((v) => v.seq >= oldest)
      .map((v) => ({ at: v.createdAt, seq: v.seq + 0.5, version: v })),
  ];
  return rows.sort((a, b) => b.seq - a.seq);
}

/**
 * The History side panel of a note, collection or view: a timeline of who
 * changed what and when, each entry opening the document as it was then
 * (read-only) with Restore; "Name this version" marks the current state.
 */
export default function HistoryPanel({ entry, state, actions }: PanelProps) {
  const access = useAccess();
  const history = useHistory(actions, state.workspace?.id ?? null, entry.id);
  const [open, setOpen] = useState<(HistoryPoint & { local?: boolean }) | null>(null);
  const [naming, setNaming] = useState(false);
  const [forking, setForking] = useState<HistoryPoint | null>(null);
  const isCollection = entry.kind === 'annotations';

  if (!history.loading && history.entries.length === 0 && !history.api) {
    return (
      <EmptyState icon={<History size={22} />} title="No changes yet" headingLevel={3}>
        <p>Changes made on this device show here; a sync server adds everyone else’s.</p>
      </EmptyState>
    );
  }
  const newest = history.entries.find((e) => !e.local) ?? null;
  const newestLocal = history.entries.find((e) => e.local) ?? null;
  const dialogApi = open?.local ? history.localApi : history.api;
  const dialogNewest = open?.local ? newestLocal : newest;
  const nameOfVersion = (id: string | null) => history.named.find((v) => v.id === id)?.name ?? null;
  let lastDay = '';
  const titleOf = (id: string) => state.index?.documents.find((d) => d.id === id)?.title ?? '';
  const nameVersion = history.api && access.may('version.create') && (
    <Button
      size="sm"
      variant="secondary"
      icon={<Bookmark size={14} />}
      disabled={!newest}
      onClick={() => setNaming(true)}
    >
      Name this version
    </Button>
  );
  return (
    <section className="history-panel" aria-busy={history.loading}>
      {history.offline && (
        <p className="muted small">Offline: these are the changes kept on this device.</p>
      )}
      {history.api && isCollection ? (
        <BranchActions
          api={history.api}
          newest={newest}
          collectionName={entry.title}
          titleOf={titleOf}
          forking={forking}
          setForking={setForking}
          onMerged={history.refresh}
        >
          {nameVersion}
        </BranchActions>
      ) : (
        nameVersion && <div className="history-panel__actions">{nameVersion}</div>
      )}
      {history.error && (
        <p className="history-panel__error" role="alert">
          {history.error}
        </p>
      )}
      {history.loading && history.entries.length === 0 && <Spinner label="Loading history" />}
      {!history.loading && history.entries.length === 0 && !history.error && (
        <p className="muted small">No changes yet.</p>
      )}
      <ol className="history-timeline" aria-label="Changes, newest first">
        {rowsOf(history.entries, history.named).map((row) => {
          const label = dayOf(row.at);
          const heading = label !== lastDay ? label : null;
          lastDay = label;
          const e = row.entry;
          const v = row.version;
          return [
            heading && (
              <li key={`day-${row.seq}`} className="history-day" aria-hidden="true">
                {heading}
              </li>
            ),
            e && (
              <EntryRow
                key={e.id}
                entry={e}
                restoredName={e.kind === 'restore' ? nameOfVersion(e.ref) : null}
                onOpen={() =>
                  setOpen({
                    ...pointOf(e, e.actorName ?? access.nameOf(e.actor)),
                    local: Boolean(e.local),
                  })
                }
              />
            ),
            v && (
              <NamedRow
                key={v.id}
                version={v}
                onOpen={() =>
                  setOpen({
                    id: v.id,
                    seq: v.seq,
                    at: v.createdAt,
                    who: v.createdByName ?? access.nameOf(v.createdBy),
                    name: v.name,
                  })
                }
              />
            ),
          ];
        })}
      </ol>
      {history.more && (
        <Button size="sm" variant="ghost" onClick={history.loadMore}>
          Show earlier changes
        </Button>
      )}
      {open && dialogApi && dialogNewest && (
        <VersionDialog
          api={dialogApi}
          point={open}
          newestSeq={dialogNewest.lastSeq}
          kind={entry.kind}
          canRestore={!open.local && access.may('version.restore')}
          onClose={() => setOpen(null)}
          onRestored={history.refresh}
          onBranch={
            !open.local && isCollection && access.may('branch.create')
              ? () => {
                  setForking(open);
                  setOpen(null);
                }
              : undefined
          }
        />
      )}
      {naming && history.api && (
        <NameVersionDialog
          api={history.api}
          onClose={() => setNaming(false)}
          onNamed={history.refresh}
        />
      )}
    </section>
  );
}

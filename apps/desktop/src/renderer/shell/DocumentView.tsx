import { FileQuestion, RotateCcw } from 'lucide-react';
import { lazy, useEffect, useRef } from 'react';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import { NotePane } from '../notes/NotePane';
import { TitleField } from '../notes/TitleField';
import { Button, EmptyState, Spinner, toast } from '../ui';
import { useAccess } from './access';

const TelemetryPane = lazy(() =>
  import('../telemetry/TelemetryPane').then((m) => ({ default: m.TelemetryPane })),
);

const KIND_WORD = { note: 'note', view: 'chart', annotations: 'annotation collection' } as const;

/**
 * The open document in the main area, by kind: a note, or a chart (loaded on
 * first use). When someone else moves it to the trash or brings it back
 * while it is open, a toast says so and a banner stays while it is trashed.
 */
export function DocumentView({ state, actions }: { state: AppState; actions: ShellActions }) {
  const access = useAccess();
  const entry = state.index?.documents.find((d) => d.id === state.openDocId) ?? null;
  const wasTrashed = useRef<boolean | null>(null);
  const trashed = entry ? entry.trashedAt !== null : null;
  useEffect(() => {
    if (!entry || trashed === null) return;
    const before = wasTrashed.current;
    wasTrashed.current = trashed;
    if (before === null || before === trashed) return;
    const who = access.nameOf(state.activity.get(entry.id)?.updatedBy);
    const title = entry.title || 'Untitled';
    toast(
      trashed
        ? { title: `${who} moved “${title}” to the trash`, tone: 'warning' }
        : { title: `${who} restored “${title}”`, tone: 'success' },
    );
    // Only transitions of this document matter; names resolve at that moment.
  }, [trashed, entry?.id]);
  useEffect(() => {
    wasTrashed.current = null;
  }, [state.openDocId]);

  if (!state.index) {
    return (
      <p className="main-loading" role="status">
        <Spinner size={14} /> Opening…
      </p>
    );
  }
  if (!entry) {
    return (
      <EmptyState
        headingLevel={1}
        icon={<FileQuestion size={28} />}
        title="This document is not here"
      >
        <p>It may have been deleted for good, or it belongs to another workspace.</p>
      </EmptyState>
    );
  }
  const banner = entry.trashedAt !== null && (
    <div className="doc-banner" role="status">
      <span>
        This {KIND_WORD[entry.kind]} is in the trash
        {` — moved there by ${access.nameOf(state.activity.get(entry.id)?.updatedBy)}`}. It is
        read-only until it is restored.
      </span>
      {access.may('document.trash', entry.createdBy) && (
        <Button
          size="sm"
          icon={<RotateCcw size={14} />}
          onClick={() => void actions.docs.restore(entry.id)}
        >
          Restore
        </Button>
      )}
    </div>
  );
  if (entry.kind === 'note') {
    return (
      <>
        {banner}
        <NotePane
          key={entry.id}
          entry={entry}
          state={state}
          replica={state.openReplica}
          actions={actions}
        />
      </>
    );
  }
  const mayRename = access.may('document.edit', entry.createdBy) && entry.trashedAt === null;
  return (
    <>
      {banner}
      <div className="chart-page">
        <TitleField entry={entry} actions={actions} isNew={false} readOnly={!mayRename} />
      </div>
      <TelemetryPane
        key={entry.id}
        entry={entry}
        replica={state.openReplica}
        session={state.session}
        workspaceId={state.workspace!.id}
        tagColors={state.index.tagColors}
        onTagColor={(tag, color) => void actions.docs.setTagColor(tag, color)}
      />
    </>
  );
}

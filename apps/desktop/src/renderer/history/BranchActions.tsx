import type { HistoryEntry } from '@fieldbook/shared';
import { GitBranch, GitCompare, GitMerge } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useAccess } from '../shell/access';
import { Button } from '../ui';
import { CompareDialog, ForkDialog, MergeDialog } from './BranchDialogs';
import type { Branch, HistoryApi } from './historyApi';
import type { HistoryPoint } from './VersionDialog';

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** This document's branch record (null: no branch, or not known yet). */
function useBranch(api: HistoryApi, tick: number) {
  const [branch, setBranch] = useState<Branch | null>(null);
  useEffect(() => {
    let stale = false;
    api
      .branch()
      .then((b) => !stale && setBranch(b))
      .catch(() => {});
    return () => {
      stale = true;
    };
  }, [api, tick]);
  return branch;
}

/** The point a history entry ends at, to open or branch from. */
export function pointOf(e: HistoryEntry, who: string): HistoryPoint {
  return { id: String(e.lastSeq), seq: e.lastSeq, at: e.endedAt, who, name: null };
}

/**
 * A collection's branch actions at the top of its History panel — "Branch"
 * (from the newest state; older points branch from their version dialog),
 * and on a branch "Compare with source" and "Merge back" — each as the
 * role allows, with the dialogs they open (`forking` is the point being
 * branched from, also set by the version dialog). `children` (the panel's
 * other actions) share their row.
 */
export function BranchActions({
  api,
  newest,
  collectionName,
  titleOf,
  forking,
  setForking,
  onMerged,
  children,
}: {
  api: HistoryApi;
  newest: HistoryEntry | null;
  collectionName: string;
  titleOf: (docId: string) => string;
  forking: HistoryPoint | null;
  setForking: (p: HistoryPoint | null) => void;
  onMerged: () => void;
  children?: ReactNode;
}) {
  const access = useAccess();
  const branch = useBranch(api, newest?.lastSeq ?? 0);
  const [merging, setMerging] = useState(false);
  const [comparing, setComparing] = useState(false);
  const sourceTitle = branch ? titleOf(branch.sourceId) || 'the source' : '';
  const canCreate = access.may('branch.create');
  const canMerge = branch !== null && access.may('branch.merge');
  return (
    <>
      {(canCreate || branch || children) && (
        <div className="history-panel__actions">
          {canCreate && (
            <Button
              size="sm"
              variant="secondary"
              icon={<GitBranch size={14} />}
              disabled={!newest}
              onClick={() =>
                newest &&
                setForking(pointOf(newest, newest.actorName ?? access.nameOf(newest.actor)))
              }
            >
              Branch
            </Button>
          )}
          {branch && (
            <Button
              size="sm"
              variant="secondary"
              icon={<GitCompare size={14} />}
              onClick={() => setComparing(true)}
            >
              Compare with source
            </Button>
          )}
          {canMerge && (
            <Button
              size="sm"
              variant="secondary"
              icon={<GitMerge size={14} />}
              onClick={() => setMerging(true)}
            >
              Merge back
            </Button>
          )}
          {children}
        </div>
      )}
      {branch && (
        <p className="muted small">
          Branch of “{titleOf(branch.sourceId) || 'another collection'}”
          {branch.merged ? `, last merged ${time.format(branch.merged.at)}` : ''}
        </p>
      )}
      {forking && (
        <ForkDialog
          api={api}
          point={forking}
          isNewest={!newest || forking.seq >= newest.lastSeq}
          collectionName={collectionName}
          onClose={() => setForking(null)}
        />
      )}
      {comparing && branch && (
        <CompareDialog api={api} sourceTitle={sourceTitle} onClose={() => setComparing(false)} />
      )}
      {merging && branch && (
        <MergeDialog
          api={api}
          sourceTitle={sourceTitle}
          onClose={() => setMerging(false)}
          onMerged={onMerged}
        />
      )}
    </>
  );
}

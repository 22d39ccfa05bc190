import { isFieldbookError, type DocDiff } from '@fieldbook/shared';
import { useEffect, useState } from 'react';
import { Button, Dialog, DialogClose, DialogContent, Spinner, toast } from '../ui';
import { AnnotationChanges } from './AnnotationChanges';
import type { HistoryApi } from './historyApi';
import { NamePromptDialog } from './NamePromptDialog';
import type { HistoryPoint } from './VersionDialog';

const failure = (err: unknown, fallback: string) =>
  isFieldbookError(err) ? err.message : fallback;
const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Which state a branch starts from, in words: now, a named version, or an entry's end. */
export function forkedFromText(point: HistoryPoint, isNewest: boolean): string {
  if (isNewest) return 'as they are now';
  if (point.name) return `as they were at “${point.name}” (${when.format(point.at)})`;
  return `as they were on ${when.format(point.at)}, after ${point.who}’s change`;
}

/** Forks the collection at `point` into a new document listed as the title given. */
export function ForkDialog({
  api,
  point,
  isNewest,
  collectionName,
  onClose,
}: {
  api: HistoryApi;
  point: HistoryPoint;
  isNewest: boolean;
  collectionName: string;
  onClose: () => void;
}) {
  return (
    <NamePromptDialog
      title={isNewest ? 'Branch this collection' : 'Branch from this version'}
      description={`A branch is a copy of the annotations ${forkedFromText(point, isNewest)}. Try changes there; merge them back when they are ready.`}
      label="Branch name"
      initial={`${collectionName} (branch)`}
      maxLength={500}
      submitLabel="Create branch"
      emptyText="Give the branch a name"
      failureText="The branch could not be made"
      onClose={onClose}
      onSubmit={async (title) => {
        const b = await api.fork(point.id, title);
        toast({
          title: `Branched as “${b.title}”`,
          description: 'Edit it apart; merge it back from its History.',
          tone: 'success',
        });
      }}
    />
  );
}

/** Loads the branch's diff `which` once per api (null until it comes; the error's text when it fails). */
function useDiff(api: HistoryApi, which: 'mergePreview' | 'branchDiff', fallback: string) {
  const [diff, setDiff] = useState<DocDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stale = false;
    api[which]()
      .then((d) => !stale && setDiff(d))
      .catch((err: unknown) => !stale && setError(failure(err, fallback)));
    return () => {
      stale = true;
    };
  }, [api, which, fallback]);
  return { diff, error, setError };
}

/** Shows what merging this branch back would change in its source, and merges on request. */
export function MergeDialog({
  api,
  sourceTitle,
  onClose,
  onMerged,
}: {
  api: HistoryApi;
  sourceTitle: string;
  onClose: () => void;
  onMerged: () => void;
}) {
  const { diff, error, setError } = useDiff(api, 'mergePreview', 'The preview could not be made');
  const [saving, setSaving] = useState(false);
  const empty = diff !== null && !diff.lists.annotations;
  const merge = async () => {
    setSaving(true);
    try {
      const merged = await api.merge();
      toast({
        title: merged.seq === null ? 'Nothing to merge' : `Merged into “${sourceTitle}”`,
        tone: 'success',
      });
      onMerged();
      onClose();
    } catch (err) {
      setError(failure(err, 'The branch could not be merged'));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title={`Merge back into “${sourceTitle}”`}
        description="The branch's changes are applied to the source as one change everyone sees; it can be undone from the source's history."
        footer={
          <>
            <DialogClose asChild>
              <Button variant="ghost">Cancel</Button>
            </DialogClose>
            <Button
              variant="primary"
              loading={saving}
              disabled={diff === null || empty}
              onClick={() => void merge()}
            >
              Merge back
            </Button>
          </>
        }
      >
        <DiffBody
          diff={diff}
          error={error}
          loading="Working out what the merge changes"
          label="What the merge changes"
          empty="The source already has everything in this branch."
        />
      </DialogContent>
    </Dialog>
  );
}

/** A diff's dialog body: its error, a spinner while it loads, then the changes. */
function DiffBody(props: {
  diff: DocDiff | null;
  error: string | null;
  loading: string;
  label: string;
  empty: string;
}) {
  return (
    <>
      {props.error && (
        <p className="history-panel__error" role="alert">
          {props.error}
        </p>
      )}
      {!props.diff && !props.error && <Spinner label={props.loading} />}
      {props.diff && (
        <AnnotationChanges diff={props.diff} label={props.label} empty={props.empty} />
      )}
    </>
  );
}

/** A branch compared with its source as both are now, annotation by annotation (read-only). */
export function CompareDialog({
  api,
  sourceTitle,
  onClose,
}: {
  api: HistoryApi;
  sourceTitle: string;
  onClose: () => void;
}) {
  const { diff, error } = useDiff(api, 'branchDiff', 'The comparison could not be made');
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title={`Compared with “${sourceTitle}”`}
        description="What this branch has that differs from its source, as both are now: added, changed (old → new) and deleted annotations."
        footer={
          <DialogClose asChild>
            <Button variant="ghost">Close</Button>
          </DialogClose>
        }
      >
        <DiffBody
          diff={diff}
          error={error}
          loading="Comparing with the source"
          label="How the branch differs from its source"
          empty="The branch and its source hold the same annotations."
        />
      </DialogContent>
    </Dialog>
  );
}

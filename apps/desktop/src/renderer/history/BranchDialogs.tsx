import { isFieldbookError, type DocDiff, type FieldChange } from '@fieldbook/shared';
import { useEffect, useState } from 'react';
import {
  Badge,
  Button,
  Dialog,
  DialogClose,
  DialogContent,
  Field,
  Input,
  Spinner,
  toast,
} from '../ui';
import type { HistoryApi } from './historyApi';

const failure = (err: unknown, fallback: string) =>
  isFieldbookError(err) ? err.message : fallback;

/** Forks the collection at `version` into a new document listed as the title given. */
export function ForkDialog({
  api,
  version,
  collectionName,
  onClose,
}: {
  api: HistoryApi;
  version: string;
  collectionName: string;
  onClose: () => void;
}) {
  const [title, setTitle] = useState(`${collectionName} (branch)`);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    if (!title.trim()) return setError('Give the branch a name');
    setSaving(true);
    try {
      const b = await api.fork(version, title.trim());
      toast({
        title: `Branched as “${b.title}”`,
        description: 'Edit it apart; merge it back from its History.',
        tone: 'success',
      });
      onClose();
    } catch (err) {
      setError(failure(err, 'The branch could not be made'));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title="Branch this collection"
        description="A branch is a copy of the annotations as they are now. Try changes there; merge them back when they are ready."
        size="sm"
        footer={
          <>
            <DialogClose asChild>
              <Button variant="ghost">Cancel</Button>
            </DialogClose>
            <Button variant="primary" loading={saving} onClick={() => void save()}>
              Create branch
            </Button>
          </>
        }
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Field label="Branch name" error={error}>
            {(ids) => (
              <Input
                {...ids}
                autoFocus
                maxLength={500}
                value={title}
                onChange={(e) => {
                  setTitle(e.target.value);
                  setError(null);
                }}
              />
            )}
          </Field>
        </form>
      </DialogContent>
    </Dialog>
  );
}

const fieldList = (fields: FieldChange[]) => fields.map((f) => f.field).join(', ');

/** What a merge would change, annotation by annotation. */
function MergePreview({ diff }: { diff: DocDiff }) {
  const list = diff.lists.annotations;
  if (!list)
    return <p className="muted small">The source already has everything in this branch.</p>;
  return (
    <ul className="history-items" aria-label="What the merge changes">
      {list.added.map((a) => (
        <li key={a.id} className="history-items__row">
          <span className="history-items__name">{a.label}</span>
          <Badge tone="success">added</Badge>
        </li>
      ))}
      {list.changed.map((a) => (
        <li key={a.id} className="history-items__row">
          <span className="history-items__name">{a.label}</span>
          <Badge tone="warning">changed</Badge>
          <span className="muted small">{fieldList(a.fields)}</span>
        </li>
      ))}
      {list.removed.map((a) => (
        <li key={a.id} className="history-items__row">
          <span className="history-items__name">{a.label}</span>
          <Badge tone="danger">deleted</Badge>
        </li>
      ))}
    </ul>
  );
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
  const [diff, setDiff] = useState<DocDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    let stale = false;
    api
      .mergePreview()
      .then((d) => !stale && setDiff(d))
      .catch((err: unknown) => !stale && setError(failure(err, 'The preview could not be made')));
    return () => {
      stale = true;
    };
  }, [api]);
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
        {error && (
          <p className="history-panel__error" role="alert">
            {error}
          </p>
        )}
        {!diff && !error && <Spinner label="Working out what the merge changes" />}
        {diff && <MergePreview diff={diff} />}
      </DialogContent>
    </Dialog>
  );
}

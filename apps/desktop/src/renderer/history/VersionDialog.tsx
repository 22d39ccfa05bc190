import { isFieldbookError, type DocDiff, type DocumentEntry } from '@fieldbook/shared';
import { GitBranch, RotateCcw } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button, Dialog, DialogClose, DialogContent, Spinner, toast, useConfirm } from '../ui';
import type { HistoryApi, VersionSnapshot } from './historyApi';
import { VersionPreview } from './VersionPreview';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Restores `version` (the whole document, or with `annotation` only that
 * annotation) and offers to undo it: restore the state just before the restore.
 */
export async function restoreWithUndo(
  api: HistoryApi,
  version: string,
  onDone: () => void,
  annotation?: { id: string; title: string },
) {
  const run = (v: string) =>
    annotation ? api.restoreAnnotation(annotation.id, v) : api.restore(v);
  const restored = await run(version);
  onDone();
  if (restored.seq === null) {
    toast({
      title: 'Nothing to restore',
      description: `The ${annotation ? 'annotation' : 'document'} is already like this.`,
    });
    return;
  }
  const before = String(restored.seq - 1);
  toast({
    title: annotation ? `“${annotation.title}” restored` : 'Version restored',
    description: 'Everyone with the document open sees it now.',
    tone: 'success',
    action: {
      label: 'Undo',
      onClick: () =>
        void run(before).then(
          () => {
            onDone();
            toast({ title: 'Restore undone' });
          },
          () => toast({ title: 'The restore could not be undone', tone: 'danger' }),
        ),
    },
  });
}

/** A point of the history to open: an entry's end or a named version. */
export interface HistoryPoint {
  /** The version id: a seq, or a named version's id. */
  id: string;
  seq: number;
  at: number;
  who: string;
  name: string | null;
}

/**
 * The document as it was at a point of its history (read-only), what
 * changed since highlighted, and "Restore this version" for those allowed to.
 */
export function VersionDialog({
  api,
  point,
  newestSeq,
  kind,
  canRestore,
  onClose,
  onRestored,
  onBranch,
}: {
  api: HistoryApi;
  point: HistoryPoint;
  newestSeq: number;
  kind: DocumentEntry['kind'];
  canRestore: boolean;
  onClose: () => void;
  onRestored: () => void;
  /** Given to those allowed to branch a collection: forks it at this point. */
  onBranch?: () => void;
}) {
  const confirm = useConfirm();
  const [version, setVersion] = useState<VersionSnapshot | null>(null);
  const [diff, setDiff] = useState<DocDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { id, who } = point;
  const isNewest = point.seq >= newestSeq;

  useEffect(() => {
    let stale = false;
    void Promise.all([api.snapshot(id), isNewest ? null : api.diff(id, String(newestSeq))])
      .then(([v, d]) => {
        if (stale) return;
        setVersion(v);
        setDiff(d);
      })
      .catch((err: unknown) => {
        if (!stale)
          setError(isFieldbookError(err) ? err.message : 'This version could not be opened');
      });
    return () => {
      stale = true;
    };
  }, [api, id, isNewest, newestSeq]);

  const restore = async (annotation?: { id: string; title: string }) => {
    const what = annotation
      ? `“${annotation.title}” goes back to how it was on ${when.format(point.at)}; the other annotations stay as they are.`
      : `The ${kind === 'annotations' ? 'collection' : kind} goes back to how it was on ${when.format(point.at)}.`;
    const ok = await confirm({
      title: annotation ? 'Restore this annotation?' : 'Restore this version?',
      description: `${what} Nothing is lost: the restore is a new change in the history, and you can undo it.`,
      confirmLabel: 'Restore',
    });
    if (!ok) return;
    setBusy(true);
    try {
      await restoreWithUndo(api, id, onRestored, annotation);
      onClose();
    } catch (err) {
      setError(isFieldbookError(err) ? err.message : 'The version could not be restored');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        size="lg"
        title={point.name ? `“${point.name}”` : `As of ${when.format(point.at)}`}
        description={
          (point.name ? `Named by ${who}, ${when.format(point.at)}. ` : '') +
          (isNewest
            ? 'This is how the document is now.'
            : point.name
              ? 'Read-only. Highlighted: what changed since.'
              : `Read-only, after ${who}’s change. Highlighted: what changed since.`)
        }
        footer={
          <>
            <DialogClose asChild>
              <Button variant="ghost">Close</Button>
            </DialogClose>
            {onBranch && (
              <Button variant="secondary" icon={<GitBranch size={15} />} onClick={onBranch}>
                Branch from here
              </Button>
            )}
            {canRestore && !isNewest && (
              <Button
                variant="primary"
                icon={<RotateCcw size={15} />}
                loading={busy}
                disabled={!version}
                onClick={() => void restore()}
              >
                Restore this version
              </Button>
            )}
          </>
        }
      >
        {error && (
          <p className="history-panel__error" role="alert">
            {error}
          </p>
        )}
        {!version && !error && <Spinner label="Opening the version" />}
        {version && (
          <VersionPreview
            version={version}
            diff={diff}
            onRestoreAnnotation={
              canRestore && !isNewest && !busy
                ? (annotationId, title) => void restore({ id: annotationId, title })
                : undefined
            }
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

import type { DocDiff, KeyedDiff } from '@fieldbook/shared';
import { RotateCcw } from 'lucide-react';
import { Badge, Button } from '../ui';
import type { VersionSnapshot } from './historyApi';

/** The ids a keyed diff (version → today) marks, by what happened to them since. */
function marks(diff: KeyedDiff | undefined) {
  return {
    deleted: new Set(diff?.removed.map((x) => x.id) ?? []),
    changed: new Set(diff?.changed.map((x) => x.id) ?? []),
    addedSince: diff?.added.length ?? 0,
  };
}

function SinceBadge({ id, m }: { id: string; m: ReturnType<typeof marks> }) {
  if (m.deleted.has(id)) return <Badge tone="danger">deleted since</Badge>;
  if (m.changed.has(id)) return <Badge tone="warning">changed since</Badge>;
  return null;
}

function AddedSince({ n, noun }: { n: number; noun: string }) {
  if (n === 0) return null;
  return (
    <p className="muted small">
      {n} {noun}
      {n === 1 ? '' : 's'} added since (not in this version).
    </p>
  );
}

/**
 * A document as it was at a version, read-only, with what changed since
 * highlighted (`diff` runs from this version to today; null: it is today).
 */
export function VersionPreview({
  version,
  diff,
  onRestoreAnnotation,
}: {
  version: VersionSnapshot;
  diff: DocDiff | null;
  /** Given to those allowed to restore: brings one annotation changed or deleted since back. */
  onRestoreAnnotation?: (id: string, title: string) => void;
}) {
  if (version.kind === 'note') {
    const runs = diff?.text ?? [{ op: 'equal' as const, text: version.snapshot.text }];
    const added = runs.filter((r) => r.op === 'insert').reduce((n, r) => n + r.text.length, 0);
    return (
      <div className="history-preview">
        <h3 className="history-preview__title">{version.snapshot.title || 'Untitled'}</h3>
        <pre className="history-note" data-testid="version-text">
          {runs
            .filter((r) => r.op !== 'insert')
            .map((r, i) =>
              r.op === 'delete' ? (
                <mark key={i} className="history-changed" title="Changed since">
                  {r.text}
                </mark>
              ) : (
                <span key={i}>{r.text}</span>
              ),
            )}
        </pre>
        <AddedSince n={added} noun="character" />
      </div>
    );
  }
  if (version.kind === 'annotations') {
    const m = marks(diff?.lists.annotations);
    const items = version.snapshot.annotations;
    return (
      <div className="history-preview">
        <h3 className="history-preview__title">{version.snapshot.name || 'Annotations'}</h3>
        {items.length === 0 && <p className="muted small">No annotations in this version.</p>}
        <ul className="history-items">
          {items.map((a) => (
            <li key={a.id} className="history-items__row">
              <span className="history-items__name">{a.title || a.kind}</span>
              <Badge tone={a.status === 'approved' ? 'success' : 'neutral'}>{a.status}</Badge>
              {a.comments.length > 0 && (
                <span className="muted small">{a.comments.length} comments</span>
              )}
              <SinceBadge id={a.id} m={m} />
              {onRestoreAnnotation && (m.deleted.has(a.id) || m.changed.has(a.id)) && (
                <Button
                  size="sm"
                  variant="ghost"
                  className="history-items__restore"
                  icon={<RotateCcw size={13} />}
                  aria-label={`Restore “${a.title || a.kind}” as it was`}
                  onClick={() => onRestoreAnnotation(a.id, a.title || a.kind)}
                >
                  Restore
                </Button>
              )}
            </li>
          ))}
        </ul>
        <AddedSince n={m.addedSince} noun="annotation" />
      </div>
    );
  }
  if (version.kind === 'view') {
    const m = marks(diff?.lists.panels);
    return (
      <div className="history-preview">
        <h3 className="history-preview__title">{version.snapshot.title || 'View'}</h3>
        <ul className="history-items">
          {version.snapshot.panels.map((p) => (
            <li key={p.id} className="history-items__row">
              <span className="history-items__name">{p.title || 'Panel'}</span>
              <span className="muted small">{p.channels.join(', ') || 'no channels'}</span>
              <SinceBadge id={p.id} m={m} />
            </li>
          ))}
        </ul>
        <AddedSince n={m.addedSince} noun="panel" />
      </div>
    );
  }
  return (
    <ul className="history-items">
      {version.snapshot.documents.map((d) => (
        <li key={d.id} className="history-items__row">
          {d.title || d.kind}
        </li>
      ))}
    </ul>
  );
}

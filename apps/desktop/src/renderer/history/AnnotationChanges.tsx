import type { DocDiff, FieldChange } from '@fieldbook/shared';
import { Badge } from '../ui';

const MAX_VALUE = 60;

/** A field's value in a few words: text quoted, numbers and flags as they are, the rest unnamed. */
function valueText(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return 'none';
  if (typeof v === 'string') return `“${v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE)}…` : v}”`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(', ') || 'none';
  return null;
}

/** One field's change: "title “a” → “b”", or just the field's name when its values are structures. */
function FieldLine({ change }: { change: FieldChange }) {
  const from = valueText(change.from);
  const to = valueText(change.to);
  return (
    <li className="history-field">
      <span className="history-field__name">{change.field}</span>
      {from !== null && to !== null && (
        <span className="history-field__values">
          <del>{from}</del> → <ins>{to}</ins>
        </span>
      )}
    </li>
  );
}

/**
 * A collection's diff annotation by annotation — added, changed (with each
 * field's old and new value) and deleted — as a merge preview or a branch's
 * comparison with its source shows it; `empty` is said when nothing differs.
 */
export function AnnotationChanges({
  diff,
  label,
  empty,
}: {
  diff: DocDiff;
  /** The list's accessible name. */
  label: string;
  empty: string;
}) {
  const list = diff.lists.annotations;
  if (!list || list.added.length + list.changed.length + list.removed.length === 0) {
    return <p className="muted small">{empty}</p>;
  }
  return (
    <ul className="history-items" aria-label={label}>
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
          <ul className="history-fields" aria-label={`What changed in ${a.label}`}>
            {a.fields.map((f) => (
              <FieldLine key={f.field} change={f} />
            ))}
          </ul>
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

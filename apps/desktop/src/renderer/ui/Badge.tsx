import { X } from 'lucide-react';
import type { ReactNode } from 'react';

/** Colour of a badge: neutral, or a meaning. */
export type Tone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger';

/** A small label: a status, a count, a role. */
export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`ui-badge ui-badge--${tone}`}>{children}</span>;
}

/**
 * A chip: a tag or a filter, optionally with a colour dot, clickable
 * (`onClick`) and removable (`onRemove`, with its own labelled button).
 */
export function Chip({
  children,
  color,
  onClick,
  onRemove,
  removeLabel,
  selected,
  title,
}: {
  children: ReactNode;
  color?: string;
  onClick?: () => void;
  onRemove?: () => void;
  /** The remove button's accessible name, e.g. "Remove tag traverse". */
  removeLabel?: string;
  selected?: boolean;
  title?: string;
}) {
  const dot = color ? (
    <span className="ui-chip__dot" style={{ background: color }} aria-hidden="true" />
  ) : null;
  return (
    <span className={`ui-chip${selected ? ' ui-chip--selected' : ''}`} title={title}>
      {onClick ? (
        <button type="button" className="ui-chip__main" onClick={onClick} aria-pressed={selected}>
          {dot}
          {children}
        </button>
      ) : (
        <span className="ui-chip__main">
          {dot}
          {children}
        </span>
      )}
      {onRemove && (
        <button
          type="button"
          className="ui-chip__remove"
          aria-label={removeLabel ?? 'Remove'}
          onClick={onRemove}
        >
          <X size={12} aria-hidden="true" />
        </button>
      )}
    </span>
  );
}

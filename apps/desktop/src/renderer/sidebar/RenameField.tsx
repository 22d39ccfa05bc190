import { useState } from 'react';
import { Input } from '../ui';

/**
 * An inline text field that renames a tree item: Enter (or leaving it) keeps
 * the new name, Escape keeps the old one.
 */
export function RenameField({
  initial,
  label,
  onDone,
}: {
  initial: string;
  label: string;
  onDone: (name: string | null) => void;
}) {
  const [name, setName] = useState(initial);
  let settled = false;
  const finish = (value: string | null) => {
    if (settled) return;
    settled = true;
    onDone(value && value.trim() && value.trim() !== initial ? value.trim() : null);
  };
  return (
    <Input
      size="sm"
      autoFocus
      aria-label={label}
      value={name}
      maxLength={200}
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setName(e.target.value)}
      onBlur={() => finish(name)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          finish(name);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          finish(null);
        }
      }}
    />
  );
}

import type { ReactNode } from 'react';
import {
  ContextMenuContent,
  ContextMenuItem,
  ContextMenuSeparator,
  ContextMenuSub,
  MenuContent,
  MenuItem,
  MenuSeparator,
  MenuSub,
} from './Menu';

/** One entry of a menu described as data, so a "…" dropdown and a right-click menu share it. */
export type MenuEntry =
  | {
      readonly label: string;
      readonly icon?: ReactNode;
      readonly shortcut?: string;
      readonly danger?: boolean;
      readonly disabled?: boolean;
      readonly onSelect: () => void;
    }
  | { readonly label: string; readonly icon?: ReactNode; readonly children: readonly MenuEntry[] }
  | 'separator';

function dropdown(entries: readonly MenuEntry[]): ReactNode[] {
  return entries.map((e, i) => {
    if (e === 'separator') return <MenuSeparator key={`s${i}`} />;
    if ('children' in e) {
      return (
        <MenuSub key={e.label} label={e.label} icon={e.icon}>
          {dropdown(e.children)}
        </MenuSub>
      );
    }
    return (
      <MenuItem
        key={e.label}
        icon={e.icon}
        shortcut={e.shortcut}
        danger={e.danger}
        disabled={e.disabled}
        onSelect={e.onSelect}
      >
        {e.label}
      </MenuItem>
    );
  });
}

function context(entries: readonly MenuEntry[]): ReactNode[] {
  return entries.map((e, i) => {
    if (e === 'separator') return <ContextMenuSeparator key={`s${i}`} />;
    if ('children' in e) {
      return (
        <ContextMenuSub key={e.label} label={e.label} icon={e.icon}>
          {context(e.children)}
        </ContextMenuSub>
      );
    }
    return (
      <ContextMenuItem
        key={e.label}
        icon={e.icon}
        shortcut={e.shortcut}
        danger={e.danger}
        disabled={e.disabled}
        onSelect={e.onSelect}
      >
        {e.label}
      </ContextMenuItem>
    );
  });
}

/** A dropdown menu's popup built from entries (inside <Menu> after its trigger). */
export function MenuEntriesContent({
  entries,
  align,
  label,
}: {
  entries: readonly MenuEntry[];
  align?: 'start' | 'end';
  label?: string;
}) {
  return (
    <MenuContent align={align} aria-label={label}>
      {dropdown(entries)}
    </MenuContent>
  );
}

/** A context menu's popup built from entries (inside <ContextMenu> after its trigger). */
export function ContextMenuEntriesContent({ entries }: { entries: readonly MenuEntry[] }) {
  return <ContextMenuContent>{context(entries)}</ContextMenuContent>;
}

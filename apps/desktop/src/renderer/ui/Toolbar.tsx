import * as ToggleGroupPrimitive from '@radix-ui/react-toggle-group';
import * as ToolbarPrimitive from '@radix-ui/react-toolbar';
import type { ComponentProps, ReactNode } from 'react';
import { Tooltip } from './Tooltip';

/** A row of controls that is one tab stop; arrow keys move inside it. Needs an aria-label. */
export function Toolbar({ className, ...rest }: ComponentProps<typeof ToolbarPrimitive.Root>) {
  return (
    <ToolbarPrimitive.Root className={`ui-toolbar${className ? ` ${className}` : ''}`} {...rest} />
  );
}

/** A thin divider between groups of a toolbar. */
export function ToolbarSeparator() {
  return <ToolbarPrimitive.Separator className="ui-toolbar__separator" />;
}

/** Wraps a Button (or IconButton) so the toolbar's arrow keys reach it. */
export const ToolbarButton = ToolbarPrimitive.Button;

/** One choice of a SegmentedControl. */
export interface Segment {
  readonly value: string;
  readonly label: ReactNode;
  /** For icon-only segments: the accessible name and tooltip. */
  readonly title?: string;
  readonly shortcut?: string;
  readonly disabled?: boolean;
}

/**
 * One choice out of a few, as joined buttons (a toggle group): time windows,
 * tools, theme. Arrow keys move between segments.
 */
export function SegmentedControl({
  value,
  onValueChange,
  segments,
  size = 'md',
  ...aria
}: {
  value: string;
  onValueChange: (value: string) => void;
  segments: readonly Segment[];
  size?: 'sm' | 'md';
  'aria-label': string;
}) {
  return (
    <ToggleGroupPrimitive.Root
      type="single"
      className={`ui-segmented ui-segmented--${size}`}
      value={value}
      onValueChange={(v) => v && onValueChange(v)}
      {...aria}
    >
      {segments.map((s) => {
        const item = (
          <ToggleGroupPrimitive.Item
            key={s.value}
            value={s.value}
            className="ui-segmented__item"
            aria-label={s.title}
            disabled={s.disabled}
          >
            {s.label}
          </ToggleGroupPrimitive.Item>
        );
        return s.title ? (
          <Tooltip key={s.value} content={s.title} shortcut={s.shortcut}>
            {item}
          </Tooltip>
        ) : (
          item
        );
      })}
    </ToggleGroupPrimitive.Root>
  );
}

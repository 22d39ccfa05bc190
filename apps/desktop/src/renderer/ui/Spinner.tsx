import * as ProgressPrimitive from '@radix-ui/react-progress';

/** An indeterminate spinner for short waits; `label` makes it announce itself. */
export function Spinner({ size = 16, label }: { size?: number; label?: string }) {
  return (
    <span
      className="ui-spinner"
      style={{ width: size, height: size }}
      role={label ? 'status' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    />
  );
}

/** A determinate progress bar (0..1) for long work: exports, imports, uploads. */
export function Progress({ value, label }: { value: number; label: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <ProgressPrimitive.Root className="ui-progress" value={percent} aria-label={label}>
      <ProgressPrimitive.Indicator
        className="ui-progress__bar"
        style={{ transform: `translateX(-${100 - percent}%)` }}
      />
    </ProgressPrimitive.Root>
  );
}

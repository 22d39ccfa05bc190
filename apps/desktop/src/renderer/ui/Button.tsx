import { Slot } from '@radix-ui/react-slot';
import type { ComponentProps, ReactNode } from 'react';
import { Spinner } from './Spinner';
import { Tooltip } from './Tooltip';

/** How loud a button is: one primary per view, secondary for the rest, ghost in toolbars. */
export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
/** Control heights: sm 26 px (dense lists, toolbars), md 32 px (default), lg 38 px (sign-in). */
export type ButtonSize = 'sm' | 'md' | 'lg';

/** Props of Button: a native button plus variant, size, a leading icon and a busy state. */
export interface ButtonProps extends ComponentProps<'button'> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** An icon before the label (a lucide-react element). */
  icon?: ReactNode;
  /** Shows a spinner and disables the button while work runs. */
  loading?: boolean;
  /** Renders the child element (e.g. a link) with the button's look. */
  asChild?: boolean;
}

/** The app's button. Defaults to type="button" so it never submits a form by accident. */
export function Button({
  variant = 'secondary',
  size = 'md',
  icon,
  loading = false,
  asChild = false,
  className,
  children,
  disabled,
  type,
  ...rest
}: ButtonProps) {
  const classes = `ui-button ui-button--${variant} ui-button--${size}${className ? ` ${className}` : ''}`;
  if (asChild) {
    return (
      <Slot className={classes} {...rest}>
        {children}
      </Slot>
    );
  }
  return (
    <button
      type={type ?? 'button'}
      className={classes}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      {...rest}
    >
      {loading ? <Spinner size={14} /> : icon}
      {children}
    </button>
  );
}

/** Props of IconButton: an icon-only button needs a label (read out, and shown as its tooltip). */
export interface IconButtonProps extends Omit<ButtonProps, 'icon' | 'children' | 'asChild'> {
  /** What the button does, in words: its accessible name and its tooltip. */
  label: string;
  icon: ReactNode;
  /** A keyboard shortcut shown in the tooltip, e.g. "Mod+K". */
  shortcut?: string;
  /** Hides the tooltip (when a menu or popover trigger shows its own content). */
  noTooltip?: boolean;
}

/** A square icon-only button with a tooltip. */
export function IconButton({
  label,
  icon,
  shortcut,
  noTooltip,
  variant = 'ghost',
  size = 'md',
  className,
  ...rest
}: IconButtonProps) {
  const button = (
    <Button
      variant={variant}
      size={size}
      aria-label={label}
      className={`ui-icon-button${className ? ` ${className}` : ''}`}
      icon={icon}
      {...rest}
    />
  );
  if (noTooltip) return button;
  return (
    <Tooltip content={label} shortcut={shortcut}>
      {button}
    </Tooltip>
  );
}

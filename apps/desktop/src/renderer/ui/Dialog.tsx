import * as DialogPrimitive from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import type { ReactNode } from 'react';
import { IconButton } from './Button';

/** A modal dialog's root (controlled with open / onOpenChange, or with a DialogTrigger). */
export const Dialog = DialogPrimitive.Root;
/** The element that opens the dialog. */
export const DialogTrigger = DialogPrimitive.Trigger;
/** Closes the dialog (asChild on a Button). */
export const DialogClose = DialogPrimitive.Close;

/**
 * The dialog's window: title (required: it names the dialog for screen
 * readers), optional description, body and a footer of buttons. Escape and a
 * click outside close it; focus is trapped inside while open.
 */
export function DialogContent({
  title,
  description,
  children,
  footer,
  size = 'md',
  onOpenAutoFocus,
}: {
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  size?: 'sm' | 'md' | 'lg';
  onOpenAutoFocus?: (e: Event) => void;
}) {
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="ui-overlay" />
      <DialogPrimitive.Content
        className={`ui-dialog ui-dialog--${size}`}
        onOpenAutoFocus={onOpenAutoFocus}
        {...(description ? {} : { 'aria-describedby': undefined })}
      >
        <header className="ui-dialog__header">
          <DialogPrimitive.Title className="ui-dialog__title">{title}</DialogPrimitive.Title>
          <DialogPrimitive.Close asChild>
            <IconButton label="Close" icon={<X size={16} />} size="sm" noTooltip />
          </DialogPrimitive.Close>
        </header>
        {description && (
          <DialogPrimitive.Description className="ui-dialog__description">
            {description}
          </DialogPrimitive.Description>
        )}
        {children && <div className="ui-dialog__body">{children}</div>}
        {footer && <footer className="ui-dialog__footer">{footer}</footer>}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

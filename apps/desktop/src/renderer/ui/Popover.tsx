import * as PopoverPrimitive from '@radix-ui/react-popover';
import type { ComponentProps } from 'react';

/** A popover's root; pair with PopoverTrigger (asChild) and PopoverContent. */
export const Popover = PopoverPrimitive.Root;
/** The element that opens the popover. */
export const PopoverTrigger = PopoverPrimitive.Trigger;
/** Closes the popover. */
export const PopoverClose = PopoverPrimitive.Close;
/** Positions the popover against another element than its trigger. */
export const PopoverAnchor = PopoverPrimitive.Anchor;

/** A small non-modal panel beside its trigger (forms, pickers, details). */
export function PopoverContent({
  className,
  children,
  ...rest
}: ComponentProps<typeof PopoverPrimitive.Content>) {
  return (
    <PopoverPrimitive.Portal>
      <PopoverPrimitive.Content
        className={`ui-popover${className ? ` ${className}` : ''}`}
        sideOffset={6}
        collisionPadding={8}
        {...rest}
      >
        {children}
      </PopoverPrimitive.Content>
    </PopoverPrimitive.Portal>
  );
}

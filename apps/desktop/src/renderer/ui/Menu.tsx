import * as ContextMenuPrimitive from '@radix-ui/react-context-menu';
import * as DropdownMenuPrimitive from '@radix-ui/react-dropdown-menu';
import { Check, ChevronRight } from 'lucide-react';
import type { ComponentProps, ReactNode } from 'react';
import { shortcutText } from './Kbd';

// Dropdown menus (from a button) and context menus (right-click or the menu
// key) share one look: both are styled by the ui-menu classes.

interface ItemProps {
  icon?: ReactNode;
  shortcut?: string;
  /** Red: for destructive items (they should still confirm). */
  danger?: boolean;
  children: ReactNode;
}

function ItemBody({ icon, shortcut, children }: Omit<ItemProps, 'danger'>) {
  return (
    <>
      <span className="ui-menu__icon" aria-hidden="true">
        {icon}
      </span>
      <span className="ui-menu__text">{children}</span>
      {shortcut && <span className="ui-menu__shortcut">{shortcutText(shortcut)}</span>}
    </>
  );
}

/**
 * A dropdown menu's root; pair with MenuTrigger (asChild on a Button) and
 * MenuContent. Not modal: the page is not hidden from assistive technology
 * while it is open (Escape, a click outside or Tab close it).
 */
export function Menu(props: ComponentProps<typeof DropdownMenuPrimitive.Root>) {
  return <DropdownMenuPrimitive.Root modal={false} {...props} />;
}
/** The element that opens the menu. */
export const MenuTrigger = DropdownMenuPrimitive.Trigger;

/** The menu's popup, in a portal. */
export function MenuContent({
  children,
  align = 'start',
  ...rest
}: ComponentProps<typeof DropdownMenuPrimitive.Content>) {
  return (
    <DropdownMenuPrimitive.Portal>
      <DropdownMenuPrimitive.Content className="ui-menu" align={align} sideOffset={4} {...rest}>
        {children}
      </DropdownMenuPrimitive.Content>
    </DropdownMenuPrimitive.Portal>
  );
}

/** A menu command. */
export function MenuItem({
  icon,
  shortcut,
  danger,
  children,
  ...rest
}: ItemProps & Omit<ComponentProps<typeof DropdownMenuPrimitive.Item>, 'children'>) {
  return (
    <DropdownMenuPrimitive.Item
      className={`ui-menu__item${danger ? ' ui-menu__item--danger' : ''}`}
      {...rest}
    >
      <ItemBody icon={icon} shortcut={shortcut}>
        {children}
      </ItemBody>
    </DropdownMenuPrimitive.Item>
  );
}

/** A menu item that is on or off, with a tick. */
export function MenuCheckboxItem({
  children,
  ...rest
}: ComponentProps<typeof DropdownMenuPrimitive.CheckboxItem>) {
  return (
    <DropdownMenuPrimitive.CheckboxItem className="ui-menu__item" {...rest}>
      <span className="ui-menu__icon" aria-hidden="true">
        <DropdownMenuPrimitive.ItemIndicator>
          <Check size={14} />
        </DropdownMenuPrimitive.ItemIndicator>
      </span>
      <span className="ui-menu__text">{children}</span>
    </DropdownMenuPrimitive.CheckboxItem>
  );
}

/** A non-interactive heading inside a menu. */
export function MenuLabel({ children }: { children: ReactNode }) {
  return (
    <DropdownMenuPrimitive.Label className="ui-menu__label">{children}</DropdownMenuPrimitive.Label>
  );
}

/** A line between groups of items. */
export function MenuSeparator() {
  return <DropdownMenuPrimitive.Separator className="ui-menu__separator" />;
}

/** A submenu: `label` opens `children`. */
export function MenuSub({
  label,
  icon,
  children,
}: {
  label: ReactNode;
  icon?: ReactNode;
  children: ReactNode;
}) {
  return (
    <DropdownMenuPrimitive.Sub>
      <DropdownMenuPrimitive.SubTrigger className="ui-menu__item">
        <ItemBody icon={icon}>{label}</ItemBody>
        <ChevronRight size={14} aria-hidden="true" />
      </DropdownMenuPrimitive.SubTrigger>
      <DropdownMenuPrimitive.Portal>
        <DropdownMenuPrimitive.SubContent className="ui-menu" sideOffset={2}>
          {children}
        </DropdownMenuPrimitive.SubContent>
      </DropdownMenuPrimitive.Portal>
    </DropdownMenuPrimitive.Sub>
  );
}

/** A context menu's root: wrap the target in ContextMenuTrigger (asChild). Not modal, like Menu. */
export function ContextMenu(props: ComponentProps<typeof ContextMenuPrimitive.Root>) {
  return <ContextMenuPrimitive.Root modal={false} {...props} />;
}
/** The area that opens the context menu on right-click (or Shift+F10 / the menu key). */
export const ContextMenuTrigger = ContextMenuPrimitive.Trigger;

/** The context menu's popup. */
export function ContextMenuContent({ children }: { children: ReactNode }) {
  return (
    <ContextMenuPrimitive.Portal>
      <ContextMenuPrimitive.Content className="ui-menu">{children}</ContextMenuPrimitive.Content>
    </ContextMenuPrimitive.Portal>
  );
}

/** A context menu command. */
export function ContextMenuItem({
  icon,
  shortcut,
  danger,
  children,
  ...rest
}: ItemProps & Omit<ComponentProps<typeof ContextMenuPrimitive.Item>, 'children'>) {
  return (
    <ContextMenuPrimitive.Item
      className={`ui-menu__item${danger ? ' ui-menu__item--danger' : ''}`}
      {...rest}
    >
      <ItemBody icon={icon} shortcut={shortcut}>
        {children}
      </ItemBody>
    </ContextMenuPrimitive.Item>
  );
}

/** A line between groups of context menu items. */
export function ContextMenuSeparator() {
  return <ContextMenuPrimitive.Separator className="ui-menu__separator" />;
}

/** A context submenu. */
export function ContextMenuSub({
  label,
  icon,
  children,
}: {
  label: ReactNode;
  icon?: ReactNode;
  children: ReactNode;
}) {
  return (
    <ContextMenuPrimitive.Sub>
      <ContextMenuPrimitive.SubTrigger className="ui-menu__item">
        <ItemBody icon={icon}>{label}</ItemBody>
        <ChevronRight size={14} aria-hidden="true" />
      </ContextMenuPrimitive.SubTrigger>
      <ContextMenuPrimitive.Portal>
        <ContextMenuPrimitive.SubContent className="ui-menu" sideOffset={2}>
          {children}
        </ContextMenuPrimitive.SubContent>
      </ContextMenuPrimitive.Portal>
    </ContextMenuPrimitive.Sub>
  );
}

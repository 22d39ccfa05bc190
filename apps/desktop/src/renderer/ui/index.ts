// Fieldbook's design system: every screen builds from these. See README.md.
import './tokens.css';
import './base.css';
import './controls.css';
import './overlays.css';
import './display.css';

export { Avatar, initialsOf } from './Avatar';
export { Badge, Chip, type Tone } from './Badge';
export {
  Button,
  IconButton,
  type ButtonProps,
  type ButtonSize,
  type ButtonVariant,
  type IconButtonProps,
} from './Button';
export { Checkbox, Switch } from './Checkbox';
export { ConfirmProvider, useConfirm, type ConfirmOptions } from './ConfirmDialog';
export { Dialog, DialogClose, DialogContent, DialogTrigger } from './Dialog';
export { EmptyState } from './EmptyState';
export { Field, Input, TextArea, TextField, type InputProps } from './Field';
export { Kbd, shortcutText } from './Kbd';
export {
  ContextMenu,
  ContextMenuContent,
  ContextMenuItem,
  ContextMenuSeparator,
  ContextMenuSub,
  ContextMenuTrigger,
  Menu,
  MenuCheckboxItem,
  MenuContent,
  MenuItem,
  MenuLabel,
  MenuSeparator,
  MenuSub,
  MenuTrigger,
} from './Menu';
export { ContextMenuEntriesContent, MenuEntriesContent, type MenuEntry } from './MenuEntries';
export { Popover, PopoverAnchor, PopoverClose, PopoverContent, PopoverTrigger } from './Popover';
export { Select, type SelectOption } from './Select';
export { Progress, Spinner } from './Spinner';
export { Table, TableFrame } from './Table';
export { Tabs, TabsContent, TabsList, TabsTrigger } from './Tabs';
export {
  readThemeTokens,
  setThemePreference,
  useTheme,
  useThemeTokens,
  type ResolvedTheme,
  type ThemePreference,
  type ThemeTokens,
} from './theme';
export { Toaster, dismissToast, toast, type ToastOptions } from './Toast';
export {
  SegmentedControl,
  Toolbar,
  ToolbarButton,
  ToolbarSeparator,
  type Segment,
} from './Toolbar';
export { Tooltip, TooltipProvider } from './Tooltip';
export { VisuallyHidden } from '@radix-ui/react-visually-hidden';

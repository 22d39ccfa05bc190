// The shell's extension points. A new screen or panel is one entry here plus
// its own folder; the shell lays it out, routes to it, loads it on first use
// (React.lazy) and hides it from users the permission matrix keeps out.
import type { DocumentEntry } from '@fieldbook/shared';
import {
  Cpu,
  History,
  KeyRound,
  Link2,
  Paperclip,
  ScrollText,
  Settings2,
  Siren,
  Trash2,
  Users,
  Webhook,
  type LucideIcon,
} from 'lucide-react';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import { FilesMenu } from '../files/FilesMenu';
import { NotificationBell } from '../notifications/NotificationBell';
import type { Access } from './access';

/** What a workspace screen is given. */
export interface ScreenProps {
  readonly state: AppState;
  readonly actions: ShellActions;
}

/** A workspace-level screen: the main area at #/<workspace>/<id>. */
export interface WorkspaceScreen {
  /** The route segment, e.g. "members" (letters, digits, - and _). */
  readonly id: string;
  readonly title: string;
  readonly icon: LucideIcon;
  /** Where its sidebar entry goes: the "Workspace" section, or the sidebar's foot (trash). */
  readonly placement: 'workspace' | 'footer';
  readonly component: LazyExoticComponent<ComponentType<ScreenProps>>;
  /** Whether the user sees it (default: everyone in the workspace). */
  readonly visible?: (access: Access, state: AppState) => boolean;
  /** A count shown beside its sidebar entry (e.g. documents in the trash). */
  readonly count?: (state: AppState) => number;
}

/** The workspace screens, in sidebar order. */
export const WORKSPACE_SCREENS: readonly WorkspaceScreen[] = [
  {
    id: 'instruments',
    title: 'Instruments',
    icon: Cpu,
    placement: 'workspace',
    component: lazy(() => import('../instruments/InstrumentsScreen')),
    visible: (access, state) => state.session?.kind === 'server' && access.may('instrument.read'),
  },
  {
    id: 'members',
    title: 'Members',
    icon: Users,
    placement: 'workspace',
    component: lazy(() => import('../team/MembersScreen')),
    visible: (access, state) => state.session?.kind === 'server' && access.may('members.read'),
  },
  {
    id: 'api-keys',
    title: 'API keys',
    icon: KeyRound,
    placement: 'workspace',
    component: lazy(() => import('../team/ApiKeysScreen')),
    visible: (access, state) => state.session?.kind === 'server' && access.may('apiKeys.manage'),
  },
  {
    id: 'audit',
    title: 'Audit trail',
    icon: ScrollText,
    placement: 'workspace',
    component: lazy(() => import('../team/AuditScreen')),
    visible: (access, state) => state.session?.kind === 'server' && access.may('audit.read'),
  },
  {
    id: 'settings',
    title: 'Settings',
    icon: Settings2,
    placement: 'workspace',
    component: lazy(() => import('../team/WorkspaceSettingsScreen')),
    visible: (access, state) => state.session?.kind === 'server' && access.may('workspace.read'),
  },
  {
    id: 'webhooks',
    title: 'Webhooks',
    icon: Webhook,
    placement: 'workspace',
    component: lazy(() => import('../webhooks/WebhooksScreen')),
    visible: (access, state) => state.session?.kind === 'server' && access.may('webhooks.manage'),
  },
  {
    id: 'alerts',
    title: 'Alert rules',
    icon: Siren,
    placement: 'workspace',
    component: lazy(() => import('../alerts/AlertRulesScreen')),
    visible: (access, state) => state.session?.kind === 'server' && access.may('alerts.manage'),
  },
  {
    id: 'trash',
    title: 'Trash',
    icon: Trash2,
    placement: 'footer',
    component: lazy(() => import('../screens/TrashScreen')),
    count: (state) => state.index?.documents.filter((d) => d.trashedAt !== null).length ?? 0,
  },
];

/** What a document side panel is given. */
export interface PanelProps {
  readonly entry: DocumentEntry;
  readonly state: AppState;
  readonly actions: ShellActions;
}

/** A panel beside an open document (backlinks; history later), toggled from the top bar. */
export interface DocumentPanel {
  readonly id: string;
  readonly title: string;
  readonly icon: LucideIcon;
  /** The document kinds it applies to. */
  readonly kinds: readonly DocumentEntry['kind'][];
  readonly component: LazyExoticComponent<ComponentType<PanelProps>>;
  readonly visible?: (access: Access) => boolean;
}

/** The document panels, in top-bar order. */
export const DOCUMENT_PANELS: readonly DocumentPanel[] = [
  {
    id: 'attachments',
    title: 'Attachments',
    icon: Paperclip,
    kinds: ['note'],
    component: lazy(() => import('../files/AttachmentsPanel')),
  },
  {
    id: 'backlinks',
    title: 'Linked from',
    icon: Link2,
    kinds: ['note'],
    component: lazy(() => import('../notes/BacklinksPanel')),
  },
  {
    id: 'history',
    title: 'History',
    icon: History,
    kinds: ['note', 'annotations', 'view'],
    component: lazy(() => import('../history/HistoryPanel')),
    visible: (access) => access.may('version.read'),
  },
];

/** What a top-bar item is given. */
export interface TopBarItemProps {
  readonly state: AppState;
  readonly actions: ShellActions;
}

/**
 * Items at the right of the top bar, before the account menu: the
 * notifications bell goes here. Each is a small component (an IconButton
 * with a popover, usually).
 */
export const TOP_BAR_ITEMS: readonly ComponentType<TopBarItemProps>[] = [
  FilesMenu,
  NotificationBell,
];

/** An entry of the account menu (above Preferences and Sign out). */
export interface AccountMenuItem {
  readonly id: string;
  readonly label: string;
  readonly icon: LucideIcon;
  /** What choosing it does, e.g. navigate to an account screen. */
  readonly onSelect: (actions: ShellActions, state: AppState) => void;
  readonly visible?: (state: AppState) => boolean;
}

/** The account menu's entries (change password, account settings…). */
export const ACCOUNT_MENU_ITEMS: readonly AccountMenuItem[] = [];

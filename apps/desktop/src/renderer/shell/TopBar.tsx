import type { DocumentEntry } from '@fieldbook/shared';
import { ChevronRight, MoreHorizontal } from 'lucide-react';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import { folderPath } from '../sidebar/treeModel';
import { documentMenu } from '../sidebar/treeMenus';
import { IconButton, Menu, MenuEntriesContent, MenuTrigger, useConfirm } from '../ui';
import { AccountMenu } from './AccountMenu';
import { useAccess } from './access';
import { Presence } from './Presence';
import { DOCUMENT_PANELS, TOP_BAR_ITEMS, WORKSPACE_SCREENS } from './registry';

function Breadcrumb({ state, entry }: { state: AppState; entry: DocumentEntry | null }) {
  const { route, index } = state;
  const crumbs: string[] = [];
  let current = '';
  if (route.kind === 'doc') {
    crumbs.push(...folderPath(index?.folders ?? [], entry?.folderId ?? null).map((f) => f.name));
    current = entry?.title || (index ? 'Untitled' : '');
  } else if (route.kind === 'screen') {
    current = WORKSPACE_SCREENS.find((s) => s.id === route.screen)?.title ?? '';
  } else {
    current = 'Home';
  }
  return (
    <nav className="topbar__crumbs" aria-label="Breadcrumb">
      <ol>
        <li className="topbar__crumb">{index?.name ?? state.workspace?.name ?? ''}</li>
        {crumbs.map((c, i) => (
          <li key={`${i}:${c}`} className="topbar__crumb">
            <ChevronRight size={13} aria-hidden="true" />
            {c}
          </li>
        ))}
        {current && (
          <li className="topbar__crumb topbar__crumb--current" aria-current="page">
            <ChevronRight size={13} aria-hidden="true" />
            {current}
          </li>
        )}
      </ol>
    </nav>
  );
}

/**
 * The bar above the main area: where you are, who else is here, the open
 * document's panel toggles, the registry's items (notifications) and the
 * account menu.
 */
export function TopBar({ state, actions }: { state: AppState; actions: ShellActions }) {
  const access = useAccess();
  const confirm = useConfirm();
  const entry =
    state.route.kind === 'doc'
      ? (state.index?.documents.find((d) => d.id === state.openDocId) ?? null)
      : null;
  const panels = entry
    ? DOCUMENT_PANELS.filter(
        (p) => p.kinds.includes(entry.kind) && (!p.visible || p.visible(access)),
      )
    : [];
  return (
    <header className="topbar">
      <Breadcrumb state={state} entry={entry} />
      <div className="topbar__end">
        <Presence peers={state.peers} openDocId={state.openDocId} />
        {panels.map((p) => {
          const Icon = p.icon;
          const open = state.panel === p.id;
          return (
            <IconButton
              key={p.id}
              label={open ? `Hide ${p.title.toLowerCase()}` : `Show ${p.title.toLowerCase()}`}
              aria-pressed={open}
              icon={<Icon size={17} />}
              onClick={() => actions.setPanel(open ? null : p.id)}
            />
          );
        })}
        {entry && entry.trashedAt === null && (
          <Menu>
            <MenuTrigger asChild>
              <IconButton label="Document actions" icon={<MoreHorizontal size={17} />} noTooltip />
            </MenuTrigger>
            <MenuEntriesContent
              align="end"
              entries={documentMenu(entry, {
                actions,
                access,
                folders: state.index?.folders ?? [],
                confirm,
                startRename: () => document.querySelector<HTMLInputElement>('.doc-title')?.select(),
                newFolderIn: () => {},
              }).filter((e) => e === 'separator' || e.label !== 'Open')}
            />
          </Menu>
        )}
        {TOP_BAR_ITEMS.map((Item, i) => (
          <Item key={i} state={state} actions={actions} />
        ))}
        <span className="topbar__divider" aria-hidden="true" />
        <AccountMenu state={state} actions={actions} />
      </div>
    </header>
  );
}

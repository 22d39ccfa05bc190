import { ChevronDown, LineChart, Plus } from 'lucide-react';
import { useState } from 'react';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import { useAccess } from '../shell/access';
import { WORKSPACE_SCREENS, type WorkspaceScreen } from '../shell/registry';
import { formatLocation } from '../shell/route';
import { Button, IconButton, Menu, MenuContent, MenuItem, MenuTrigger } from '../ui';
import { DocumentTree } from './DocumentTree';
import { SearchSlot } from './SearchSlot';
import { TagList } from './TagList';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

function ScreenLink({
  screen,
  state,
  actions,
}: {
  screen: WorkspaceScreen;
  state: AppState;
  actions: ShellActions;
}) {
  const current = state.route.kind === 'screen' && state.route.screen === screen.id;
  const Icon = screen.icon;
  const count = screen.count?.(state);
  return (
    <a
      className={`sidebar-link${current ? ' sidebar-link--current' : ''}`}
      href={formatLocation({
        workspaceId: state.workspace?.id ?? null,
        route: { kind: 'screen', screen: screen.id },
      })}
      aria-current={current ? 'page' : undefined}
      onClick={(e) => {
        e.preventDefault();
        actions.navigate({ kind: 'screen', screen: screen.id });
      }}
    >
      <Icon size={15} aria-hidden="true" />
      <span className="sidebar-link__label">{screen.title}</span>
      {count ? <span className="sidebar-link__count">{count}</span> : null}
    </a>
  );
}

/**
 * The left column: workspace switcher, the search slot, "New", the document
 * tree, tags, the workspace screens of the registry, and the trash.
 */
export function Sidebar({ state, actions }: { state: AppState; actions: ShellActions }) {
  const access = useAccess();
  const [text, setText] = useState('');
  const ready = state.index !== null;
  const screens = WORKSPACE_SCREENS.filter((s) => !s.visible || s.visible(access, state));
  const workspaceScreens = screens.filter((s) => s.placement === 'workspace');
  const mayCreate = access.may('document.create');
  return (
    <nav className="sidebar" aria-label="Workspace">
      <div className="sidebar__head">
        <WorkspaceSwitcher state={state} actions={actions} />
      </div>
      {state.workspace && (
        <>
          <SearchSlot text={text} onText={setText} />
          {mayCreate && (
            <div className="sidebar__new">
              <Button
                variant="primary"
                size="sm"
                icon={<Plus size={15} />}
                disabled={!ready}
                title="New note (Ctrl+N, Alt+N in a browser)"
                onClick={() => void actions.docs.createNote()}
              >
                New note
              </Button>
              <Menu>
                <MenuTrigger asChild>
                  <IconButton
                    variant="secondary"
                    size="sm"
                    label="More to create"
                    icon={<ChevronDown size={15} />}
                    disabled={!ready}
                    noTooltip
                  />
                </MenuTrigger>
                <MenuContent align="end">
                  <MenuItem
                    icon={<LineChart size={16} />}
                    onSelect={() => void actions.docs.createChart()}
                  >
                    New chart
                  </MenuItem>
                </MenuContent>
              </Menu>
            </div>
          )}
          <div className="sidebar__scroll">
            <DocumentTree state={state} actions={actions} text={text} />
            <TagList state={state} actions={actions} />
            {workspaceScreens.length > 0 && (
              <section className="sidebar-section" aria-labelledby="manage-heading">
                <div className="sidebar-section__head">
                  <h2 id="manage-heading" className="sidebar-section__title">
                    Workspace
                  </h2>
                </div>
                {workspaceScreens.map((s) => (
                  <ScreenLink key={s.id} screen={s} state={state} actions={actions} />
                ))}
              </section>
            )}
          </div>
          <div className="sidebar__foot">
            {screens
              .filter((s) => s.placement === 'footer')
              .map((s) => (
                <ScreenLink key={s.id} screen={s} state={state} actions={actions} />
              ))}
          </div>
        </>
      )}
      {!state.workspace && <div className="sidebar__scroll" />}
    </nav>
  );
}

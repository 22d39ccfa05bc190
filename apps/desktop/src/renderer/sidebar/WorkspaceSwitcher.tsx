import { Check, ChevronsUpDown, Download, Plus, Upload } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import {
  Button,
  Dialog,
  DialogContent,
  Field,
  Input,
  Menu,
  MenuContent,
  MenuItem,
  MenuLabel,
  MenuSeparator,
  MenuTrigger,
} from '../ui';

/** A form that names and creates a workspace (used by the dialog and the no-workspace screen). */
export function CreateWorkspaceForm({
  actions,
  onDone,
}: {
  actions: ShellActions;
  onDone?: () => void;
}) {
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    void actions.createWorkspace(name);
    setName('');
    onDone?.();
  };
  return (
    <form className="create-workspace" onSubmit={submit}>
      <Field label="Workspace name" hint="For example: Rover ops, or Clean room B.">
        {(ids) => (
          <Input
            {...ids}
            autoFocus
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      <Button type="submit" variant="primary" disabled={!name.trim()}>
        Create workspace
      </Button>
    </form>
  );
}

/**
 * The open workspace's name as a menu: the other workspaces, a new one, and on
 * the desktop the workspace file import and export.
 */
export function WorkspaceSwitcher({ state, actions }: { state: AppState; actions: ShellActions }) {
  const [creating, setCreating] = useState(false);
  const { workspace, workspaces, index } = state;
  const desktop = state.runtime === 'desktop';
  const name = index?.name || workspace?.name || 'No workspace';
  return (
    <>
      <Menu>
        <MenuTrigger asChild>
          <button type="button" className="workspace-switcher" data-testid="workspace-name">
            <span className="workspace-switcher__mark" aria-hidden="true">
              {name.slice(0, 1).toUpperCase()}
            </span>
            <span className="workspace-switcher__name">{name}</span>
            <ChevronsUpDown size={14} aria-hidden="true" />
          </button>
        </MenuTrigger>
        <MenuContent aria-label="Workspaces">
          {workspaces.length > 0 && <MenuLabel>Workspaces</MenuLabel>}
          {workspaces.map((w) => (
            <MenuItem
              key={w.id}
              icon={w.id === workspace?.id ? <Check size={16} /> : null}
              onSelect={() => w.id !== workspace?.id && actions.openWorkspace(w.id)}
            >
              {w.name}
            </MenuItem>
          ))}
          <MenuItem icon={<Plus size={16} />} onSelect={() => setCreating(true)}>
            New workspace…
          </MenuItem>
          {desktop && (
            <>
              <MenuSeparator />
              <MenuItem icon={<Upload size={16} />} onSelect={() => void actions.importWorkspace()}>
                Import workspace file…
              </MenuItem>
              <MenuItem
                icon={<Download size={16} />}
                disabled={!index}
                onSelect={() => void actions.exportWorkspace()}
              >
                Export workspace file…
              </MenuItem>
            </>
          )}
        </MenuContent>
      </Menu>
      <Dialog open={creating} onOpenChange={setCreating}>
        <DialogContent
          title="New workspace"
          description="A workspace holds notes, charts and folders you share with its members."
        >
          <CreateWorkspaceForm actions={actions} onDone={() => setCreating(false)} />
        </DialogContent>
      </Dialog>
    </>
  );
}

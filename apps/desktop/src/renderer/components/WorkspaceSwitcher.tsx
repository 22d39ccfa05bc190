import { useState, type FormEvent } from 'react';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';

const NEW = '__new__';

/** The open workspace's name, a menu of the others, and "New workspace…". */
export function WorkspaceSwitcher({ state, actions }: { state: AppState; actions: ShellActions }) {
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const { workspace, workspaces } = state;
  if (creating || workspaces.length === 0) {
    const submit = (e: FormEvent) => {
      e.preventDefault();
      if (!name.trim()) return;
      void actions.createWorkspace(name);
      setName('');
      setCreating(false);
    };
    return (
      <form className="create-workspace" onSubmit={submit}>
        <input
          aria-label="Workspace name"
          placeholder="New workspace name"
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && setCreating(false)}
        />
        <button type="submit" className="button primary" disabled={!name.trim()}>
          Create workspace
        </button>
      </form>
    );
  }
  return (
    <select
      className="workspace-switch"
      aria-label="Workspace"
      data-testid="workspace-name"
      value={workspace?.id ?? ''}
      onChange={(e) => {
        if (e.target.value === NEW) setCreating(true);
        else actions.openWorkspace(e.target.value);
      }}
    >
      {!workspace && <option value="">Choose a workspace</option>}
      {workspaces.map((w) => (
        <option key={w.id} value={w.id}>
          {w.name}
        </option>
      ))}
      <option value={NEW}>New workspace…</option>
    </select>
  );
}

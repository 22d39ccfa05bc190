import { useState, type FormEvent } from 'react';
import type { ShellActions } from '../actions';
import { EmptyIcon } from './EmptyState';

/** What the main area shows before any workspace is open. */
export function WelcomeState({ desktop, actions }: { desktop: boolean; actions: ShellActions }) {
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) void actions.createWorkspace(name.trim());
  };
  return (
    <div className="empty-state" role="status">
      <EmptyIcon />
      <h1>No documents yet</h1>
      <p>Create a note or import a workspace file.</p>
      {desktop ? (
        <>
          <p className="muted">Notes, annotations and telemetry views live in a workspace.</p>
          <form className="create-workspace" onSubmit={submit}>
            <input
              aria-label="Workspace name"
              placeholder="Workspace name"
              value={name}
              maxLength={200}
              onChange={(e) => setName(e.target.value)}
            />
            <button type="submit" className="button primary" disabled={!name.trim()}>
              Create workspace
            </button>
          </form>
          <button type="button" className="button" onClick={() => void actions.importWorkspace()}>
            Import workspace file…
          </button>
        </>
      ) : (
        <p className="muted">
          In the browser, workspaces come from the sync server once you sign in.
        </p>
      )}
    </div>
  );
}

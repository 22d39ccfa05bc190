import { Archive, ArchiveRestore } from 'lucide-react';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useAccess } from '../shell/access';
import type { ScreenProps } from '../shell/registry';
import { Badge, Button, Field, Input, Spinner, toast, useConfirm } from '../ui';
import { ApprovalSigningSetting } from './ApprovalSigningSetting';
import { HistoryRetentionSetting } from './HistoryRetentionSetting';
import { LeaveWorkspace } from './LeaveWorkspace';
import { teamApi } from './teamApi';
import { whenText } from './teamText';
import { problemText, useRemote } from './useRemote';
import './team.css';

/**
 * A workspace's settings: admins rename it (on the server and in the app
 * alike), archive it (read-only for everyone, on the server too) or
 * unarchive it, decide whether approvals ask for the password and how long
 * history keeps every change; every member can leave it.
 */
export default function WorkspaceSettingsScreen({ state, actions }: ScreenProps) {
  const access = useAccess();
  const confirm = useConfirm();
  const workspace = state.workspace!;
  const api = useMemo(() => teamApi(actions), [actions]);
  const record = useRemote(`workspace:${workspace.id}`, () => api.workspace(workspace.id));
  const [name, setName] = useState(workspace.name);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const archived = record.data ? record.data.archivedAt !== null : false;
  useEffect(() => {
    if (record.data) setName(record.data.name);
  }, [record.data]);

  const rename = async (e: FormEvent) => {
    e.preventDefault();
    const clean = name.trim();
    if (!clean) {
      setProblem('A workspace needs a name.');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const saved = await api.updateWorkspace(workspace.id, { name: clean });
      actions.applyWorkspaceName(workspace.id, saved.name);
      toast({ title: `Renamed to “${saved.name}”`, tone: 'success' });
      record.reload();
    } catch (err) {
      setProblem(problemText(err));
    } finally {
      setBusy(false);
    }
  };
  const setArchived = async (next: boolean) => {
    const ok = await confirm(
      next
        ? {
            title: `Archive ${workspace.name}?`,
            description: `Everyone keeps reading its notes, charts and annotations, but nobody — admins included — can change anything, invite anyone or create keys until an admin unarchives it. Nothing is deleted.`,
            confirmLabel: 'Archive workspace',
            destructive: true,
          }
        : {
            title: `Unarchive ${workspace.name}?`,
            description: 'Members can change it again, each as their role allows.',
            confirmLabel: 'Unarchive',
          },
    );
    if (!ok) return;
    try {
      await api.updateWorkspace(workspace.id, { archived: next });
      toast({ title: next ? 'Workspace archived' : 'Workspace unarchived', tone: 'success' });
    } catch (err) {
      toast({ title: 'Not changed', description: problemText(err), tone: 'danger' });
    }
    record.reload();
  };

  return (
    <div className="screen">
      <header className="screen__header">
        <div>
          <h1 className="screen__title">Settings</h1>
          <p className="muted">
            {access.may('workspace.update') ? 'Name, state and membership' : 'State and membership'}{' '}
            of {workspace.name}.
          </p>
        </div>
        {archived && <Badge tone="warning">Archived</Badge>}
      </header>
      {record.error && (
        <p className="form-problem" role="alert">
          {record.error}
        </p>
      )}
      {record.loading && !record.data ? (
        <p role="status" className="muted">
          <Spinner size={14} /> Loading settings…
        </p>
      ) : (
        <>
          {access.may('workspace.update') && (
            <form
              className="team-card"
              onSubmit={(e) => void rename(e)}
              aria-labelledby="rename-title"
            >
              <h2 id="rename-title" className="team-section__title">
                Name
              </h2>
              <Field
                label="Workspace name"
                hint={
                  archived
                    ? 'An archived workspace keeps its name.'
                    : 'Everyone sees the new name at once.'
                }
              >
                {(ids) => (
                  <Input
                    {...ids}
                    value={name}
                    disabled={archived || !access.may('workspace.update')}
                    onChange={(e) => setName(e.target.value)}
                  />
                )}
              </Field>
              {problem && (
                <p className="form-problem" role="alert">
                  {problem}
                </p>
              )}
              <div>
                <Button
                  type="submit"
                  variant="primary"
                  loading={busy}
                  disabled={
                    archived || !access.may('workspace.update') || name.trim() === record.data?.name
                  }
                >
                  Rename
                </Button>
              </div>
            </form>
          )}
          <section className="team-card" aria-labelledby="archive-title">
            <h2 id="archive-title" className="team-section__title">
              {archived ? 'Archived' : 'Archive'}
            </h2>
            <p className="muted">
              {archived
                ? `Archived ${whenText(record.data!.archivedAt!)}. It is read-only for everyone, on the server too.`
                : 'Archiving keeps everything readable and stops all changes. You can undo it.'}
            </p>
            {access.may('workspace.archive') && (
              <div>
                {archived ? (
                  <Button
                    icon={<ArchiveRestore size={15} />}
                    onClick={() => void setArchived(false)}
                  >
                    Unarchive
                  </Button>
                ) : (
                  <Button
                    variant="danger"
                    icon={<Archive size={15} />}
                    onClick={() => void setArchived(true)}
                  >
                    Archive workspace
                  </Button>
                )}
              </div>
            )}
          </section>
          {access.may('workspace.update') && record.data && (
            <ApprovalSigningSetting
              workspace={record.data}
              api={api}
              disabled={archived}
              onSaved={record.reload}
            />
          )}
          {access.may('workspace.update') && (
            <HistoryRetentionSetting workspaceId={workspace.id} api={api} disabled={archived} />
          )}
          <LeaveWorkspace workspace={workspace} api={api} actions={actions} />
        </>
      )}
    </div>
  );
}

import { LogOut } from 'lucide-react';
import { useState } from 'react';
import type { ShellActions } from '../actions';
import { Button, toast, useConfirm } from '../ui';
import type { TeamApi } from './teamApi';
import { problemText } from './useRemote';

/**
 * "Leave workspace", after a confirmation that says what goes. The server
 * refuses the last admin, and its sentence is shown as it is.
 */
export function LeaveWorkspace({
  workspace,
  api,
  actions,
}: {
  workspace: { id: string; name: string };
  api: TeamApi;
  actions: ShellActions;
}) {
  const confirm = useConfirm();
  const [problem, setProblem] = useState<string | null>(null);
  const leave = async () => {
    const ok = await confirm({
      title: `Leave ${workspace.name}?`,
      description: `You lose access to every note, chart and annotation in ${workspace.name} at once. What you wrote stays, credited to you. To come back, an admin must invite you again.`,
      confirmLabel: 'Leave workspace',
      destructive: true,
    });
    if (!ok) return;
    setProblem(null);
    try {
      await api.leaveWorkspace(workspace.id);
      toast({ title: `You left ${workspace.name}`, tone: 'success' });
      actions.leftWorkspace(workspace.id);
    } catch (err) {
      setProblem(problemText(err));
    }
  };
  return (
    <section className="team-card" aria-labelledby="leave-title">
      <h2 id="leave-title" className="team-section__title">
        Leave
      </h2>
      <p className="muted">Stop being a member of {workspace.name}.</p>
      {problem && (
        <p className="form-problem" role="alert">
          {problem}
        </p>
      )}
      <div>
        <Button variant="danger" icon={<LogOut size={15} />} onClick={() => void leave()}>
          Leave workspace
        </Button>
      </div>
    </section>
  );
}

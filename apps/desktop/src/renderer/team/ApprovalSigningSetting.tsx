import { useState } from 'react';
import { Switch, toast } from '../ui';
import type { TeamApi, WorkspaceRecord } from './teamApi';
import { problemText } from './useRemote';

/**
 * The workspace setting that makes approvers re-enter their password (a
 * signing token per approval, after 21 CFR Part 11 §11.200); admins switch
 * it, and it applies at once, on sockets already open too.
 */
export function ApprovalSigningSetting(props: {
  workspace: WorkspaceRecord;
  api: TeamApi;
  disabled: boolean;
  onSaved(): void;
}) {
  const [busy, setBusy] = useState(false);
  const change = async (next: boolean) => {
    setBusy(true);
    try {
      await props.api.updateWorkspace(props.workspace.id, { approvalsNeedPassword: next });
      toast({
        title: next
          ? 'Approvals now ask for the password'
          : 'Approvals no longer ask for the password',
        tone: 'success',
      });
      props.onSaved();
    } catch (err) {
      toast({ title: 'Not changed', description: problemText(err), tone: 'danger' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="team-card" aria-labelledby="signing-title">
      <h2 id="signing-title" className="team-section__title">
        Approvals
      </h2>
      <p className="muted">
        When on, approving an annotation asks for the approver&apos;s password again; the approval
        records who signed, when and what it means.
      </p>
      <Switch
        label="Ask for the password to approve"
        checked={props.workspace.approvalsNeedPassword}
        disabled={props.disabled || busy}
        onCheckedChange={(next) => void change(next)}
      />
    </section>
  );
}

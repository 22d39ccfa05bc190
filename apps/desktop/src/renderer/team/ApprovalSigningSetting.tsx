import { useState } from 'react';
import { Switch, toast } from '../ui';
import type { TeamApi, WorkspaceRecord } from './teamApi';
import { problemText } from './useRemote';

type Setting = 'approvalsNeedPassword' | 'annotationsNeedReview';

const SAVED: Record<Setting, [on: string, off: string]> = {
  approvalsNeedPassword: [
    'Approvals now ask for the password',
    'Approvals no longer ask for the password',
  ],
  annotationsNeedReview: [
    'New annotations now ask reviewers for review',
    'New annotations no longer ask for review',
  ],
};

/**
 * The workspace's approval settings, switched by admins: approvers re-enter
 * their password (a signing token per approval, after 21 CFR Part 11
 * §11.200; it applies at once, on sockets already open too), and a
 * contributor's new annotation asks the reviewers for review (a
 * notification to every member who may approve it).
 */
export function ApprovalSigningSetting(props: {
  workspace: WorkspaceRecord;
  api: TeamApi;
  disabled: boolean;
  onSaved(): void;
}) {
  const [busy, setBusy] = useState(false);
  const change = async (setting: Setting, next: boolean) => {
    setBusy(true);
    try {
      await props.api.updateWorkspace(props.workspace.id, { [setting]: next });
      toast({ title: SAVED[setting][next ? 0 : 1], tone: 'success' });
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
        onCheckedChange={(next) => void change('approvalsNeedPassword', next)}
      />
      <p className="muted">
        When on, every annotation a contributor adds notifies the reviewers and admins, who may
        approve it.
      </p>
      <Switch
        label="Annotations need review"
        checked={props.workspace.annotationsNeedReview}
        disabled={props.disabled || busy}
        onCheckedChange={(next) => void change('annotationsNeedReview', next)}
      />
    </section>
  );
}

import type { Role } from '@fieldbook/shared';
import { UserPlus } from 'lucide-react';
import { useState } from 'react';
import { Button, Checkbox, Dialog, DialogContent, Field, Select } from '../ui';
import { LinkDialogFooter, MadeLinkField, type MadeLink } from './LinkDialogParts';
import type { TeamApi } from './teamApi';
import { ROLE_OPTIONS, roleSummary } from './teamText';
import { problemText } from './useRemote';

const EXPIRY_OPTIONS = [
  { value: '24', label: '1 day' },
  { value: '72', label: '3 days' },
  { value: '168', label: '7 days' },
  { value: '720', label: '30 days' },
];

/** The link an invitation token opens: the server's web app, on its Accept page. */
export function invitationLink(serverUrl: string, token: string): string {
  return `${serverUrl}/#/invitation/${encodeURIComponent(token)}`;
}

/**
 * "Invite people": role, operator capability and expiry; creating it shows a
 * single-use link to copy and pass on (this machine sends no e-mail).
 */
export function InviteDialog({
  api,
  workspaceId,
  workspaceName,
  serverUrl,
  onInvited,
}: {
  api: TeamApi;
  workspaceId: string;
  workspaceName: string;
  serverUrl: string;
  onInvited: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<Role>('contributor');
  const [operator, setOperator] = useState(false);
  const [hours, setHours] = useState('72');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [made, setMade] = useState<MadeLink | null>(null);

  const reset = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setMade(null);
      setProblem(null);
      setOperator(false);
    }
  };
  const create = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const { invitation, token } = await api.invite(workspaceId, {
        role,
        capabilities: operator ? ['operator'] : [],
        expiresInHours: Number(hours),
      });
      setMade({ link: invitationLink(serverUrl, token), expiresAt: invitation.expiresAt });
      onInvited();
    } catch (err) {
      setProblem(problemText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={reset}>
      <Button variant="primary" icon={<UserPlus size={15} />} onClick={() => setOpen(true)}>
        Invite people
      </Button>
      <DialogContent
        title={`Invite to ${workspaceName}`}
        description={
          made
            ? 'Send this link to the person you invite. It works once.'
            : 'Choose what the new member may do. You get a link to pass on; nothing is e-mailed.'
        }
        footer={
          <LinkDialogFooter
            made={made !== null}
            busy={busy}
            createLabel="Create invitation link"
            onCreate={() => void create()}
          />
        }
      >
        {made ? (
          <MadeLinkField label="Invitation link" made={made} />
        ) : (
          <div className="team-form">
            <Field label="Role" hint={roleSummary(role)}>
              {(ids) => (
                <Select
                  id={ids.id}
                  value={role}
                  onValueChange={(v) => setRole(v as Role)}
                  options={ROLE_OPTIONS}
                />
              )}
            </Field>
            <Checkbox
              checked={operator}
              onCheckedChange={setOperator}
              label="Operator: may send commands to instruments"
            />
            <Field label="Link expires after">
              {(ids) => (
                <Select
                  id={ids.id}
                  value={hours}
                  onValueChange={setHours}
                  options={EXPIRY_OPTIONS}
                />
              )}
            </Field>
            {problem && (
              <p className="form-problem" role="alert">
                {problem}
              </p>
            )}
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}

import { useState } from 'react';
import { Dialog, DialogContent } from '../ui';
import { LinkDialogFooter, MadeLinkField } from './LinkDialogParts';
import { passwordResetLink } from './linkPages';
import type { Member, TeamApi } from './teamApi';
import { problemText } from './useRemote';

/**
 * An administrator's password reset for a member: creating it ends the
 * member's earlier links and gives a single-use link to pass on (this server
 * sends no e-mail); opening it lets the member set a new password, which
 * signs out all of their sessions.
 */
export function ResetPasswordDialog({
  member,
  api,
  serverUrl,
  onClose,
}: {
  member: Member;
  api: TeamApi;
  serverUrl: string;
  onClose: () => void;
}) {
  const name = member.name ?? member.email ?? 'the member';
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [made, setMade] = useState<{ link: string; expiresAt: number; emailed: boolean } | null>(
    null,
  );
  const create = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const issued = await api.issuePasswordReset(member.userId);
      setMade({ ...issued, link: passwordResetLink(serverUrl, issued.token) });
    } catch (err) {
      setProblem(problemText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        title={`Reset ${name}’s password?`}
        description={
          made
            ? made.emailed
              ? `The link was e-mailed to ${member.email}. You can also pass it on yourself.`
              : `This server sends no e-mail: pass the link on to ${name} yourself, over a channel you trust.`
            : `You get a single-use link that lets ${name} set a new password. Using it signs ${name} out everywhere; an earlier reset link stops working.`
        }
        footer={
          <LinkDialogFooter
            made={made !== null}
            busy={busy}
            createLabel="Create reset link"
            onCreate={() => void create()}
          />
        }
      >
        {made ? (
          <MadeLinkField label="Password reset link" made={made} />
        ) : (
          problem && (
            <p className="form-problem" role="alert">
              {problem}
            </p>
          )
        )}
      </DialogContent>
    </Dialog>
  );
}

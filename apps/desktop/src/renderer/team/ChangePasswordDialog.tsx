import { useMemo, useState, type FormEvent } from 'react';
import type { ShellActions } from '../actions';
import { Button, Dialog, DialogClose, DialogContent, TextField, toast } from '../ui';
import { teamApi } from './teamApi';
import { problemText } from './useRemote';

/**
 * "Change password" from the account menu: the current password, then the new
 * one twice. The server signs out every other session of the account; this
 * one stays signed in.
 */
export function ChangePasswordDialog({
  open,
  onOpenChange,
  actions,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  actions: ShellActions;
}) {
  const api = useMemo(() => teamApi(actions), [actions]);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const close = (isOpen: boolean) => {
    onOpenChange(isOpen);
    if (!isOpen) {
      setCurrent('');
      setNext('');
      setAgain('');
      setProblem(null);
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next.length < 10) return setProblem('The new password needs at least 10 characters.');
    if (next !== again) return setProblem('The two new passwords differ.');
    setBusy(true);
    setProblem(null);
    try {
      const { endedSessions } = await api.changePassword(current, next);
      toast({
        title: 'Password changed',
        description:
          endedSessions === 0
            ? 'No other session was signed in.'
            : `Signed out ${endedSessions} other ${endedSessions === 1 ? 'session' : 'sessions'}.`,
        tone: 'success',
      });
      close(false);
    } catch (err) {
      setProblem(problemText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent
        size="sm"
        title="Change password"
        description="Every other device signed in to your account is signed out; this one stays."
      >
        <form className="team-form" onSubmit={(e) => void submit(e)}>
          <TextField
            type="password"
            label="Current password"
            value={current}
            onChange={setCurrent}
            autoComplete="current-password"
          />
          <TextField
            type="password"
            label="New password"
            hint="At least 10 characters."
            value={next}
            onChange={setNext}
            autoComplete="new-password"
          />
          <TextField
            type="password"
            label="New password again"
            value={again}
            onChange={setAgain}
            autoComplete="new-password"
          />
          {problem && (
            <p className="form-problem" role="alert">
              {problem}
            </p>
          )}
          <div className="team-form__actions">
            <DialogClose asChild>
              <Button>Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="primary" loading={busy}>
              Change password
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

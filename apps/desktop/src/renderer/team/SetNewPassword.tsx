import { KeyRound } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import type { ShellActions } from '../actions';
import { Button, Spinner, TextField } from '../ui';
import { defaultServerUrl, previewPasswordReset, setPasswordWithLink } from './linkPages';
import { whenText } from './teamText';
import { problemText } from './useRemote';
import './team.css';

type Preview = Awaited<ReturnType<typeof previewPasswordReset>>;

/**
 * The page a password-reset link opens: whose password it sets, the new
 * password twice, then the person is signed in with it (every other session
 * of theirs has ended). A used, expired or replaced link says so.
 */
export default function SetNewPassword({
  token,
  actions,
  onDone,
}: {
  token: string;
  actions: ShellActions;
  onDone: () => void;
}) {
  const serverUrl = defaultServerUrl();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [dead, setDead] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    previewPasswordReset(serverUrl, token).then(setPreview, (err: unknown) =>
      setDead(problemText(err)),
    );
  }, [serverUrl, token]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password.length < 10) return setProblem('The new password needs at least 10 characters.');
    if (password !== again) return setProblem('The two passwords differ.');
    setBusy(true);
    setProblem(null);
    try {
      await setPasswordWithLink(serverUrl, token, password);
      await actions.sessions.signIn({ serverUrl, email: preview!.email, password });
      onDone();
    } catch (err) {
      setProblem(problemText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form
        className="sign-in__card"
        onSubmit={(e) => void submit(e)}
        aria-labelledby="reset-title"
      >
        <span className="sign-in__logo" aria-hidden="true">
          <KeyRound size={22} />
        </span>
        <h1 id="reset-title" className="sign-in__title">
          Set a new password
        </h1>
        {dead ? (
          <>
            <p className="form-problem" role="alert">
              {dead} Ask your administrator for a new link.
            </p>
            <Button variant="primary" onClick={onDone}>
              Go to sign-in
            </Button>
          </>
        ) : !preview ? (
          <p role="status" className="muted">
            <Spinner size={14} /> Checking the link…
          </p>
        ) : (
          <>
            <p className="sign-in__lead">
              For <strong>{preview.name}</strong> ({preview.email}) on {new URL(serverUrl).host}.
              The link works once, until {whenText(preview.expiresAt)}; using it signs this account
              out everywhere else.
            </p>
            <TextField
              label="New password"
              hint="At least 10 characters."
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={setPassword}
            />
            <TextField
              label="New password again"
              type="password"
              autoComplete="new-password"
              value={again}
              onChange={setAgain}
            />
            {problem && (
              <p className="form-problem" role="alert">
                {problem}
              </p>
            )}
            <Button type="submit" variant="primary" size="lg" loading={busy}>
              Set password and sign in
            </Button>
            <Button variant="ghost" onClick={onDone}>
              Not now
            </Button>
          </>
        )}
      </form>
    </main>
  );
}

import { NotebookPen } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { ShellActions } from '../actions';
import { signInProblem } from '../sessionController';
import { Button, TextField } from '../ui';

/** The server a web page came from; the desktop suggests a local server. */
function defaultServerUrl(): string {
  return location.protocol.startsWith('http') ? location.origin : 'http://127.0.0.1:4400';
}

/**
 * First screen: sign in to a sync server (or create an organization there),
 * or work offline with a local profile and no account.
 */
export function SignIn({ actions }: { actions: ShellActions }) {
  const [mode, setMode] = useState<'sign-in' | 'sign-up'>('sign-in');
  const [serverUrl, setServerUrl] = useState(defaultServerUrl);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [tenant, setTenant] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const signingIn = mode === 'sign-in';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      if (signingIn) await actions.sessions.signIn({ serverUrl, email, password });
      else await actions.sessions.signUp({ serverUrl, tenant, name, email, password });
    } catch (err) {
      setProblem(signInProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <div className="sign-in__brand">
        <span className="sign-in__logo" aria-hidden="true">
          <NotebookPen size={22} />
        </span>
        Fieldbook
      </div>
      <form
        className="sign-in__card"
        onSubmit={(e) => void submit(e)}
        aria-labelledby="sign-in-title"
      >
        <h1 id="sign-in-title" className="sign-in__title">
          {signingIn ? 'Sign in to Fieldbook' : 'Create an organization'}
        </h1>
        <p className="sign-in__lead">
          {signingIn
            ? 'Your notes and charts, on this machine first and shared through your lab’s server.'
            : 'You become its administrator and can invite your team afterwards.'}
        </p>
        <TextField label="Server" value={serverUrl} onChange={setServerUrl} />
        {!signingIn && (
          <>
            <TextField label="Organization" value={tenant} onChange={setTenant} />
            <TextField label="Your name" autoComplete="name" value={name} onChange={setName} />
          </>
        )}
        <TextField
          label="Email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
        />
        <TextField
          label="Password"
          hint={signingIn ? undefined : 'At least 10 characters.'}
          type="password"
          autoComplete={signingIn ? 'current-password' : 'new-password'}
          minLength={signingIn ? undefined : 10}
          value={password}
          onChange={setPassword}
        />
        {problem && (
          <p className="form-problem" role="alert">
            {problem}
          </p>
        )}
        <Button type="submit" variant="primary" size="lg" loading={busy}>
          {signingIn ? 'Sign in' : 'Create and sign in'}
        </Button>
        <Button variant="ghost" onClick={() => setMode(signingIn ? 'sign-up' : 'sign-in')}>
          {signingIn ? 'New here? Create an organization' : 'I have an account'}
        </Button>
        <div className="sign-in__divider" role="separator">
          <span>or</span>
        </div>
        <Button onClick={() => actions.sessions.workOffline(name || 'Me')}>Work offline</Button>
        <p className="muted small sign-in__note">
          Offline, notes stay on this{' '}
          {location.protocol.startsWith('http') ? 'browser' : 'computer'} and nothing is shared.
        </p>
      </form>
    </main>
  );
}

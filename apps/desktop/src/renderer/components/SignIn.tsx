import { useState, type FormEvent } from 'react';
import type { ShellActions } from '../actions';
import { signInProblem } from '../sessionController';
import { EmptyIcon } from './EmptyState';

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

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      if (mode === 'sign-in') await actions.sessions.signIn({ serverUrl, email, password });
      else await actions.sessions.signUp({ serverUrl, tenant, name, email, password });
    } catch (err) {
      setProblem(signInProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sign-in">
      <form className="sign-in-card" onSubmit={(e) => void submit(e)} aria-label="Sign in">
        <EmptyIcon />
        <h1>{mode === 'sign-in' ? 'Sign in to Fieldbook' : 'Create an organization'}</h1>
        <label>
          Server
          <input value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} required />
        </label>
        {mode === 'sign-up' && (
          <>
            <label>
              Organization
              <input value={tenant} onChange={(e) => setTenant(e.target.value)} required />
            </label>
            <label>
              Your name
              <input value={name} onChange={(e) => setName(e.target.value)} required />
            </label>
          </>
        )}
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
            minLength={mode === 'sign-up' ? 10 : undefined}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {problem && (
          <p className="form-problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {mode === 'sign-in' ? 'Sign in' : 'Create and sign in'}
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() => setMode(mode === 'sign-in' ? 'sign-up' : 'sign-in')}
        >
          {mode === 'sign-in' ? 'New here? Create an organization' : 'I have an account'}
        </button>
        <hr />
        <button
          type="button"
          className="button"
          onClick={() => actions.sessions.workOffline(name || 'Me')}
        >
          Work offline
        </button>
        <p className="muted small">
          Offline, notes stay on this{' '}
          {location.protocol.startsWith('http') ? 'browser' : 'computer'} and nothing is shared.
        </p>
      </form>
    </div>
  );
}

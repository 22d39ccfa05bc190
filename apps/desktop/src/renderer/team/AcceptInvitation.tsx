import { MailCheck } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { z } from 'zod';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import { ServerApi, normalizeServerUrl } from '../session/serverApi';
import { signInProblem } from '../sessionController';
import { Button, Tabs, TabsContent, TabsList, TabsTrigger, TextField } from '../ui';
import { defaultServerUrl, previewInvitation, type InvitationPreview } from './linkPages';
import { teamApi } from './teamApi';
import { ROLE_LABEL, roleSummary } from './teamText';
import './team.css';
import { problemText } from './useRemote';

const Accepted = z.object({ invitation: z.object({ workspaceId: z.string() }) });

/** "Ada Okafor invited you to Rover ops as a reviewer, with the operator capability." */
function InvitationLead({ preview }: { preview: InvitationPreview }) {
  const operator = preview.capabilities.includes('operator');
  return (
    <p className="sign-in__lead" data-testid="invitation-offer">
      {preview.invitedBy ?? 'An administrator'} invited you to{' '}
      <strong>{preview.workspaceName}</strong> as{' '}
      <strong>{ROLE_LABEL[preview.role].toLowerCase()}</strong>
      {operator && ', with the operator capability (may command instruments)'}.{' '}
      {roleSummary(preview.role)}
    </p>
  );
}

/**
 * The page an invitation link opens: what it offers (workspace, inviter,
 * role), then join with the account signed in here,
 * create a new account, or sign in to an existing one — then the workspace
 * opens. No REST by hand.
 */
export default function AcceptInvitation({
  token,
  state,
  actions,
  onDone,
}: {
  token: string;
  state: AppState;
  actions: ShellActions;
  onDone: () => void;
}) {
  const session = state.session?.kind === 'server' ? state.session : null;
  const [mode, setMode] = useState('new');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const serverUrl = session?.serverUrl ?? defaultServerUrl();
  const [preview, setPreview] = useState<InvitationPreview | null>(null);
  const [dead, setDead] = useState<string | null>(null);
  useEffect(() => {
    previewInvitation(normalizeServerUrl(serverUrl), token).then(setPreview, (err: unknown) =>
      setDead(problemText(err)),
    );
  }, [serverUrl, token]);

  const open = async (workspaceId: string) => {
    history.replaceState(null, '', `#/${encodeURIComponent(workspaceId)}`);
    onDone();
    await actions.joinWorkspace(workspaceId);
  };
  const joinSignedIn = async () => {
    const { invitation } = await teamApi(actions).acceptInvitation(token);
    await open(invitation.workspaceId);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      if (session) await joinSignedIn();
      else if (mode === 'new') {
        const url = normalizeServerUrl(serverUrl);
        const { invitation } = await new ServerApi(url).request(
          'POST',
          '/invitations/accept',
          Accepted,
          { token, name, email, password },
        );
        history.replaceState(null, '', `#/${encodeURIComponent(invitation.workspaceId)}`);
        await actions.sessions.signIn({ serverUrl: url, email, password });
        onDone();
      } else {
        try {
          await actions.sessions.signIn({ serverUrl, email, password });
        } catch (err) {
          setProblem(signInProblem(err));
          return;
        }
        await joinSignedIn();
      }
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
        aria-labelledby="accept-title"
      >
        <span className="sign-in__logo" aria-hidden="true">
          <MailCheck size={22} />
        </span>
        <h1 id="accept-title" className="sign-in__title">
          {preview
            ? `You are invited to ${preview.workspaceName}`
            : 'You are invited to a Fieldbook workspace'}
        </h1>
        {preview && <InvitationLead preview={preview} />}
        {dead ? (
          <>
            <p className="form-problem" role="alert">
              {dead} Ask the workspace’s admin for a new link.
            </p>
            <Button variant="primary" onClick={onDone}>
              Go to sign-in
            </Button>
          </>
        ) : (
          <>
            {session ? (
              <p className="sign-in__lead">
                Join as <strong>{session.userName}</strong> ({session.email}), or sign out to use
                another account.
              </p>
            ) : (
              <p className="sign-in__lead">
                Create your account, or sign in if you already have one on {new URL(serverUrl).host}
                .
              </p>
            )}
            {!session && (
              <Tabs value={mode} onValueChange={setMode}>
                <TabsList aria-label="Account">
                  <TabsTrigger value="new">New account</TabsTrigger>
                  <TabsTrigger value="existing">I have an account</TabsTrigger>
                </TabsList>
                <TabsContent value="new">
                  {mode === 'new' && (
                    <TextField
                      label="Your name"
                      value={name}
                      onChange={setName}
                      autoComplete="name"
                    />
                  )}
                </TabsContent>
                <TabsContent value="existing" />
              </Tabs>
            )}
            {!session && (
              <>
                <TextField
                  label="Email"
                  type="email"
                  autoComplete="username"
                  value={email}
                  onChange={setEmail}
                />
                <TextField
                  label="Password"
                  type="password"
                  autoComplete={mode === 'new' ? 'new-password' : 'current-password'}
                  hint={mode === 'new' ? 'At least 10 characters.' : undefined}
                  minLength={mode === 'new' ? 10 : undefined}
                  value={password}
                  onChange={setPassword}
                />
              </>
            )}
            {problem && (
              <p className="form-problem" role="alert">
                {problem}
              </p>
            )}
            <Button type="submit" variant="primary" size="lg" loading={busy}>
              {session
                ? 'Join the workspace'
                : mode === 'new'
                  ? 'Create account and join'
                  : 'Sign in and join'}
            </Button>
            {session ? (
              <Button variant="ghost" onClick={() => actions.sessions.signOut()}>
                Use another account
              </Button>
            ) : null}
            <Button variant="ghost" onClick={onDone}>
              Not now
            </Button>
          </>
        )}
      </form>
    </main>
  );
}

import { KeyRound, Trash2 } from 'lucide-react';
import { useMemo } from 'react';
import { useAccess } from '../shell/access';
import type { ScreenProps } from '../shell/registry';
import { Badge, Button, EmptyState, Spinner, Table, TableFrame, toast, useConfirm } from '../ui';
import { CreateKeyDialog } from './CreateKeyDialog';
import { teamApi, type ApiKey } from './teamApi';
import { sinceText, whenText } from './teamText';
import { problemText, useRemote } from './useRemote';
import './team.css';

function status(
  key: ApiKey,
  now: number,
): { text: string; tone: 'success' | 'neutral' | 'danger' } {
  if (key.revokedAt !== null) return { text: 'Revoked', tone: 'danger' };
  if (key.expiresAt !== null && key.expiresAt <= now) return { text: 'Expired', tone: 'neutral' };
  return { text: 'Active', tone: 'success' };
}

/**
 * The workspace's API keys (admins): create one (the secret shown once, with
 * the agent command), see when each was last used, revoke after a confirmation.
 */
export default function ApiKeysScreen({ state, actions }: ScreenProps) {
  const access = useAccess();
  const confirm = useConfirm();
  const workspace = state.workspace!;
  const session = state.session;
  const api = useMemo(() => teamApi(actions), [actions]);
  const keys = useRemote(`keys:${workspace.id}`, () => api.apiKeys(workspace.id));
  const now = Date.now();
  const sorted = [...(keys.data ?? [])].sort(
    (a, b) =>
      Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.createdAt - a.createdAt,
  );

  const revoke = async (key: ApiKey) => {
    const ok = await confirm({
      title: `Revoke “${key.name}”?`,
      description: `Everything using this key stops at once: agents are disconnected and scripts are refused. This cannot be undone; create a new key to replace it.`,
      confirmLabel: 'Revoke key',
      destructive: true,
    });
    if (!ok) return;
    try {
      await api.revokeApiKey(key.id);
      toast({ title: `“${key.name}” revoked`, tone: 'success' });
    } catch (err) {
      toast({ title: 'Not revoked', description: problemText(err), tone: 'danger' });
    }
    keys.reload();
  };

  return (
    <div className="screen screen--wide">
      <header className="screen__header">
        <div>
          <h1 className="screen__title">API keys</h1>
          <p className="muted">
            Keys for scripts and instrument agents working in {workspace.name}.
          </p>
        </div>
        {access.may('apiKeys.manage') && session?.kind === 'server' && (
          <CreateKeyDialog
            api={api}
            workspaces={state.workspaces}
            workspaceId={workspace.id}
            serverUrl={session.serverUrl}
            onCreated={keys.reload}
          />
        )}
      </header>
      {keys.error && (
        <p className="form-problem" role="alert">
          {keys.error}
        </p>
      )}
      {keys.loading && !keys.data ? (
        <p role="status" className="muted">
          <Spinner size={14} /> Loading keys…
        </p>
      ) : sorted.length === 0 ? (
        !keys.error && (
          <EmptyState icon={<KeyRound size={28} />} title="No API keys yet">
            <p>Create a key to connect an instrument agent or a script to this workspace.</p>
          </EmptyState>
        )
      ) : (
        <TableFrame>
          <Table aria-label="API keys">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Access</th>
                <th scope="col">Status</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((key) => {
                const s = status(key, now);
                return (
                  <tr key={key.id} data-testid={`key-${key.name}`}>
                    <td>
                      <span className="cell-with-icon">
                        <KeyRound size={15} aria-hidden="true" />
                        {key.name}
                      </span>
                      <span className="cell-detail">fb_{key.prefix}_…</span>
                    </td>
                    <td>
                      <Badge>{key.access === 'write' ? 'Write' : 'Read'}</Badge>{' '}
                      {key.agent && <Badge tone="accent">Agent</Badge>}
                    </td>
                    <td>
                      <Badge tone={s.tone}>{s.text}</Badge>
                    </td>
                    <td className="muted">{sinceText(key.lastUsedAt, now)}</td>
                    <td className="muted">
                      {key.expiresAt === null ? 'Never' : whenText(key.expiresAt)}
                    </td>
                    <td className="cell-actions">
                      {s.text === 'Active' && (
                        <Button
                          size="sm"
                          variant="ghost"
                          icon={<Trash2 size={15} />}
                          onClick={() => void revoke(key)}
                          aria-label={`Revoke ${key.name}`}
                        >
                          Revoke
                        </Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        </TableFrame>
      )}
    </div>
  );
}

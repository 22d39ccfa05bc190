import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import type { WorkspaceSummary } from '../../common/ipcContract';
import { Button, Checkbox, Dialog, DialogClose, DialogContent, Field, Input, Select } from '../ui';
import { CopyField } from './CopyField';
import type { TeamApi } from './teamApi';
import { problemText } from './useRemote';

const DAY = 86_400_000;
const EXPIRY_OPTIONS = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never' },
];
const ACCESS_OPTIONS = [
  { value: 'read', label: 'Read: see documents and telemetry' },
  { value: 'write', label: 'Write: also send telemetry and changes' },
];

/** The command that runs the rover simulator as an agent with `key` against `serverUrl`. */
export function agentCommand(serverUrl: string, key: string): string {
  return `FIELDBOOK_AGENT_KEY=${key} fieldbook-agent run rover --server ${serverUrl}`;
}

/**
 * "Create key": name, workspace, read or write, agent use, expiry. The secret
 * is shown once, with a copy button and the exact command to start an agent.
 */
export function CreateKeyDialog({
  api,
  workspaces,
  workspaceId,
  serverUrl,
  onCreated,
}: {
  api: TeamApi;
  workspaces: readonly WorkspaceSummary[];
  workspaceId: string;
  serverUrl: string;
  onCreated: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [target, setTarget] = useState(workspaceId);
  const [access, setAccess] = useState<'read' | 'write'>('write');
  const [agent, setAgent] = useState(true);
  const [expiry, setExpiry] = useState('90');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ key: string; agent: boolean } | null>(null);

  const change = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setSecret(null);
      setProblem(null);
      setName('');
    }
  };
  const create = async () => {
    if (!name.trim()) {
      setProblem('Give the key a name, e.g. the instrument it is for.');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const { key } = await api.createApiKey({
        name: name.trim(),
        workspaceId: target,
        access,
        agent,
        expiresAt: expiry === 'never' ? null : Date.now() + Number(expiry) * DAY,
      });
      setSecret({ key, agent });
      onCreated();
    } catch (err) {
      setProblem(problemText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={change}>
      <Button variant="primary" icon={<KeyRound size={15} />} onClick={() => setOpen(true)}>
        Create key
      </Button>
      <DialogContent
        size="lg"
        title={secret ? 'Copy the key now' : 'Create an API key'}
        description={
          secret
            ? 'This is the only time the key is shown. Store it where the agent or script runs.'
            : 'Keys let scripts and instrument agents use this workspace without a password.'
        }
        footer={
          secret ? (
            <DialogClose asChild>
              <Button variant="primary">I have stored the key</Button>
            </DialogClose>
          ) : (
            <>
              <DialogClose asChild>
                <Button>Cancel</Button>
              </DialogClose>
              <Button variant="primary" loading={busy} onClick={() => void create()}>
                Create key
              </Button>
            </>
          )
        }
      >
        {secret ? (
          <div className="team-form">
            <CopyField label="API key" value={secret.key} />
            {secret.agent ? (
              <CopyField
                label="Agent command"
                multiline
                value={agentCommand(serverUrl, secret.key)}
                hint="Starts the rover simulator as an agent; use incubator for the lab one."
              />
            ) : (
              <CopyField
                label="Example request"
                multiline
                value={`curl -H "authorization: Bearer ${secret.key}" ${serverUrl}/api/v1/workspaces`}
              />
            )}
          </div>
        ) : (
          <div className="team-form">
            <Field label="Name" hint="What uses it, e.g. “Rover 1 agent”.">
              {(ids) => <Input {...ids} value={name} onChange={(e) => setName(e.target.value)} />}
            </Field>
            <Field label="Workspace">
              {(ids) => (
                <Select
                  id={ids.id}
                  value={target}
                  onValueChange={setTarget}
                  options={workspaces.map((w) => ({ value: w.id, label: w.name }))}
                />
              )}
            </Field>
            <Field label="Access">
              {(ids) => (
                <Select
                  id={ids.id}
                  value={access}
                  onValueChange={(v) => setAccess(v as 'read' | 'write')}
                  options={ACCESS_OPTIONS}
                />
              )}
            </Field>
            <Checkbox
              checked={agent}
              onCheckedChange={setAgent}
              label="For an instrument agent (may stream telemetry and take commands)"
            />
            <Field label="Expires after">
              {(ids) => (
                <Select
                  id={ids.id}
                  value={expiry}
                  onValueChange={setExpiry}
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

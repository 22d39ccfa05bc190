import { BadgeCheck } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { approveAnnotation, type ModelOrigin } from '@fieldbook/crdt-model';
import { Button, Dialog, DialogClose, DialogContent, Field, Input, toast } from '../ui';
import {
  approvalsNeedPassword,
  signingProblem,
  signingToken,
  type SigningServer,
} from './approvalSigning';
import './approveButton.css';

/**
 * "Approve" for a draft annotation. When the workspace asks approvers for
 * their password, it opens a dialog for it first, trades the password for a
 * signing token and approves with the token in the signature record; a wrong
 * password is said in the dialog and nothing is approved. Without a server
 * (a local profile), or when the setting cannot be read (offline), it
 * approves at once and the server decides when the change arrives.
 */
export function ApproveButton({
  doc,
  annotationId,
  origin,
  server,
}: {
  doc: Y.Doc;
  annotationId: string;
  origin: ModelOrigin;
  server?: SigningServer | null;
}) {
  const [open, setOpen] = useState(false);
  const [checking, setChecking] = useState(false);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const approve = (token?: string) => {
    try {
      approveAnnotation(doc, { id: annotationId, signingToken: token }, origin);
      return true;
    } catch (err) {
      toast({ title: 'Not approved', description: signingProblem(err), tone: 'danger' });
      return false;
    }
  };
  const start = async () => {
    if (!server) return void approve();
    setChecking(true);
    const needs = await approvalsNeedPassword(server).catch(() => false);
    setChecking(false);
    if (!needs) return void approve();
    setPassword('');
    setProblem(null);
    setOpen(true);
  };
  const sign = async (e: FormEvent) => {
    e.preventDefault();
    if (!server || !password) return;
    setBusy(true);
    setProblem(null);
    try {
      const token = await signingToken(server, password);
      if (approve(token)) {
        setOpen(false);
        toast({ title: 'Approved and signed', tone: 'success' });
      }
    } catch (err) {
      setProblem(signingProblem(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <Button
        size="sm"
        icon={<BadgeCheck size={14} aria-hidden="true" />}
        loading={checking}
        onClick={() => void start()}
      >
        Approve
      </Button>
      <DialogContent
        size="sm"
        title="Sign the approval"
        description="This workspace asks for your password to approve. Your name, the time and the meaning “reviewed and approved” are recorded with the annotation."
      >
        <form className="approve-sign" onSubmit={(e) => void sign(e)}>
          <Field label="Password" error={problem}>
            {(ids) => (
              <Input
                {...ids}
                type="password"
                autoComplete="current-password"
                autoFocus
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <footer className="ui-dialog__footer">
            <DialogClose asChild>
              <Button>Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="primary" loading={busy} disabled={!password}>
              Sign and approve
            </Button>
          </footer>
        </form>
      </DialogContent>
    </Dialog>
  );
}

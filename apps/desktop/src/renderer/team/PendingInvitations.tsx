import { MailX } from 'lucide-react';
import { Badge, Button, Table, TableFrame, useConfirm } from '../ui';
import type { Invitation } from './teamApi';
import { ROLE_LABEL, whenText } from './teamText';

/** Invitations not yet accepted, each revocable (after a confirmation). */
export function PendingInvitations({
  invitations,
  onRevoke,
}: {
  invitations: readonly Invitation[];
  onRevoke: (invitation: Invitation) => Promise<void>;
}) {
  const confirm = useConfirm();
  if (invitations.length === 0) {
    return (
      <p className="muted">No invitations are waiting. Links you create appear here until used.</p>
    );
  }
  const revoke = async (inv: Invitation) => {
    const ok = await confirm({
      title: 'Revoke this invitation?',
      description: `The ${ROLE_LABEL[inv.role].toLowerCase()} link created ${whenText(inv.createdAt)} stops working at once. Whoever has it can no longer join.`,
      confirmLabel: 'Revoke link',
      destructive: true,
    });
    if (ok) await onRevoke(inv);
  };
  return (
    <TableFrame>
      <Table aria-label="Pending invitations">
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((inv) => (
            <tr key={inv.id}>
              <td>
                <Badge>{ROLE_LABEL[inv.role]}</Badge>{' '}
                {inv.capabilities.includes('operator') && <Badge tone="warning">Operator</Badge>}
              </td>
              <td className="muted">{whenText(inv.createdAt)}</td>
              <td className="muted">{whenText(inv.expiresAt)}</td>
              <td className="cell-actions">
                <Button
                  size="sm"
                  variant="ghost"
                  icon={<MailX size={15} />}
                  onClick={() => void revoke(inv)}
                  aria-label={`Revoke the ${ROLE_LABEL[inv.role].toLowerCase()} invitation created ${whenText(inv.createdAt)}`}
                >
                  Revoke
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </TableFrame>
  );
}

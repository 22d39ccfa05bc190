import { Users } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useAccess } from '../shell/access';
import type { ScreenProps } from '../shell/registry';
import { EmptyState, Spinner, Table, TableFrame, toast } from '../ui';
import { InviteDialog } from './InviteDialog';
import { MemberRow } from './MemberRow';
import { PendingInvitations } from './PendingInvitations';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { teamApi, type Invitation, type Member } from './teamApi';
import { problemText, useRemote } from './useRemote';
import './team.css';

/**
 * A workspace's people: members with role, operator capability and last
 * activity; admins invite by link, change roles, remove, and revoke pending
 * invitations. What a user sees follows `can()`; the server decides anyway.
 */
export default function MembersScreen({ state, actions }: ScreenProps) {
  const access = useAccess();
  const workspace = state.workspace!;
  const session = state.session;
  const api = useMemo(() => teamApi(actions), [actions]);
  const manage = access.may('members.manage');
  const members = useRemote(`members:${workspace.id}`, () => api.members(workspace.id));
  const invitations = useRemote(`invitations:${workspace.id}:${manage}`, () =>
    manage ? api.invitations(workspace.id) : Promise.resolve([] as Invitation[]),
  );
  const me = session?.kind === 'server' ? session.userId : null;
  const caller = useRemote('me', () => api.me());
  const resets = session?.kind === 'server' && caller.data?.tenantRole === 'admin';
  const [resetFor, setResetFor] = useState<Member | null>(null);

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      toast({ title: done, tone: 'success' });
    } catch (err) {
      toast({ title: 'Not changed', description: problemText(err), tone: 'danger' });
    }
    members.reload();
    invitations.reload();
  };
  const sorted = [...(members.data ?? [])].sort((a, b) =>
    (a.name ?? a.email ?? '').localeCompare(b.name ?? b.email ?? ''),
  );
  const nameOf = (m: Member) => m.name ?? m.email ?? 'The member';

  return (
    <div className="screen screen--wide">
      <header className="screen__header">
        <div>
          <h1 className="screen__title">Members</h1>
          <p className="muted">People in {workspace.name} and what each may do.</p>
        </div>
        {manage && session?.kind === 'server' && (
          <InviteDialog
            api={api}
            workspaceId={workspace.id}
            workspaceName={workspace.name}
            serverUrl={session.serverUrl}
            onInvited={invitations.reload}
          />
        )}
      </header>
      {members.error && (
        <p className="form-problem" role="alert">
          {members.error}
        </p>
      )}
      {members.loading && !members.data ? (
        <p role="status" className="muted">
          <Spinner size={14} /> Loading members…
        </p>
      ) : sorted.length === 0 ? (
        <EmptyState icon={<Users size={28} />} title="No members listed">
          <p>Invite people to share this workspace with them.</p>
        </EmptyState>
      ) : (
        <TableFrame>
          <Table aria-label="Members">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Operator</th>
                <th scope="col">Last active</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((m) => (
                <MemberRow
                  key={m.userId}
                  member={m}
                  isYou={m.userId === me}
                  manage={manage}
                  workspaceName={workspace.name}
                  onChange={(grant) =>
                    act(
                      () => api.changeMember(workspace.id, m.userId, grant),
                      `${nameOf(m)} updated`,
                    )
                  }
                  onRemove={() =>
                    act(
                      () => api.removeMember(workspace.id, m.userId),
                      `${nameOf(m)} removed from ${workspace.name}`,
                    )
                  }
                  onResetPassword={resets ? () => setResetFor(m) : undefined}
                />
              ))}
            </tbody>
          </Table>
        </TableFrame>
      )}
      {resetFor && session?.kind === 'server' && (
        <ResetPasswordDialog
          member={resetFor}
          api={api}
          serverUrl={session.serverUrl}
          onClose={() => setResetFor(null)}
        />
      )}
      {manage && (
        <section className="team-section" aria-labelledby="pending-title">
          <h2 id="pending-title" className="team-section__title">
            Pending invitations
          </h2>
          {invitations.error ? (
            <p className="form-problem" role="alert">
              {invitations.error}
            </p>
          ) : (
            <PendingInvitations
              invitations={invitations.data ?? []}
              onRevoke={(inv) =>
                act(() => api.revokeInvitation(workspace.id, inv.id), 'Invitation revoked')
              }
            />
          )}
        </section>
      )}
    </div>
  );
}

import { FieldbookError, newId, type Capability, type Role } from '@fieldbook/shared';
import type { AuditLog } from '../audit/auditLog';
import type { Access } from './access';
import type { IdentityEvents } from './events';
import type { IdentityStore } from './identityStore';
import { hashPassword } from './passwords';
import { actorOf, type Principal, type RequestMeta } from './principal';
import { randomToken, sha256Hex } from './secrets';
import type { IdentitySettings } from './settings';
import type { Invitation, UserRecord } from './types';

export interface InvitationDeps {
  store: IdentityStore;
  access: Access;
  audit: AuditLog;
  events: IdentityEvents;
  settings: IdentitySettings;
  now: () => number;
}

/** The invitation as shown to admins: never its token hash. */
export type PublicInvitation = Omit<Invitation, 'tokenHash'>;

/** What an invitation link offers, shown before accepting it. */
export interface InvitationPreview {
  workspaceName: string;
  /** The inviting admin's name; null when their account is gone. */
  invitedBy: string | null;
  role: Role;
  capabilities: Capability[];
  expiresAt: number;
}

const invalid = () =>
  new FieldbookError('RESOURCE_NOT_FOUND', 'Invitation not found, used or expired');

/**
 * Single-use invitation links: an admin creates one for a role in a
 * workspace (no e-mail is sent; the admin passes the link on); accepting it
 * either adds a signed-in user of the same tenant or creates a new user.
 */
export class InvitationService {
  constructor(private readonly d: InvitationDeps) {}

  /** Creates an invitation; the token is returned once and stored only as a hash. */
  async create(
    principal: Principal,
    workspaceId: string,
    input: { role: Role; capabilities?: Capability[]; expiresInHours?: number },
    meta: RequestMeta,
  ): Promise<{ invitation: PublicInvitation; token: string }> {
    await this.d.access.require(principal, workspaceId, 'members.manage');
    const now = this.d.now();
    const token = randomToken();
    const invitation: Invitation = {
      id: newId(now),
      tenantId: principal.tenantId,
      workspaceId,
      tokenHash: sha256Hex(token),
      role: input.role,
      capabilities: input.capabilities ?? [],
      createdBy: principal.kind === 'user' ? principal.userId : principal.key.createdBy,
      createdAt: now,
      expiresAt:
        now +
        (input.expiresInHours ? input.expiresInHours * 3_600_000 : this.d.settings.invitationTtlMs),
      usedAt: null,
      usedBy: null,
    };
    await this.d.store.createInvitation(invitation);
    await this.d.audit.record(principal.tenantId, {
      actor: actorOf(principal),
      action: 'invitation.create',
      outcome: 'success',
      resource: { type: 'invitation', id: invitation.id },
      workspaceId,
      summary: { role: invitation.role, capabilities: invitation.capabilities },
      ...meta,
    });
    const { tokenHash: _hash, ...shown } = invitation;
    return { invitation: shown, token };
  }

  /** The workspace's invitations still waiting to be accepted (admins). */
  async listPending(principal: Principal, workspaceId: string): Promise<PublicInvitation[]> {
    await this.d.access.require(principal, workspaceId, 'members.manage');
    const pending = await this.d.store.listPendingInvitations(
      principal.tenantId,
      workspaceId,
      this.d.now(),
    );
    return pending.map(({ tokenHash: _hash, ...shown }) => shown);
  }

  /** Revokes a pending invitation (admins): its link stops working at once. */
  async revoke(
    principal: Principal,
    workspaceId: string,
    invitationId: string,
    meta: RequestMeta,
  ): Promise<void> {
    await this.d.access.require(principal, workspaceId, 'members.manage');
    const revoked = await this.d.store.revokeInvitation(
      principal.tenantId,
      workspaceId,
      invitationId,
      this.d.now(),
    );
    if (!revoked) throw invalid();
    await this.d.audit.record(principal.tenantId, {
      actor: actorOf(principal),
      action: 'invitation.revoke',
      outcome: 'success',
      resource: { type: 'invitation', id: invitationId },
      workspaceId,
      summary: { role: revoked.role },
      ...meta,
    });
  }

  /** What a live invitation offers, for the page that opens its link: workspace, inviter, role. */
  async preview(token: string): Promise<InvitationPreview> {
    const found = await this.d.store.findInvitation(sha256Hex(token), this.d.now());
    const [workspace, inviter] = found
      ? await Promise.all([
          this.d.store.getWorkspace(found.tenantId, found.workspaceId),
          this.d.store.getUser(found.tenantId, found.createdBy),
        ])
      : [null, null];
    if (!found || !workspace || workspace.archivedAt !== null) throw invalid();
    return {
      workspaceName: workspace.name,
      invitedBy: inviter?.name ?? null,
      role: found.role,
      capabilities: found.capabilities,
      expiresAt: found.expiresAt,
    };
  }

  /**
   * Accepts an invitation. A signed-in user joins with their account (same
   * tenant only); otherwise `newUser` creates an account in the inviting tenant.
   */
  async accept(
    token: string,
    who: {
      principal: Principal | null;
      newUser: { email: string; password: string; name: string } | null;
    },
    meta: RequestMeta,
  ): Promise<{ invitation: PublicInvitation; userId: string; created: boolean }> {
    const now = this.d.now();
    let record: UserRecord | null = null;
    let userId: string;
    if (who.principal) {
      if (who.principal.kind !== 'user') {
        throw new FieldbookError(
          'AUTH_INSUFFICIENT_PERMISSIONS',
          'API keys cannot accept invitations',
        );
      }
      userId = who.principal.userId;
    } else if (who.newUser) {
      userId = newId(now);
      record = {
        id: userId,
        tenantId: '',
        email: who.newUser.email.toLowerCase(),
        name: who.newUser.name,
        tenantRole: 'member',
        createdAt: now,
        passwordHash: await hashPassword(who.newUser.password),
        failedLogins: 0,
        lockedUntil: null,
      };
    } else {
      throw new FieldbookError(
        'AUTH_REQUIRED',
        'Sign in, or give e-mail, password and name for a new account',
      );
    }
    const accepted = await this.d.store.acceptInvitation(sha256Hex(token), {
      userId,
      newUser: record,
      tenantId: who.principal?.tenantId ?? null,
      now,
    });
    if (!accepted) throw invalid();
    this.d.events.emit('access.changed', {
      tenantId: accepted.tenantId,
      workspaceId: accepted.workspaceId,
      userId,
    });
    await this.d.audit.record(accepted.tenantId, {
      actor: who.principal
        ? actorOf(who.principal)
        : { type: 'user', id: userId, label: record!.email },
      action: 'invitation.accept',
      outcome: 'success',
      resource: { type: 'invitation', id: accepted.id },
      workspaceId: accepted.workspaceId,
      summary: { userId, role: accepted.role, newAccount: record !== null },
      ...meta,
    });
    const { tokenHash: _hash, ...shown } = accepted;
    return { invitation: shown, userId, created: record !== null };
  }
}

import { FieldbookError, newId, type Capability, type Role } from '@fieldbook/shared';
import type { AuditLog } from '../audit/auditLog';
import { notFound, type Access } from './access';
import type { IdentityEvents } from './events';
import type { IdentityStore } from './identityStore';
import { actorOf, type Principal, type RequestMeta } from './principal';
import {
  SETTINGS,
  type Membership,
  type Page,
  type Workspace,
  type WorkspaceSettings,
} from './types';

export interface WorkspaceDeps {
  store: IdentityStore;
  access: Access;
  audit: AuditLog;
  events: IdentityEvents;
  now: () => number;
}

/** Workspaces of a tenant and their memberships: create, list, rename, archive; add, change, remove members. */
export class WorkspaceService {
  constructor(private readonly d: WorkspaceDeps) {}

  /** Creates a workspace; its creator becomes its admin. Signed-in users only. */
  async create(principal: Principal, name: string, meta: RequestMeta): Promise<Workspace> {
    if (principal.kind !== 'user') {
      throw new FieldbookError(
        'AUTH_INSUFFICIENT_PERMISSIONS',
        'API keys cannot create workspaces',
      );
    }
    const now = this.d.now();
    const workspace: Workspace = {
      id: newId(now),
      tenantId: principal.tenantId,
      name,
      createdBy: principal.userId,
      createdAt: now,
      archivedAt: null,
      approvalsNeedPassword: false,
      annotationsNeedReview: false,
    };
    await this.d.store.createWorkspace(workspace, {
      tenantId: principal.tenantId,
      workspaceId: workspace.id,
      userId: principal.userId,
      role: 'admin',
      capabilities: [],
      createdAt: now,
      updatedAt: now,
    });
    await this.audit(
      principal,
      meta,
      'workspace.create',
      workspace.id,
      { type: 'workspace', id: workspace.id },
      { name },
    );
    return workspace;
  }

  /** The workspaces the caller can see: all of the tenant for its admin, else its memberships. */
  async list(
    principal: Principal,
    options: { includeArchived: boolean; cursor: string | null; limit: number },
  ): Promise<Page<Workspace>> {
    if (principal.kind === 'apiKey' && principal.key.workspaceId !== null) {
      const access = await this.d.access.grantFor(principal, principal.key.workspaceId);
      const visible = access && (options.includeArchived || access.workspace.archivedAt === null);
      return { items: visible ? [access.workspace] : [], nextCursor: null };
    }
    const userId = principal.kind === 'user' ? principal.userId : principal.key.createdBy;
    const tenantAdmin =
      principal.kind === 'user'
        ? principal.tenantRole === 'admin'
        : (await this.d.store.getUser(principal.tenantId, userId))?.tenantRole === 'admin';
    return this.d.store.listWorkspaces(principal.tenantId, {
      ...options,
      memberOf: tenantAdmin ? null : userId,
    });
  }

  /** One workspace the caller can read. */
  async get(principal: Principal, workspaceId: string): Promise<Workspace> {
    return (await this.d.access.require(principal, workspaceId, 'workspace.read')).workspace;
  }

  /**
   * Renames, archives or unarchives a workspace, or changes its settings
   * (approvals need the password, annotations need review): admins.
   */
  async update(
    principal: Principal,
    workspaceId: string,
    patch: { name?: string; archived?: boolean } & Partial<WorkspaceSettings>,
    meta: RequestMeta,
  ): Promise<Workspace> {
    let { workspace } = await this.d.access.require(principal, workspaceId, 'workspace.read');
    const settings = SETTINGS.filter((k) => patch[k] !== undefined);
    // A rename in the request that unarchives is decided by the unarchive check below
    // (an archived workspace refuses workspace.update to everyone).
    if ((patch.name !== undefined && patch.archived !== false) || settings.length > 0) {
      ({ workspace } = await this.d.access.require(principal, workspaceId, 'workspace.update'));
    }
    if (patch.archived !== undefined) {
      ({ workspace } = await this.d.access.require(principal, workspaceId, 'workspace.archive'));
    }
    const now = this.d.now();
    const change: { name?: string; archivedAt?: number | null } & Partial<WorkspaceSettings> = {};
    for (const k of settings) if (patch[k] !== workspace[k]) change[k] = patch[k]!;
    if (patch.name !== undefined && patch.name !== workspace.name) change.name = patch.name;
    if (patch.archived !== undefined && patch.archived !== (workspace.archivedAt !== null)) {
      change.archivedAt = patch.archived ? now : null;
    }
    const updated = await this.d.store.updateWorkspace(principal.tenantId, workspaceId, change);
    if (!updated) throw notFound('Workspace');
    const resource = { type: 'workspace', id: workspaceId };
    if (change.name !== undefined) {
      await this.audit(principal, meta, 'workspace.rename', workspaceId, resource, {
        from: workspace.name,
        to: change.name,
      });
    }
    if (change.approvalsNeedPassword !== undefined) {
      // Open sockets of the workspace check approvals by the new setting at once.
      this.d.events.emit('workspace.changed', { tenantId: principal.tenantId, workspaceId });
      await this.audit(principal, meta, 'workspace.approvalSettings', workspaceId, resource, {
        approvalsNeedPassword: change.approvalsNeedPassword,
      });
    }
    if (change.annotationsNeedReview !== undefined) {
      await this.audit(principal, meta, 'workspace.reviewSettings', workspaceId, resource, {
        annotationsNeedReview: change.annotationsNeedReview,
      });
    }
    if (change.archivedAt !== undefined) {
      this.d.events.emit('workspace.changed', { tenantId: principal.tenantId, workspaceId });
      await this.audit(
        principal,
        meta,
        patch.archived ? 'workspace.archive' : 'workspace.unarchive',
        workspaceId,
        resource,
        null,
      );
    }
    return updated;
  }

  /** Members of a workspace with their e-mail and name. */
  async listMembers(
    principal: Principal,
    workspaceId: string,
    cursor: string | null,
    limit: number,
  ) {
    await this.d.access.require(principal, workspaceId, 'members.read');
    return this.d.store.listMembers(principal.tenantId, workspaceId, cursor, limit);
  }

  /** Adds a user of the same tenant to a workspace, or changes their role (admins). */
  async putMember(
    principal: Principal,
    workspaceId: string,
    input: { userId: string; role: Role; capabilities?: Capability[] },
    mode: 'add' | 'change',
    meta: RequestMeta,
  ): Promise<Membership> {
    await this.d.access.require(principal, workspaceId, 'members.manage');
    const user = await this.d.store.getUser(principal.tenantId, input.userId);
    if (!user) throw notFound('User');
    const before = await this.d.store.getMembership(principal.tenantId, workspaceId, input.userId);
    if (mode === 'change' && !before) throw notFound('Member');
    if (mode === 'add' && before)
      throw new FieldbookError('CONFLICT', 'Already a member; change the role instead');
    if (before?.role === 'admin' && input.role !== 'admin')
      await this.keepAnAdmin(principal.tenantId, workspaceId, 'demote');
    const now = this.d.now();
    const membership: Membership = {
      tenantId: principal.tenantId,
      workspaceId,
      userId: input.userId,
      role: input.role,
      capabilities: input.capabilities ?? before?.capabilities ?? [],
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
    };
    await this.d.store.putMembership(membership);
    this.d.events.emit('access.changed', {
      tenantId: principal.tenantId,
      workspaceId,
      userId: input.userId,
    });
    await this.audit(
      principal,
      meta,
      before ? 'member.role' : 'member.add',
      workspaceId,
      { type: 'user', id: input.userId },
      before
        ? {
            from: { role: before.role, capabilities: before.capabilities },
            to: { role: membership.role, capabilities: membership.capabilities },
          }
        : { role: membership.role, capabilities: membership.capabilities },
    );
    return membership;
  }

  /** Removes a member from a workspace (admins); their sockets there close. */
  async removeMember(
    principal: Principal,
    workspaceId: string,
    userId: string,
    meta: RequestMeta,
  ): Promise<void> {
    await this.d.access.require(principal, workspaceId, 'members.manage');
    const member = await this.d.store.getMembership(principal.tenantId, workspaceId, userId);
    if (member?.role === 'admin') await this.keepAnAdmin(principal.tenantId, workspaceId, 'remove');
    const removed = await this.d.store.deleteMembership(principal.tenantId, workspaceId, userId);
    if (!removed) throw notFound('Member');
    this.d.events.emit('access.changed', { tenantId: principal.tenantId, workspaceId, userId });
    await this.audit(
      principal,
      meta,
      'member.remove',
      workspaceId,
      { type: 'user', id: userId },
      { role: removed.role },
    );
  }

  /**
   * The caller leaves a workspace they are a member of; their sockets there
   * close. The last admin cannot leave (nobody could manage it any more).
   */
  async leave(principal: Principal, workspaceId: string, meta: RequestMeta): Promise<void> {
    if (principal.kind !== 'user') {
      throw new FieldbookError('AUTH_INSUFFICIENT_PERMISSIONS', 'API keys are not members');
    }
    await this.d.access.require(principal, workspaceId, 'members.read');
    const { tenantId, userId } = principal;
    const member = await this.d.store.getMembership(tenantId, workspaceId, userId);
    if (!member) {
      throw new FieldbookError(
        'CONFLICT',
        'You are not a member of this workspace: you see it as the organization’s administrator',
      );
    }
    if (member.role === 'admin') await this.keepAnAdmin(tenantId, workspaceId, 'leave');
    await this.d.store.deleteMembership(tenantId, workspaceId, userId);
    this.d.events.emit('access.changed', { tenantId, workspaceId, userId });
    await this.audit(
      principal,
      meta,
      'member.leave',
      workspaceId,
      { type: 'user', id: userId },
      {
        role: member.role,
      },
    );
  }

  /** CONFLICT when the workspace's only admin would stop being one. */
  private async keepAnAdmin(
    tenantId: string,
    workspaceId: string,
    change: 'leave' | 'demote' | 'remove',
  ): Promise<void> {
    if ((await this.d.store.countAdmins(tenantId, workspaceId)) > 1) return;
    const what = {
      leave: 'You are the last admin of this workspace, so you cannot leave it',
      demote: 'This is the last admin of the workspace, so their role cannot be lowered',
      remove: 'This is the last admin of the workspace, so they cannot be removed',
    }[change];
    throw new FieldbookError('CONFLICT', `${what}: make another member an admin first`, {
      reason: 'lastAdmin',
    });
  }

  private async audit(
    principal: Principal,
    meta: RequestMeta,
    action: string,
    workspaceId: string,
    resource: { type: string; id: string },
    summary: Record<string, unknown> | null,
  ): Promise<void> {
    await this.d.audit.record(principal.tenantId, {
      actor: actorOf(principal),
      action,
      outcome: 'success',
      resource,
      workspaceId,
      summary,
      ...meta,
    });
  }
}

import {
  FieldbookError,
  can,
  compareRoles,
  type Action,
  type ActionContext,
  type Grant,
} from '@fieldbook/shared';
import type { IdentityStore } from './identityStore';
import type { Principal } from './principal';
import type { Workspace } from './types';

/** A workspace and what the caller holds in it. */
export interface WorkspaceAccess {
  workspace: Workspace;
  grant: Grant;
}

/** The one answer for anything the caller may not see: the same for another tenant's id and a random one. */
export function notFound(what = 'Resource'): FieldbookError {
  return new FieldbookError('RESOURCE_NOT_FOUND', `${what} not found`);
}

/**
 * Works out grants and enforces the permission matrix of @fieldbook/shared.
 * A workspace the caller cannot see (other tenant, not a member, unknown id)
 * is RESOURCE_NOT_FOUND; a visible one with too weak a role is
 * AUTH_INSUFFICIENT_PERMISSIONS.
 */
export class Access {
  constructor(private readonly store: IdentityStore) {}

  /**
   * What `principal` holds in `workspaceId`, or null when it cannot see it. An
   * archived workspace is read-only for everyone: the grant is capped to a viewer's.
   */
  async grantFor(principal: Principal, workspaceId: string): Promise<WorkspaceAccess | null> {
    const access = await this.fullGrantFor(principal, workspaceId);
    if (!access || access.workspace.archivedAt === null) return access;
    return { workspace: access.workspace, grant: { role: 'viewer', capabilities: [] } };
  }

  private async fullGrantFor(
    principal: Principal,
    workspaceId: string,
  ): Promise<WorkspaceAccess | null> {
    const workspace = await this.store.getWorkspace(principal.tenantId, workspaceId);
    if (!workspace) return null;
    if (principal.kind === 'user') {
      const grant = await this.userGrant(
        principal.tenantId,
        principal.userId,
        workspaceId,
        principal.tenantRole === 'admin',
      );
      return grant ? { workspace, grant } : null;
    }
    const { key } = principal;
    if (key.workspaceId !== null && key.workspaceId !== workspaceId) return null;
    const creator = await this.store.getUser(principal.tenantId, key.createdBy);
    if (!creator) return null;
    const creatorGrant = await this.userGrant(
      principal.tenantId,
      creator.id,
      workspaceId,
      creator.tenantRole === 'admin',
    );
    if (!creatorGrant) return null;
    const cap = key.access === 'read' ? 'viewer' : 'reviewer';
    const role = compareRoles(creatorGrant.role, cap) < 0 ? creatorGrant.role : cap;
    return {
      workspace,
      grant: { role, capabilities: key.access === 'read' ? [] : creatorGrant.capabilities },
    };
  }

  /** The grant for `workspaceId` when `principal` may perform `action` there; throws otherwise. */
  async require(
    principal: Principal,
    workspaceId: string,
    action: Action,
    ctx: ActionContext = {},
  ): Promise<WorkspaceAccess> {
    // Unarchiving is the one change an archived workspace takes.
    const access =
      action === 'workspace.archive'
        ? await this.fullGrantFor(principal, workspaceId)
        : await this.grantFor(principal, workspaceId);
    if (!access) throw notFound('Workspace');
    if (!can(access.grant, action, ctx)) {
      throw new FieldbookError(
        'AUTH_INSUFFICIENT_PERMISSIONS',
        `Your role may not do ${action} here`,
        { action },
      );
    }
    return access;
  }

  /** Throws unless `principal` is a tenant administrator (signed in, not a key). */
  requireTenantAdmin(principal: Principal): void {
    if (principal.kind !== 'user' || principal.tenantRole !== 'admin') {
      throw new FieldbookError(
        'AUTH_INSUFFICIENT_PERMISSIONS',
        'Only a tenant administrator may do this',
      );
    }
  }

  private async userGrant(
    tenantId: string,
    userId: string,
    workspaceId: string,
    tenantAdmin: boolean,
  ): Promise<Grant | null> {
    const membership = await this.store.getMembership(tenantId, workspaceId, userId);
    if (tenantAdmin) return { role: 'admin', capabilities: membership?.capabilities ?? [] };
    return membership ? { role: membership.role, capabilities: membership.capabilities } : null;
  }
}

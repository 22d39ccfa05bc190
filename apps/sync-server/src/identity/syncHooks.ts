import { FieldbookError, can, type Grant } from '@fieldbook/shared';
import type { Actor } from '../audit/types';
import {
  authorizeByGrant,
  type Principal as SocketPrincipal,
  type SyncAuthHooks,
  type UpgradeInfo,
} from '../sync/auth';
import type { Identity } from './identity';
import { actorOf, type Principal } from './principal';

/** The principal a sync socket carries: the sync layer's fields plus who it is and until when. */
export interface IdentitySocketPrincipal extends SocketPrincipal {
  /** Mutable: re-evaluated when a membership changes. */
  grant: Grant | null;
  identity: Principal;
  workspaceId: string;
  /** When the credential the socket was opened with stops being valid (epoch ms). */
  expiresAt: number | null;
  /** The workspace's "approvals need password re-entry" setting (mutable: kept current like the grant). */
  approvalsNeedPassword: boolean;
}

/** True for principals made by these hooks. */
export function isIdentitySocketPrincipal(p: SocketPrincipal): p is IdentitySocketPrincipal {
  return 'identity' in p && 'workspaceId' in p;
}

/** Remembers the audit actor behind each socket principal id, for entries written off the socket. */
export class ActorDirectory {
  private readonly actors = new Map<string, Actor>();

  remember(id: string, actor: Actor): void {
    this.actors.delete(id);
    this.actors.set(id, actor);
    if (this.actors.size > 10_000) this.actors.delete(this.actors.keys().next().value!);
  }

  /** The actor of `id`, or a bare user actor when it is not known. */
  actorOf(id: string): Actor {
    return this.actors.get(id) ?? { type: 'user', id, label: null };
  }
}

/**
 * The sync server's authentication and authorization hooks on the identity
 * layer. On upgrade: a `bearer.<token>` subprotocol (access token or API key)
 * or a single-use `?ticket=`; the caller must be able to read the workspace
 * (another tenant's or unknown workspace: not found). Per message: the
 * permission matrix on the socket's current grant (viewers read only).
 */
export function createIdentitySyncHooks(
  identity: Identity,
  options: {
    actors?: ActorDirectory;
    /**
     * Whether a document of the workspace has stored content. Documents are
     * born offline and created by their first sync, so a principal who may
     * not create documents (a viewer) is refused an id that has none (not found).
     */
    documentExists?: (key: { workspaceId: string; docId: string }) => Promise<boolean>;
  } = {},
): SyncAuthHooks & { actors: ActorDirectory } {
  const actors = options.actors ?? new ActorDirectory();
  return {
    actors,
    async authenticate(info: UpgradeInfo): Promise<IdentitySocketPrincipal | FieldbookError> {
      try {
        let principal: Principal;
        if (info.bearerToken) principal = await identity.authenticate(info.bearerToken);
        else if (info.ticket)
          principal = await identity.tickets.redeem(info.ticket, info.workspaceId);
        else
          return new FieldbookError(
            'AUTH_REQUIRED',
            'Offer a bearer.<token> subprotocol or a ticket',
          );
        const limited = identity.limiter.consume([
          principal.kind === 'user' ? ['user', principal.userId] : ['apiKey', principal.key.id],
          ['tenant', principal.tenantId],
        ]);
        if (limited) await limited;
        const access = await identity.access.grantFor(principal, info.workspaceId);
        if (!access) return new FieldbookError('RESOURCE_NOT_FOUND', 'Document not found');
        if (!can(access.grant, 'sync.read')) {
          return new FieldbookError(
            'AUTH_INSUFFICIENT_PERMISSIONS',
            'You may not read this workspace',
          );
        }
        if (
          options.documentExists &&
          !can(access.grant, 'document.create') &&
          !(await options.documentExists(info))
        ) {
          return new FieldbookError('RESOURCE_NOT_FOUND', 'Document not found');
        }
        const id = principal.kind === 'user' ? principal.userId : principal.key.id;
        actors.remember(id, actorOf(principal));
        return {
          id,
          tenantId: principal.tenantId,
          grant: access.grant,
          identity: principal,
          workspaceId: info.workspaceId,
          expiresAt: principal.expiresAt,
          approvalsNeedPassword: access.workspace.approvalsNeedPassword,
        };
      } catch (err) {
        if (err instanceof FieldbookError) return err;
        throw err;
      }
    },
    authorize: authorizeByGrant,
  };
}

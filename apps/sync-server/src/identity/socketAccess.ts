import { can, type Grant } from '@fieldbook/shared';
import type { Principal as SocketPrincipal, SyncTarget } from '../sync/auth';
import type { Identity } from './identity';
import { isIdentitySocketPrincipal, type IdentitySocketPrincipal } from './syncHooks';

/** What the watcher needs of an open socket. */
export interface WatchedSocket {
  principal: SocketPrincipal;
  target: SyncTarget;
  closed: boolean;
  close(code: number, reason: string): void;
}

/** Close codes sent to clients whose access ended. */
export const CLOSE_CREDENTIAL_ENDED = 4401;
export const CLOSE_ACCESS_REMOVED = 4403;

/**
 * Keeps open sync sockets in step with identity: a role change updates the
 * socket's grant at once (a downgraded editor can no longer write) and, with
 * `onGrantChanged`, tells the client its new grant; so does a change of the
 * workspace's "approvals need the password" setting; a removed
 * member's sockets close, a revoked key or ended session closes its sockets,
 * and a sweep every `sweepMs` closes sockets whose credential has expired.
 * Returns a function that stops watching.
 */
export function watchSocketAccess<S extends WatchedSocket>(
  identity: Identity,
  sockets: ReadonlySet<S>,
  options: {
    sweepMs?: number;
    onError?: (err: unknown) => void;
    /** Called with a socket's new grant when it still may read after a change. */
    onGrantChanged?: (socket: S, grant: Grant) => void;
  } = {},
): () => void {
  const live = function* () {
    for (const s of sockets)
      if (!s.closed && isIdentitySocketPrincipal(s.principal))
        yield s as S & { principal: IdentitySocketPrincipal };
  };

  /**
   * Re-reads the grant of the sockets in `workspaceId` (of `userId` only, when
   * given); `announce` tells the clients their new grant (a role change — not
   * an archive, whose read-only cap the app learns from the workspace itself).
   */
  const regrant = (
    {
      tenantId,
      workspaceId,
      userId,
    }: {
      tenantId: string;
      workspaceId: string;
      userId?: string;
    },
    announce: boolean,
  ) => {
    for (const s of live()) {
      const p = s.principal;
      if (p.tenantId !== tenantId || p.workspaceId !== workspaceId) continue;
      const affected =
        userId === undefined ||
        (p.identity.kind === 'user'
          ? p.identity.userId === userId
          : p.identity.key.createdBy === userId);
      if (!affected) continue;
      identity.access.grantFor(p.identity, workspaceId).then(
        (access) => {
          p.grant = access?.grant ?? null;
          if (access) p.approvalsNeedPassword = access.workspace.approvalsNeedPassword;
          if (!can(p.grant, 'sync.read'))
            s.close(CLOSE_ACCESS_REMOVED, 'access to this workspace was removed');
          else if (announce && !s.closed) options.onGrantChanged?.(s, p.grant!);
        },
        (err: unknown) => {
          p.grant = null;
          s.close(CLOSE_ACCESS_REMOVED, 'access could not be confirmed');
          options.onError?.(err);
        },
      );
    }
  };
  const onSessionRevoked = ({ tenantId, sessionId }: { tenantId: string; sessionId: string }) => {
    for (const s of live()) {
      const p = s.principal.identity;
      if (p.tenantId === tenantId && p.kind === 'user' && p.sessionId === sessionId) {
        s.close(CLOSE_CREDENTIAL_ENDED, 'session ended');
      }
    }
  };
  const onKeyRevoked = ({ tenantId, keyId }: { tenantId: string; keyId: string }) => {
    for (const s of live()) {
      const p = s.principal.identity;
      if (p.tenantId === tenantId && p.kind === 'apiKey' && p.key.id === keyId)
        s.close(CLOSE_CREDENTIAL_ENDED, 'API key revoked');
    }
  };
  const sweep = setInterval(() => {
    const now = identity.now();
    for (const s of live()) {
      const expiresAt = s.principal.expiresAt;
      if (expiresAt !== null && expiresAt <= now)
        s.close(CLOSE_CREDENTIAL_ENDED, 'credential expired');
    }
  }, options.sweepMs ?? 500);
  sweep.unref();

  const onAccessChanged = (e: { tenantId: string; workspaceId: string; userId: string }) =>
    regrant(e, true);
  const onWorkspaceChanged = (e: { tenantId: string; workspaceId: string }) => regrant(e, false);
  identity.events.on('access.changed', onAccessChanged);
  identity.events.on('workspace.changed', onWorkspaceChanged);
  identity.events.on('session.revoked', onSessionRevoked);
  identity.events.on('apiKey.revoked', onKeyRevoked);
  return () => {
    clearInterval(sweep);
    identity.events.off('access.changed', onAccessChanged);
    identity.events.off('workspace.changed', onWorkspaceChanged);
    identity.events.off('session.revoked', onSessionRevoked);
    identity.events.off('apiKey.revoked', onKeyRevoked);
  };
}

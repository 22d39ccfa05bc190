import { FieldbookError, can, type Action, type InstrumentActor } from '@fieldbook/shared';
import { notFound } from '../identity/access';
import type { Identity } from '../identity/identity';
import type { Principal } from '../identity/principal';

/**
 * Checks that `principal` may do `action` on an instrument's resource
 * (instrument, command, run) that belongs to `workspaceId`. A tenant-wide
 * resource (null workspace: its agent key names no workspace) needs the
 * action in at least one of the caller's workspaces. Anything the caller
 * cannot see is the same RESOURCE_NOT_FOUND as an unknown id; visible but
 * not allowed is AUTH_INSUFFICIENT_PERMISSIONS.
 */
export async function requireOnInstrument(
  identity: Identity,
  principal: Principal,
  workspaceId: string | null,
  action: Action,
  what: string,
): Promise<void> {
  if (workspaceId !== null) {
    const access = await identity.access.grantFor(principal, workspaceId);
    if (!access) throw notFound(what);
    if (!can(access.grant, action)) throw refused(action);
    return;
  }
  const page = await identity.workspaces.list(principal, {
    includeArchived: false,
    cursor: null,
    limit: 200,
  });
  if (page.items.length === 0) throw notFound(what);
  for (const w of page.items) {
    const access = await identity.access.grantFor(principal, w.id);
    if (access && can(access.grant, action)) return;
  }
  throw refused(action);
}

function refused(action: Action): FieldbookError {
  return new FieldbookError(
    'AUTH_INSUFFICIENT_PERMISSIONS',
    `Your role may not do ${action} here`,
    {
      action,
    },
  );
}

/** How a command or run names the person or key behind a request: their name, not just an id. */
export async function actorOfPrincipal(
  identity: Identity,
  principal: Principal,
): Promise<InstrumentActor> {
  if (principal.kind === 'apiKey')
    return { type: 'apiKey', id: principal.key.id, name: principal.key.name };
  const user = await identity.store.getUser(principal.tenantId, principal.userId);
  return { type: 'user', id: principal.userId, name: user?.name ?? principal.email };
}

/**
 * The person a principal stands for in the two-person rule: a user, or the
 * user who made the API key (so nobody approves their own command with a key).
 */
export function personOf(principal: Principal): string {
  return principal.kind === 'user' ? principal.userId : principal.key.createdBy;
}

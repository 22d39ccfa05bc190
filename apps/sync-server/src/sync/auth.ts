import { can, type FieldbookError, type Grant } from '@fieldbook/shared';

/** Who is on the other end of a sync socket, as the authentication hook established it. */
export interface Principal {
  /** User or API-key id; recorded as the actor of every update it sends. */
  id: string;
  tenantId: string;
  /** The principal's grant in the workspace of the socket (null: not a member). */
  grant: Grant | null;
}

/** The document a socket is bound to. */
export interface SyncTarget {
  workspaceId: string;
  docId: string;
}

/** What a message asks for: reading (sync step 1, awareness) or writing (step 2, update). */
export type SyncMessageKind = 'sync.read' | 'sync.write';

/** What the upgrade request offers for authentication. Never logged. */
export interface UpgradeInfo extends SyncTarget {
  /** From a `bearer.<token>` subprotocol, when offered. */
  bearerToken: string | undefined;
  /** From the `ticket` query parameter, when present. */
  ticket: string | undefined;
  /** Every subprotocol the client offered. */
  subprotocols: string[];
  headers: Record<string, string | string[] | undefined>;
  remoteAddress: string | undefined;
}

/**
 * The two places identity plugs into sync. `authenticate` runs once per
 * upgrade; a FieldbookError refuses the socket (closed with 4401 for AUTH_*
 * codes, 4403 for AUTH_INSUFFICIENT_PERMISSIONS, 4404 for RESOURCE_NOT_FOUND).
 * `authorize` runs for every message, so it must be synchronous and cheap.
 */
export interface SyncAuthHooks {
  authenticate(info: UpgradeInfo): Promise<Principal | FieldbookError> | Principal | FieldbookError;
  authorize(principal: Principal, target: SyncTarget, kind: SyncMessageKind): boolean;
}

/** Authorization by the permission matrix of @fieldbook/shared. */
export function authorizeByGrant(principal: Principal, _target: SyncTarget, kind: SyncMessageKind) {
  return can(principal.grant, kind);
}

/**
 * Development hooks: everyone is a contributor of tenant `dev`. Only safe on
 * loopback, which `loadConfig` enforces.
 */
export const devAuthHooks: SyncAuthHooks = {
  authenticate: () => ({
    id: 'dev-user',
    tenantId: 'dev',
    grant: { role: 'contributor', capabilities: [] },
  }),
  authorize: authorizeByGrant,
};

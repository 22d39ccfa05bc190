import { EventEmitter } from 'node:events';

/** Changes that must reach open sockets at once. */
export interface IdentityEventMap {
  /** A user's role or membership in a workspace changed (or was removed). */
  'access.changed': [{ tenantId: string; workspaceId: string; userId: string }];
  /** A workspace was archived or unarchived (every grant in it changed), or its approval setting changed. */
  'workspace.changed': [{ tenantId: string; workspaceId: string }];
  /** A session ended: logout, refresh-token reuse, or revocation. */
  'session.revoked': [{ tenantId: string; sessionId: string }];
  /** An API key was revoked. */
  'apiKey.revoked': [{ tenantId: string; keyId: string }];
}

/**
 * The in-process bus identity changes travel on; the sync hub subscribes to
 * re-check or close sockets. (A Redis relay can republish it across nodes.)
 */
export class IdentityEvents extends EventEmitter<IdentityEventMap> {}

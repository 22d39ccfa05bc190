import type { Identity } from '../identity/identity';
import type { Principal } from '../identity/principal';

/** Hono context variables of the REST API. */
export interface ApiEnv {
  Variables: {
    requestId: string;
    /** Set by `requireAuth` (or `optionalAuth` when a credential was sent). */
    principal: Principal;
    identity: Identity;
  };
}

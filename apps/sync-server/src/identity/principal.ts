import type { Actor } from '../audit/types';
import type { ApiKey, PrincipalRef, TenantRole } from './types';

/** An authenticated caller: a signed-in user or an API key, always inside one tenant. */
export type Principal =
  | {
      kind: 'user';
      tenantId: string;
      userId: string;
      email: string;
      sessionId: string;
      tenantRole: TenantRole;
      /** When the presented credential stops being valid (epoch ms). */
      expiresAt: number;
    }
  | {
      kind: 'apiKey';
      tenantId: string;
      key: ApiKey;
      expiresAt: number | null;
    };

/** The audit actor of a principal. */
export function actorOf(principal: Principal): Actor {
  return principal.kind === 'user'
    ? { type: 'user', id: principal.userId, label: principal.email }
    : { type: 'apiKey', id: principal.key.id, label: principal.key.name };
}

/** The stored reference of a principal (tickets, sockets). */
export function refOf(principal: Principal): PrincipalRef {
  return principal.kind === 'user'
    ? { kind: 'user', userId: principal.userId, sessionId: principal.sessionId }
    : { kind: 'apiKey', keyId: principal.key.id };
}

/** Where a request came from, for audit entries and address rate limits. */
export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
}

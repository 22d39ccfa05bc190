import { isFieldbookError } from '@fieldbook/shared';
import type { AgentPrincipal, AuthenticateAgentKey } from '../agents/agentAuth';
import type { Identity } from './identity';

/**
 * The agent gateway's key check on the identity layer: a valid, unexpired,
 * unrevoked API key created with `agent: true`; its tenant and workspace
 * scope come from the key. Any other credential is refused (null).
 */
export function identityAgentAuthenticator(identity: Identity): AuthenticateAgentKey {
  return async (key: string): Promise<AgentPrincipal | null> => {
    try {
      const principal = await identity.keys.authenticateAgent(key);
      const limited = identity.limiter.consume([
        ['apiKey', principal.key.id],
        ['tenant', principal.tenantId],
      ]);
      if (limited) await limited;
      return {
        tenantId: principal.tenantId,
        keyId: principal.key.id,
        workspaceId: principal.key.workspaceId,
      };
    } catch (err) {
      if (isFieldbookError(err)) return null;
      throw err;
    }
  };
}

/** Closes an agent's sockets as soon as its key is revoked; returns a function that stops listening. */
export function closeAgentsOnKeyRevocation(
  identity: Identity,
  gateway: { closeKey(tenantId: string, keyId: string): number },
): () => void {
  const onRevoked = ({ tenantId, keyId }: { tenantId: string; keyId: string }) =>
    void gateway.closeKey(tenantId, keyId);
  identity.events.on('apiKey.revoked', onRevoked);
  return () => identity.events.off('apiKey.revoked', onRevoked);
}

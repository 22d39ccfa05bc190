import type { IncomingMessage } from 'node:http';

/** Who an agent's API key stands for: the tenant always comes from here, never from a message. */
export interface AgentPrincipal {
  tenantId: string;
  /** The API key's id (for audit and revocation). */
  keyId: string;
  /** The one workspace the key reaches, or null for the whole tenant. */
  workspaceId: string | null;
}

/** Checks a presented API key; null when it is unknown, revoked, expired or not an agent key. */
export type AuthenticateAgentKey = (key: string) => Promise<AgentPrincipal | null>;

/** The subprotocol agents offer; the server answers it. */
export const AGENT_SUBPROTOCOL = 'fieldbook.agent.v1';

/**
 * The API key of an upgrade request: `Authorization: Bearer <key>`, or a
 * `bearer.<key>` WebSocket subprotocol for clients that cannot set headers.
 */
export function presentedKey(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim() || null;
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const bearer = offered.find((p) => p.startsWith('bearer.'));
  return bearer ? bearer.slice('bearer.'.length) || null : null;
}

/** An authenticator over a fixed map of keys, for tests and single-user setups. */
export function mapAuthenticator(keys: Record<string, AgentPrincipal>): AuthenticateAgentKey {
  const table = new Map(Object.entries(keys));
  return async (key) => table.get(key) ?? null;
}

export { createAgentGateway, type AgentGateway, type AgentGatewayOptions } from './agentGateway';
export {
  AGENT_SUBPROTOCOL,
  mapAuthenticator,
  presentedKey,
  type AgentPrincipal,
  type AuthenticateAgentKey,
} from './agentAuth';
export type { SessionLimits } from './connectionContext';

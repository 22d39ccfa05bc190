export { roverSimulator } from './simulators/rover';
export { incubatorSimulator } from './simulators/incubator';
export type { Simulator } from './simulators/simulator';
export { helloMessage, batchMessage, type AgentSession } from './messages';
export {
  AgentClient,
  AGENT_SUBPROTOCOL,
  type AgentClientOptions,
  type AgentClientStats,
} from './client/agentClient';
export { DiskBuffer, type DiskBufferOptions, type Block } from './client/diskBuffer';
export { backoffDelay } from './client/backoff';

export { roverSimulator } from './simulators/rover';
export { incubatorSimulator } from './simulators/incubator';
export type { Simulator } from './simulators/simulator';
export { SimulatedAgent } from './simulators/simulatedAgent';
export { helloMessage, batchMessage, type AgentSession } from './messages';
export { AgentClient, AGENT_SUBPROTOCOL } from './client/agentClient';
export type { AgentClientOptions, AgentClientStats } from './client/clientOptions';
export {
  CommandError,
  CANCELLED,
  INTERRUPTED,
  type CommandControl,
  type CommandHandler,
  type IncomingCommand,
} from './client/commandRunner';
export type { EventBody, OutboxEntry } from './client/outbox';
export { DiskBuffer, type DiskBufferOptions, type Block } from './client/diskBuffer';
export { backoffDelay } from './client/backoff';

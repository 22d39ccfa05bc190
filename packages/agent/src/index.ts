export { roverSimulator } from './simulators/rover';
export { incubatorSimulator } from './simulators/incubator';
export type { Simulator } from './simulators/simulator';
export { helloMessage, batchMessage, type AgentSession } from './messages';

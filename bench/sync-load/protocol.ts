/**
 * IPC messages between the load generator's parent (coordinator) and its worker processes.
 * Phases run in lock step: init → connect → edit → report → close.
 */

/** Where a client connects: y-websocket's `serverUrl` + `roomname`, plus subprotocols. */
export interface Endpoint {
  serverUrl: string;
  protocols: string[];
}

/** One simulated user: a stock WebsocketProvider with its own Y.Doc. */
export interface ClientSpec {
  clientKey: string;
  docId: string;
  /** Makes the document a Fieldbook note once synced (one client per document, with --kind note). */
  createsNote?: boolean;
}

export type EditPhase = 'warmup' | 'measured';

export interface WorkerConfig {
  workerIndex: number;
  endpoint: Endpoint;
  clients: ClientSpec[];
  clientsPerDoc: number;
  editsPerSecond: number;
  connectTimeoutMs: number;
  drainTimeoutMs: number;
}

export type ParentMessage =
  | { type: 'init'; config: WorkerConfig }
  | { type: 'connect' }
  /** An edit phase: a warm-up (not measured) or the measured one; each is drained before the next. */
  | { type: 'edit'; phase: EditPhase; editsPerClient: number; startAtEpochMs: number }
  | { type: 'report' }
  | { type: 'close' };

/** Per-client end state, used by the parent to check convergence. */
export interface ClientOutcome {
  clientKey: string;
  docId: string;
  remoteEditsReceived: number;
  duplicateArrivals: number;
  contentHash: string;
  entries: number;
}

export interface WorkerReport {
  workerIndex: number;
  latenciesMs: Float64Array;
  /** Send time of each delivery in `latenciesMs` (same order). */
  sentAtEpochMs: Float64Array;
  outcomes: ClientOutcome[];
  cpuUserMicros: number;
  cpuSystemMicros: number;
  editPhaseWallMs: number;
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  scheduleLagP99Ms: number;
  scheduleLagMaxMs: number;
  disconnects: number;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'connected'; connectMs: Float64Array; failures: string[] }
  | { type: 'drained'; phase: EditPhase; complete: boolean; lastArrivalEpochMs: number }
  | { type: 'report'; report: WorkerReport }
  | { type: 'error'; message: string };

/** Current wall-clock time in epoch ms with sub-ms precision, comparable across processes. */
export function epochNowMs(): number {
  return performance.timeOrigin + performance.now();
}

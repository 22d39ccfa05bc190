/**
 * Worker process of the sync load benchmark: owns a slice of the simulated clients and runs the
 * phases the parent orders over IPC (connect, warm-up edits, measured edits, report, close).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  epochNowMs,
  type EditPhase,
  type ParentMessage,
  type WorkerConfig,
  type WorkerMessage,
  type WorkerReport,
} from './protocol';
import { SimClient } from './sim-client';
import { percentile } from './stats';

function send(message: WorkerMessage): void {
  process.send?.(message);
}

// The histogram records whole timer intervals: subtract the resolution to get the delay.
const LOOP_DELAY_RESOLUTION_MS = 10;
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });

let config: WorkerConfig | undefined;
let clients: SimClient[] = [];

/** What one edit phase measured; reset at the start of every phase. */
class PhaseState {
  readonly latencies: number[] = [];
  readonly sentAts: number[] = [];
  readonly scheduleLags: number[] = [];
  startEpochMs = 0;
  endEpochMs = 0;
  cpuAtStart: NodeJS.CpuUsage | undefined;
  cpuUsed: NodeJS.CpuUsage = { user: 0, system: 0 };
  pendingClients: number;
  pendingEdits: number;
  drained = false;

  constructor(
    readonly phase: EditPhase,
    readonly expectedRemote: number,
    editsPerClient: number,
  ) {
    this.pendingClients = expectedRemote > 0 ? clients.length : 0;
    this.pendingEdits = clients.length * editsPerClient;
  }
}

let state: PhaseState | undefined;

function onRemoteEdit(client: SimClient, latencyMs: number, sentAtEpochMs: number): void {
  if (!state) return;
  state.latencies.push(latencyMs);
  state.sentAts.push(sentAtEpochMs);
  if (client.receivedInPhase === state.expectedRemote) {
    state.pendingClients--;
    maybeDrained(state);
  }
}

function finishPhase(s: PhaseState, complete: boolean): void {
  if (s.drained) return;
  s.drained = true;
  s.endEpochMs = epochNowMs();
  s.cpuUsed = process.cpuUsage(s.cpuAtStart);
  loopDelay.disable();
  const lastArrival = Math.max(0, ...clients.map((c) => c.lastArrivalEpochMs));
  send({ type: 'drained', phase: s.phase, complete, lastArrivalEpochMs: lastArrival });
}

function maybeDrained(s: PhaseState): void {
  if (s.startEpochMs > 0 && s.pendingEdits === 0 && s.pendingClients === 0) finishPhase(s, true);
}

async function connectAll(cfg: WorkerConfig): Promise<void> {
  clients = cfg.clients.map((spec) => new SimClient(spec, cfg.endpoint, onRemoteEdit));
  const results = await Promise.allSettled(clients.map((c) => c.whenSynced(cfg.connectTimeoutMs)));
  const connectMs = new Float64Array(results.length);
  const failures: string[] = [];
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') connectMs[i] = r.value;
    else failures.push(String(r.reason instanceof Error ? r.reason.message : r.reason));
  });
  send({ type: 'connected', connectMs, failures });
}

/** Schedules each client's edits at the given rate from a common start, with a jittered phase. */
function startPhase(
  cfg: WorkerConfig,
  phase: EditPhase,
  editsPerClient: number,
  startAtEpochMs: number,
): void {
  const s = new PhaseState(phase, (cfg.clientsPerDoc - 1) * editsPerClient, editsPerClient);
  for (const c of clients) c.beginPhase(phase);
  state = s;
  const intervalMs = 1000 / cfg.editsPerSecond;
  const begin = (): void => {
    s.startEpochMs = epochNowMs();
    s.cpuAtStart = process.cpuUsage();
    loopDelay.reset();
    loopDelay.enable();
    for (const client of clients) {
      const offset = Math.random() * intervalMs;
      const editAt = (n: number): void => {
        const due = startAtEpochMs + offset + n * intervalMs;
        setTimeout(
          () => {
            s.scheduleLags.push(Math.max(0, epochNowMs() - due));
            client.edit(phase, n);
            s.pendingEdits--;
            if (n + 1 < editsPerClient) editAt(n + 1);
            else maybeDrained(s);
          },
          Math.max(0, due - epochNowMs()),
        );
      };
      editAt(0);
    }
    const deadline = (editsPerClient + 1) * intervalMs + cfg.drainTimeoutMs;
    setTimeout(() => finishPhase(s, false), deadline).unref();
    maybeDrained(s);
  };
  setTimeout(begin, Math.max(0, startAtEpochMs - epochNowMs()));
}

function buildReport(cfg: WorkerConfig, s: PhaseState): WorkerReport {
  const lags = Float64Array.from(s.scheduleLags).sort();
  return {
    workerIndex: cfg.workerIndex,
    latenciesMs: Float64Array.from(s.latencies),
    sentAtEpochMs: Float64Array.from(s.sentAts),
    outcomes: clients.map((c) => c.outcome()),
    cpuUserMicros: s.cpuUsed.user,
    cpuSystemMicros: s.cpuUsed.system,
    editPhaseWallMs: s.endEpochMs - s.startEpochMs,
    eventLoopDelayP99Ms: Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_DELAY_RESOLUTION_MS),
    eventLoopDelayMaxMs: Math.max(0, loopDelay.max / 1e6 - LOOP_DELAY_RESOLUTION_MS),
    scheduleLagP99Ms: percentile(lags, 99),
    scheduleLagMaxMs: lags.length > 0 ? (lags[lags.length - 1] ?? 0) : 0,
    disconnects: clients.reduce((sum, c) => sum + c.disconnects, 0),
  };
}

function handle(message: ParentMessage): void {
  if (message.type === 'init') {
    config = message.config;
    return;
  }
  if (!config) throw new Error(`'${message.type}' before 'init'`);
  switch (message.type) {
    case 'connect':
      void connectAll(config);
      return;
    case 'edit':
      startPhase(config, message.phase, message.editsPerClient, message.startAtEpochMs);
      return;
    case 'report':
      if (!state) throw new Error("'report' before any edit phase");
      send({ type: 'report', report: buildReport(config, state) });
      return;
    case 'close':
      for (const c of clients) c.destroy();
      setImmediate(() => process.exit(0));
      return;
  }
}

// y-websocket adds a process 'exit' listener per provider; hundreds of them are expected here.
process.setMaxListeners(0);
process.on('message', (message: ParentMessage) => {
  try {
    handle(message);
  } catch (err) {
    send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
process.on('uncaughtException', (err) => {
  send({ type: 'error', message: `worker crashed: ${err.stack ?? err.message}` });
  setImmediate(() => process.exit(1));
});
// The parent is gone (crash or ctrl-c): never linger as an orphan holding sockets.
process.on('disconnect', () => process.exit(1));
send({ type: 'ready' });

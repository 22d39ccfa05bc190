/**
 * The figures of one run against one server, computed from what the parent and the workers
 * measured: latency distribution, deliveries, server CPU per delivery, worker saturation,
 * machine load by others, and whether that load disturbed the run.
 */
import type { Convergence } from './convergence';
import type { ProfileSummary } from './profiler';
import type { WorkerReport } from './protocol';
import { distribution, percentile, round2, type Distribution } from './stats';

export interface Workload {
  docs: number;
  clientsPerDoc: number;
  editsPerClient: number;
  /** Edits per client made before the measured phase (JIT and connection warm-up), unmeasured. */
  warmupEditsPerClient: number;
  editsPerSecond: number;
  workers: number;
  /**
   * `plain`: documents of no Fieldbook kind (the server checks sync.write only). `note`: each
   * document is made a note first, so every edit is note content that the document-level
   * checks read and check against the permission matrix.
   */
  docKind: 'plain' | 'note';
}

export interface TargetResult {
  connect: { totalMs: number; perClient: Distribution };
  fanOutLatencyMs: Distribution;
  /** p99 fan-out latency of the edits sent in each second of the measured phase. */
  fanOutP99BySecondMs: number[];
  deliveries: number;
  expectedDeliveries: number;
  editPhaseMs: number;
  deliveriesPerSec: number;
  server: {
    cpuMs: number;
    cpuPerDeliveryMicros: number;
    /** Server CPU per edit made in the measured phase (each edit is delivered to clients − 1 others). */
    cpuPerEditMicros: number;
    /** The user-space and kernel (system) parts of `cpuPerDeliveryMicros`. */
    userPerDeliveryMicros: number;
    systemPerDeliveryMicros: number;
    /** The event-loop thread's part and that of every other thread (GC, workers, libuv pool). */
    mainThreadPerDeliveryMicros: number;
    otherThreadsPerDeliveryMicros: number;
    cpuCoresUsed: number;
    peakRssMiB: number;
    /** Resident memory (MiB) once listening, before any client, and after the run: total and anonymous (heap, malloc) vs file-backed (code, mapped files). */
    memory?: {
      listeningRssMiB: number;
      listeningAnonMiB: number;
      endRssMiB: number;
      endAnonMiB: number;
      endFileMiB: number;
    };
  };
  workers: {
    cpuCoresUsed: number[];
    eventLoopDelayP99Ms: number;
    eventLoopDelayMaxMs: number;
    editScheduleLagP99Ms: number;
    editScheduleLagMaxMs: number;
    disconnects: number;
  };
  /** Cores busy on the whole machine during the measured phase, and how many were not ours. */
  machineLoad: { busyCores: number; otherCores: number };
  /**
   * Why this run's latencies may not reflect the server: other processes took CPU, or the
   * load generator fell behind its schedule. Empty when the run was clean.
   */
  disturbances: string[];
  convergence: Convergence;
  profile?: ProfileSummary & { file: string };
  /** Server system calls per delivery in the measured phase (with --syscalls). */
  syscallsPerDelivery?: Record<string, number>;
  webhooks?: WebhookDeliveries;
}

/** Webhook deliveries the bench's loopback receiver got (fieldbook-webhooks). */
export interface WebhookDeliveries {
  /** Those that arrived during the measured phase. */
  deliveriesMeasured: number;
  /** Those of the whole run, from the clients' first connection to the convergence check. */
  deliveriesTotal: number;
}

/** What one run measured, before it is turned into figures. */
export interface RawMeasurement {
  workload: Workload;
  connectTotalMs: number;
  connectMs: Float64Array[];
  reports: WorkerReport[];
  /** Start of the measured phase, epoch ms. */
  startAt: number;
  /** Last arrival of a measured edit at any client, epoch ms. */
  lastArrival: number;
  /** When every worker had drained the measured phase, epoch ms. */
  drainedAt: number;
  serverCpu: { user: number; system: number };
  serverThreads: { main: number; others: number };
  machineBusyMicros: number;
  parentMicros: number;
  peakRssKiB: number;
  convergence: Convergence;
  profile?: ProfileSummary & { file: string };
  syscallCounts?: Record<string, number>;
  webhooks?: WebhookDeliveries;
}

/** Other processes using more than this many cores mark a run as disturbed. */
const OTHER_LOAD_LIMIT_CORES = 0.25;
/** Edits sent this late (p99) mean the load generator could not keep up. */
const SCHEDULE_LAG_LIMIT_MS = 50;

/** Turns a run's raw measurements into its reported figures. */
export function assembleResult(raw: RawMeasurement): TargetResult {
  const { workload, reports, startAt, drainedAt } = raw;
  const editPhaseMs = (raw.lastArrival > startAt ? raw.lastArrival : drainedAt) - startAt;
  const latencies = concat(reports.map((r) => r.latenciesMs));
  const deliveries = latencies.length;
  const cpuMicros = raw.serverCpu.user + raw.serverCpu.system;
  const perDelivery = (micros: number): number => round2(deliveries > 0 ? micros / deliveries : 0);
  const editsMade = workload.docs * workload.clientsPerDoc * workload.editsPerClient;
  const workerMicros = reports.reduce((n, r) => n + r.cpuUserMicros + r.cpuSystemMicros, 0);
  const load = machineLoad(
    raw.machineBusyMicros,
    drainedAt - startAt,
    cpuMicros + workerMicros + raw.parentMicros,
  );
  const scheduleLagP99 = Math.max(...reports.map((r) => r.scheduleLagP99Ms));
  return {
    connect: {
      totalMs: round2(raw.connectTotalMs),
      perClient: distribution(concat(raw.connectMs)),
    },
    fanOutLatencyMs: distribution(latencies),
    fanOutP99BySecondMs: p99BySecond(
      latencies,
      concat(reports.map((r) => r.sentAtEpochMs)),
      startAt,
    ),
    deliveries,
    expectedDeliveries:
      workload.docs *
      workload.clientsPerDoc *
      (workload.clientsPerDoc - 1) *
      workload.editsPerClient,
    editPhaseMs: round2(editPhaseMs),
    deliveriesPerSec: round2(deliveries / (editPhaseMs / 1000)),
    server: {
      cpuMs: round2(cpuMicros / 1000),
      cpuPerDeliveryMicros: perDelivery(cpuMicros),
      cpuPerEditMicros: round2(cpuMicros / editsMade),
      userPerDeliveryMicros: perDelivery(raw.serverCpu.user),
      systemPerDeliveryMicros: perDelivery(raw.serverCpu.system),
      mainThreadPerDeliveryMicros: perDelivery(raw.serverThreads.main),
      otherThreadsPerDeliveryMicros: perDelivery(raw.serverThreads.others),
      cpuCoresUsed: round2(cpuMicros / 1000 / (drainedAt - startAt)),
      peakRssMiB: round2(raw.peakRssKiB / 1024),
    },
    workers: {
      cpuCoresUsed: reports.map((r) =>
        round2((r.cpuUserMicros + r.cpuSystemMicros) / 1000 / Math.max(1, r.editPhaseWallMs)),
      ),
      eventLoopDelayP99Ms: round2(Math.max(...reports.map((r) => r.eventLoopDelayP99Ms))),
      eventLoopDelayMaxMs: round2(Math.max(...reports.map((r) => r.eventLoopDelayMaxMs))),
      editScheduleLagP99Ms: round2(scheduleLagP99),
      editScheduleLagMaxMs: round2(Math.max(...reports.map((r) => r.scheduleLagMaxMs))),
      disconnects: reports.reduce((s, r) => s + r.disconnects, 0),
    },
    machineLoad: load,
    disturbances: [
      ...(load.otherCores > OTHER_LOAD_LIMIT_CORES
        ? [`other processes used ${load.otherCores} cores`]
        : []),
      ...(scheduleLagP99 > SCHEDULE_LAG_LIMIT_MS
        ? [`load generator behind schedule (p99 ${round2(scheduleLagP99)} ms)`]
        : []),
    ],
    convergence: raw.convergence,
    ...(raw.profile ? { profile: raw.profile } : {}),
    ...(raw.webhooks ? { webhooks: raw.webhooks } : {}),
    ...(raw.syscallCounts
      ? {
          syscallsPerDelivery: Object.fromEntries(
            Object.entries(raw.syscallCounts).map(([k, n]) => [
              k,
              Math.round((n / deliveries) * 1000) / 1000,
            ]),
          ),
        }
      : {}),
  };
}

/** p99 latency per second of send time, to show whether the tail is spread out or a burst. */
function p99BySecond(latencies: Float64Array, sentAts: Float64Array, startAt: number): number[] {
  const buckets: number[][] = [];
  sentAts.forEach((sentAt, i) => {
    const second = Math.max(0, Math.floor((sentAt - startAt) / 1000));
    (buckets[second] ??= []).push(latencies[i] ?? 0);
  });
  return Array.from(buckets, (b) => round2(percentile(Float64Array.from(b ?? []).sort(), 99)));
}

/** Machine-wide busy cores over a phase, and the part used by processes outside the benchmark. */
function machineLoad(
  busyMicros: number,
  wallMs: number,
  ourMicros: number,
): TargetResult['machineLoad'] {
  const cores = (micros: number): number => round2(micros / 1000 / wallMs);
  return { busyCores: cores(busyMicros), otherCores: Math.max(0, cores(busyMicros - ourMicros)) };
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

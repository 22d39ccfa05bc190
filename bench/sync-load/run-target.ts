/**
 * One measured run of the workload against one server: start the server, fork the workers,
 * connect every client, run the edit phase while reading the server's CPU from /proc, drain,
 * check convergence, and stop everything.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '@fieldbook/shared';
import { checkConvergence, fetchServerReplicas, type Convergence } from './convergence';
import { readCpuMicros, readMachineCpuMicros, readPeakRssKiB } from './proc-stats';
import { startProfiling, summarizeProfile, type ProfileSummary } from './profiler';
import {
  epochNowMs,
  type ClientSpec,
  type EditPhase,
  type WorkerMessage,
  type WorkerReport,
} from './protocol';
import { startServer, type ServerHandle, type TargetName } from './server-process';
import { distribution, percentile, round2, type Distribution } from './stats';
import { countSyscalls, type SyscallCounter } from './syscall-counter';
import { WorkerPool } from './worker-pool';

export interface Workload {
  docs: number;
  clientsPerDoc: number;
  editsPerClient: number;
  /** Edits per client made before the measured phase (JIT and connection warm-up), unmeasured. */
  warmupEditsPerClient: number;
  editsPerSecond: number;
  workers: number;
}

export interface RunOptions {
  /** Directory for an edit-phase CPU profile of the server; no profiling when undefined. */
  profileDir?: string;
  runLabel: string;
  /** Count the server's system calls in the measured phase with `perf stat`. */
  countSyscalls?: boolean;
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
    /** The user-space and kernel (system) parts of `cpuPerDeliveryMicros`. */
    userPerDeliveryMicros: number;
    systemPerDeliveryMicros: number;
    cpuCoresUsed: number;
    peakRssMiB: number;
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
}

type MessageOf<T extends WorkerMessage['type']> = Extract<WorkerMessage, { type: T }>;

/** Other processes using more than this many cores mark a run as disturbed. */
const OTHER_LOAD_LIMIT_CORES = 0.25;
/** Edits sent this late (p99) mean the load generator could not keep up. */
const SCHEDULE_LAG_LIMIT_MS = 50;

const CONNECT_TIMEOUT_MS = 30_000;
const DRAIN_TIMEOUT_MS = 15_000;

/** Spreads the clients of each document over the workers round-robin. */
function assignClients(docIds: string[], workload: Workload): ClientSpec[][] {
  const slices: ClientSpec[][] = Array.from({ length: workload.workers }, () => []);
  docIds.forEach((docId, d) => {
    for (let c = 0; c < workload.clientsPerDoc; c++) {
      const slot = (d * workload.clientsPerDoc + c) % workload.workers;
      slices[slot]?.push({ clientKey: `d${d}c${c}`, docId });
    }
  });
  return slices;
}

/** Races `work` against the server dying, so a crash fails the run at once. */
function unlessDied<T>(server: ServerHandle, work: Promise<T>): Promise<T> {
  return Promise.race([work, server.died]);
}

/**
 * Runs one edit phase on every worker from a common start time and waits until all workers
 * have drained it; `onStart` runs at the start time (to read the server's CPU).
 */
async function runPhase(
  pool: WorkerPool,
  workload: Workload,
  phase: EditPhase,
  editsPerClient: number,
  onStart?: () => void,
): Promise<{ startAt: number; drained: MessageOf<'drained'>[] }> {
  const windowMs = ((editsPerClient + 1) * 1000) / workload.editsPerSecond;
  const startAt = epochNowMs() + 300;
  for (const w of pool.workers)
    w.send({ type: 'edit', phase, editsPerClient, startAtEpochMs: startAt });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - epochNowMs())));
  onStart?.();
  const drained = await pool.all((w) => w.next('drained', windowMs + DRAIN_TIMEOUT_MS + 10_000));
  if (drained.some((d) => !d.complete)) {
    console.error(`sync-load: ${phase} edits did not all arrive within the drain timeout`);
  }
  return { startAt, drained };
}

/** Runs the workload once against `target` and measures it. */
export async function runTarget(
  target: TargetName,
  workload: Workload,
  opts: RunOptions,
): Promise<TargetResult> {
  const server = await startServer(target, {
    inspect: opts.profileDir !== undefined,
    readyTimeoutMs: 60_000,
  });
  let pool: WorkerPool | undefined;
  try {
    pool = await unlessDied(server, WorkerPool.start(workload.workers, 30_000));
    return await unlessDied(server, measure(server, pool, workload, opts));
  } finally {
    await pool?.close();
    await server.stop();
  }
}

async function measure(
  server: ServerHandle,
  pool: WorkerPool,
  workload: Workload,
  opts: RunOptions,
): Promise<TargetResult> {
  const workspaceId = newId();
  const docIds = Array.from({ length: workload.docs }, () => newId());
  const endpoint = server.endpoint(workspaceId);
  const slices = assignClients(docIds, workload);

  pool.workers.forEach((w, i) =>
    w.send({
      type: 'init',
      config: {
        workerIndex: i,
        endpoint,
        clients: slices[i] ?? [],
        clientsPerDoc: workload.clientsPerDoc,
        editsPerSecond: workload.editsPerSecond,
        connectTimeoutMs: CONNECT_TIMEOUT_MS,
        drainTimeoutMs: DRAIN_TIMEOUT_MS,
      },
    }),
  );

  const connectStart = performance.now();
  for (const w of pool.workers) w.send({ type: 'connect' });
  const connected = await pool.all((w) => w.next('connected', CONNECT_TIMEOUT_MS + 5000));
  const connectTotalMs = performance.now() - connectStart;
  const failures = connected.flatMap((c) => c.failures);
  if (failures.length > 0) {
    throw new Error(`${failures.length} clients failed to connect, e.g. ${failures[0]}`);
  }

  if (workload.warmupEditsPerClient > 0) {
    await runPhase(pool, workload, 'warmup', workload.warmupEditsPerClient);
  }
  const profiler = server.inspectorUrl ? await startProfiling(server.inspectorUrl) : undefined;
  let cpuStart = { user: 0, system: 0 };
  let syscalls: SyscallCounter | undefined;
  let machineStart = { busy: 0, total: 0 };
  let parentStart = process.cpuUsage();
  const { startAt, drained } = await runPhase(
    pool,
    workload,
    'measured',
    workload.editsPerClient,
    () => {
      if (opts.countSyscalls) syscalls = countSyscalls(server.pid);
      cpuStart = readCpuMicros(server.pid);
      machineStart = readMachineCpuMicros();
      parentStart = process.cpuUsage();
    },
  );
  const cpuEnd = readCpuMicros(server.pid);
  const machineEnd = readMachineCpuMicros();
  const parentUsed = process.cpuUsage(parentStart);
  const drainedAt = epochNowMs();
  const profile = await profiler?.stop();
  const syscallCounts = await syscalls?.stop();

  const reports: WorkerReport[] = await pool.all(async (w) => {
    w.send({ type: 'report' });
    return (await w.next('report', 30_000)).report;
  });
  const serverReplicas = server.keepsState
    ? await fetchServerReplicas(endpoint, docIds, CONNECT_TIMEOUT_MS)
    : null;
  const peakRssKiB = readPeakRssKiB(server.pid);

  const lastArrival = Math.max(...drained.map((d) => d.lastArrivalEpochMs));
  const editPhaseMs = (lastArrival > startAt ? lastArrival : drainedAt) - startAt;
  const latencies = concat(reports.map((r) => r.latenciesMs));
  const deliveries = latencies.length;
  const userMicros = cpuEnd.user - cpuStart.user;
  const systemMicros = cpuEnd.system - cpuStart.system;
  const cpuMicros = userMicros + systemMicros;
  const perDelivery = (micros: number): number => round2(deliveries > 0 ? micros / deliveries : 0);
  const outcomes = reports.flatMap((r) => r.outcomes);
  const workerMicros = reports.reduce((n, r) => n + r.cpuUserMicros + r.cpuSystemMicros, 0);
  let profileSummary: TargetResult['profile'];
  if (profile && opts.profileDir) {
    const file = join(opts.profileDir, `${server.name}-${opts.runLabel}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    profileSummary = { file, ...summarizeProfile(profile) };
  }
  const load = machineLoad(
    machineEnd.busy - machineStart.busy,
    drainedAt - startAt,
    cpuMicros + workerMicros + parentUsed.user + parentUsed.system,
  );
  const scheduleLagP99 = Math.max(...reports.map((r) => r.scheduleLagP99Ms));
  const disturbances = [
    ...(load.otherCores > OTHER_LOAD_LIMIT_CORES
      ? [`other processes used ${load.otherCores} cores`]
      : []),
    ...(scheduleLagP99 > SCHEDULE_LAG_LIMIT_MS
      ? [`load generator behind schedule (p99 ${round2(scheduleLagP99)} ms)`]
      : []),
  ];
  return {
    connect: {
      totalMs: round2(connectTotalMs),
      perClient: distribution(concat(connected.map((c) => c.connectMs))),
    },
    fanOutP99BySecondMs: p99BySecond(
      latencies,
      concat(reports.map((r) => r.sentAtEpochMs)),
      startAt,
    ),
    fanOutLatencyMs: distribution(latencies),
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
      userPerDeliveryMicros: perDelivery(userMicros),
      systemPerDeliveryMicros: perDelivery(systemMicros),
      cpuCoresUsed: round2(cpuMicros / 1000 / (drainedAt - startAt)),
      peakRssMiB: round2(peakRssKiB / 1024),
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
    disturbances,
    convergence: checkConvergence(outcomes, serverReplicas, workload),
    ...(profileSummary ? { profile: profileSummary } : {}),
    ...(syscallCounts
      ? {
          syscallsPerDelivery: Object.fromEntries(
            Object.entries(syscallCounts).map(([k, n]) => [
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

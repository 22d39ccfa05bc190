/**
 * One measured run of the workload against one server: start the server, fork the workers,
 * connect every client, run the edit phase while reading the server's CPU from /proc, drain,
 * check convergence, and stop everything.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '@fieldbook/shared';
import { checkConvergence, fetchServerReplicas } from './convergence';
import {
  readCpuMicros,
  readMachineCpuMicros,
  readMemoryKiB,
  readPeakRssKiB,
  readThreadSplitMicros,
} from './proc-stats';
import { startProfiling, summarizeProfile } from './profiler';
import {
  epochNowMs,
  type ClientSpec,
  type EditPhase,
  type WorkerMessage,
  type WorkerReport,
} from './protocol';
import type { MemoryKiB } from './proc-stats';
import { SIGNED_IN, startServer, type ServerHandle, type TargetName } from './server-process';
import { countSyscalls, type SyscallCounter } from './syscall-counter';
import { assembleResult, type TargetResult, type Workload } from './target-result';
import { setUpTenant, type TenantWorkspace } from './tenant-setup';
import { WorkerPool } from './worker-pool';

export interface RunOptions {
  /** Directory for an edit-phase CPU profile of the server; no profiling when undefined. */
  profileDir?: string;
  runLabel: string;
  /** Count the server's system calls in the measured phase with `perf stat`. */
  countSyscalls?: boolean;
}

type MessageOf<T extends WorkerMessage['type']> = Extract<WorkerMessage, { type: T }>;

const CONNECT_TIMEOUT_MS = 30_000;
const DRAIN_TIMEOUT_MS = 15_000;

/** Spreads the clients of each document over the workers round-robin. */
function assignClients(docIds: string[], workload: Workload): ClientSpec[][] {
  const slices: ClientSpec[][] = Array.from({ length: workload.workers }, () => []);
  docIds.forEach((docId, d) => {
    for (let c = 0; c < workload.clientsPerDoc; c++) {
      const slot = (d * workload.clientsPerDoc + c) % workload.workers;
      const createsNote = workload.docKind === 'note' && c === 0;
      slices[slot]?.push({
        clientKey: `d${d}c${c}`,
        docId,
        ...(createsNote ? { createsNote } : {}),
      });
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
  // Before any client: what the server holds once started (its modules, stores, caches).
  const listening = readMemoryKiB(server.pid);
  let pool: WorkerPool | undefined;
  let tenant: TenantWorkspace | undefined;
  try {
    const signedIn = SIGNED_IN[target];
    if (signedIn) tenant = await unlessDied(server, setUpTenant(server.port, signedIn.webhooks));
    pool = await unlessDied(server, WorkerPool.start(workload.workers, 30_000));
    const result = await unlessDied(server, measure(server, pool, workload, opts, tenant));
    return withMemory(result, listening, readMemoryKiB(server.pid));
  } finally {
    await pool?.close();
    await server.stop();
    await tenant?.close();
  }
}

/** The server's memory at 'listening' and after the run, in MiB, added to a result. */
function withMemory(result: TargetResult, listening: MemoryKiB, end: MemoryKiB): TargetResult {
  const mib = (kib: number) => Math.round((kib / 1024) * 10) / 10;
  const memory = {
    listeningRssMiB: mib(listening.rss),
    listeningAnonMiB: mib(listening.anon),
    endRssMiB: mib(end.rss),
    endAnonMiB: mib(end.anon),
    endFileMiB: mib(end.file),
  };
  return { ...result, server: { ...result.server, memory } };
}

async function measure(
  server: ServerHandle,
  pool: WorkerPool,
  workload: Workload,
  opts: RunOptions,
  tenant: TenantWorkspace | undefined,
): Promise<TargetResult> {
  const workspaceId = tenant?.workspaceId ?? newId();
  const docIds = Array.from({ length: workload.docs }, () => newId());
  const open = server.endpoint(workspaceId);
  const endpoint = tenant
    ? { ...open, protocols: [...open.protocols, `bearer.${tenant.token}`] }
    : open;
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
  let threadsStart = { main: 0, others: 0 };
  let syscalls: SyscallCounter | undefined;
  let machineStart = { busy: 0, total: 0 };
  let parentStart = process.cpuUsage();
  let webhooksStart = 0;
  const { startAt, drained } = await runPhase(
    pool,
    workload,
    'measured',
    workload.editsPerClient,
    () => {
      if (opts.countSyscalls) syscalls = countSyscalls(server.pid);
      cpuStart = readCpuMicros(server.pid);
      threadsStart = readThreadSplitMicros(server.pid);
      machineStart = readMachineCpuMicros();
      parentStart = process.cpuUsage();
      webhooksStart = tenant?.deliveries() ?? 0;
    },
  );
  const webhooksMeasured = (tenant?.deliveries() ?? 0) - webhooksStart;
  const cpuEnd = readCpuMicros(server.pid);
  const threadsEnd = readThreadSplitMicros(server.pid);
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
  const webhooks = tenant
    ? { deliveriesMeasured: webhooksMeasured, deliveriesTotal: tenant.deliveries() }
    : undefined;

  let profileSummary: TargetResult['profile'];
  if (profile && opts.profileDir) {
    const file = join(opts.profileDir, `${server.name}-${opts.runLabel}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    profileSummary = { file, ...summarizeProfile(profile) };
  }
  return assembleResult({
    workload,
    connectTotalMs,
    connectMs: connected.map((c) => c.connectMs),
    reports,
    startAt,
    lastArrival: Math.max(...drained.map((d) => d.lastArrivalEpochMs)),
    drainedAt,
    serverCpu: { user: cpuEnd.user - cpuStart.user, system: cpuEnd.system - cpuStart.system },
    serverThreads: {
      main: threadsEnd.main - threadsStart.main,
      others: threadsEnd.others - threadsStart.others,
    },
    machineBusyMicros: machineEnd.busy - machineStart.busy,
    parentMicros: parentUsed.user + parentUsed.system,
    peakRssKiB,
    convergence: checkConvergence(
      reports.flatMap((r) => r.outcomes),
      serverReplicas,
      workload,
    ),
    ...(profileSummary ? { profile: profileSummary } : {}),
    ...(syscallCounts ? { syscallCounts } : {}),
    ...(webhooks ? { webhooks } : {}),
  });
}

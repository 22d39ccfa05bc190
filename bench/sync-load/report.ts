/**
 * Result assembly for the sync load benchmark: the machine-readable JSON line (with the
 * Fieldbook / reference ratios and the goal) and a short human-readable table.
 */
import { cpus } from 'node:os';
import type { TargetResult } from './target-result';
import type { TargetName } from './server-process';
import { median, round2 } from './stats';

/** The figures compared between targets, and summarised as medians over runs. */
export interface KeyFigures {
  cpuPerDeliveryMicros: number;
  cpuPerEditMicros: number;
  /** The event-loop thread's share of `cpuPerDeliveryMicros`. */
  mainThreadPerDeliveryMicros: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  deliveriesPerSec: number;
  connectMs: number;
  peakRssMiB: number;
  /** Resident memory once listening, before any client (0 when not measured). */
  listeningRssMiB: number;
  serverCpuCoresUsed: number;
  converged: boolean;
  /** Runs (of those summarised) whose latencies were disturbed by other load. */
  disturbedRuns: number;
  /** Webhook deliveries received in the measured phase and in the whole run (0 without webhooks). */
  webhookDeliveriesMeasured: number;
  webhookDeliveriesTotal: number;
}

/** The key figures of one target's run. */
export function keyFigures(r: TargetResult): KeyFigures {
  return {
    cpuPerDeliveryMicros: r.server.cpuPerDeliveryMicros,
    cpuPerEditMicros: r.server.cpuPerEditMicros,
    mainThreadPerDeliveryMicros: r.server.mainThreadPerDeliveryMicros,
    p50Ms: r.fanOutLatencyMs.p50,
    p95Ms: r.fanOutLatencyMs.p95,
    p99Ms: r.fanOutLatencyMs.p99,
    maxMs: r.fanOutLatencyMs.max,
    deliveriesPerSec: r.deliveriesPerSec,
    connectMs: r.connect.totalMs,
    peakRssMiB: r.server.peakRssMiB,
    listeningRssMiB: r.server.memory?.listeningRssMiB ?? 0,
    serverCpuCoresUsed: r.server.cpuCoresUsed,
    converged: r.convergence.converged,
    disturbedRuns: r.disturbances.length > 0 ? 1 : 0,
    webhookDeliveriesMeasured: r.webhooks?.deliveriesMeasured ?? 0,
    webhookDeliveriesTotal: r.webhooks?.deliveriesTotal ?? 0,
  };
}

/** Medians of each figure over several runs; converged only if every run converged. */
export function medianFigures(runs: KeyFigures[]): KeyFigures {
  const m = (pick: (k: KeyFigures) => number): number => round2(median(runs.map(pick)));
  return {
    cpuPerDeliveryMicros: m((k) => k.cpuPerDeliveryMicros),
    cpuPerEditMicros: m((k) => k.cpuPerEditMicros),
    mainThreadPerDeliveryMicros: m((k) => k.mainThreadPerDeliveryMicros),
    p50Ms: m((k) => k.p50Ms),
    p95Ms: m((k) => k.p95Ms),
    p99Ms: m((k) => k.p99Ms),
    maxMs: m((k) => k.maxMs),
    deliveriesPerSec: m((k) => k.deliveriesPerSec),
    connectMs: m((k) => k.connectMs),
    peakRssMiB: m((k) => k.peakRssMiB),
    listeningRssMiB: m((k) => k.listeningRssMiB),
    serverCpuCoresUsed: m((k) => k.serverCpuCoresUsed),
    converged: runs.every((k) => k.converged),
    disturbedRuns: runs.reduce((n, k) => n + k.disturbedRuns, 0),
    webhookDeliveriesMeasured: m((k) => k.webhookDeliveriesMeasured),
    webhookDeliveriesTotal: m((k) => k.webhookDeliveriesTotal),
  };
}

/** Fieldbook ÷ reference for each figure, and whether the goal is met. */
export function compare(fieldbook: KeyFigures, reference: KeyFigures): Record<string, unknown> {
  const ratio = (pick: (k: KeyFigures) => number): number =>
    Math.round((pick(fieldbook) / pick(reference)) * 1000) / 1000;
  const ratios = {
    cpuPerDelivery: ratio((k) => k.cpuPerDeliveryMicros),
    p50: ratio((k) => k.p50Ms),
    p95: ratio((k) => k.p95Ms),
    p99: ratio((k) => k.p99Ms),
    max: ratio((k) => k.maxMs),
    deliveriesPerSec: ratio((k) => k.deliveriesPerSec),
    connect: ratio((k) => k.connectMs),
    peakRss: ratio((k) => k.peakRssMiB),
  };
  return {
    ratios,
    // Issue 18 item 5: durable, yet no costlier, bigger or slower to connect than the reference.
    goal: {
      cpuPerDeliveryNoWorse: ratios.cpuPerDelivery <= 1,
      peakRssNoWorse: ratios.peakRss <= 1,
      connectNoWorse: ratios.connect <= 1,
      p99NoWorse: ratios.p99 <= 1,
      everyRunConverged: fieldbook.converged && reference.converged,
      // p99 comparisons mean little when other processes competed for the 2 cores.
      undisturbed: fieldbook.disturbedRuns + reference.disturbedRuns === 0,
    },
  };
}

/**
 * What the document-level write checks cost: CPU per delivery and per edit with them on
 * (`fieldbook`) and off (`fieldbook-nochecks`, same server, SYNC_WRITE_CHECKS=off), and on ÷ off.
 */
export function checksCost(on: KeyFigures, off: KeyFigures): Record<string, unknown> {
  const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
  return {
    cpuPerDeliveryMicros: { on: on.cpuPerDeliveryMicros, off: off.cpuPerDeliveryMicros },
    cpuPerEditMicros: { on: on.cpuPerEditMicros, off: off.cpuPerEditMicros },
    onOverOff: {
      cpuPerDelivery: ratio(on.cpuPerDeliveryMicros, off.cpuPerDeliveryMicros),
      cpuPerEdit: ratio(on.cpuPerEditMicros, off.cpuPerEditMicros),
    },
    disturbedRuns: on.disturbedRuns + off.disturbedRuns,
  };
}

/** Facts about the machine that make figures comparable between runs. */
export function machine(): Record<string, unknown> {
  const cpu = cpus();
  return { cpus: cpu.length, cpuModel: cpu[0]?.model ?? 'unknown', node: process.version };
}

/** A short table of the key figures, one row per target, for stderr. */
export function table(label: string, results: Partial<Record<TargetName, KeyFigures>>): string {
  const cols: [string, (k: KeyFigures) => string][] = [
    ['cpu/deliv µs', (k) => k.cpuPerDeliveryMicros.toFixed(1)],
    ['cpu/edit µs', (k) => k.cpuPerEditMicros.toFixed(1)],
    ['main thread µs', (k) => k.mainThreadPerDeliveryMicros.toFixed(1)],
    ['p50 ms', (k) => k.p50Ms.toFixed(2)],
    ['p95 ms', (k) => k.p95Ms.toFixed(2)],
    ['p99 ms', (k) => k.p99Ms.toFixed(2)],
    ['max ms', (k) => k.maxMs.toFixed(1)],
    ['deliv/s', (k) => k.deliveriesPerSec.toFixed(0)],
    ['connect ms', (k) => k.connectMs.toFixed(0)],
    ['srv cores', (k) => k.serverCpuCoresUsed.toFixed(2)],
    ['RSS at listen MiB', (k) => k.listeningRssMiB.toFixed(1)],
    ['peak RSS MiB', (k) => k.peakRssMiB.toFixed(1)],
    ['converged', (k) => String(k.converged)],
    ['disturbed', (k) => String(k.disturbedRuns)],
    [
      'webhook deliv (measured/run)',
      (k) => `${k.webhookDeliveriesMeasured}/${k.webhookDeliveriesTotal}`,
    ],
  ];
  const rows = [['', ...cols.map(([h]) => h)]];
  for (const [name, k] of Object.entries(results)) {
    if (k) rows.push([name, ...cols.map(([, f]) => f(k))]);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const lines = rows.map((r) => r.map((cell, i) => cell.padStart(widths[i] ?? 0)).join('  '));
  return [`-- ${label}`, ...lines].join('\n');
}

/** Reads a process's CPU time and peak memory from Linux /proc. */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/** Kernel clock ticks per second (`getconf CLK_TCK`), the unit of /proc/<pid>/stat times. */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    const out = Number.parseInt(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }), 10);
    ticksPerSecond = Number.isFinite(out) && out > 0 ? out : 100;
  }
  return ticksPerSecond;
}

/** User and system CPU time (µs) from a `/proc/.../stat` file, of a process or one thread. */
function readStatMicros(path: string): { user: number; system: number } {
  const stat = readFileSync(path, 'utf8');
  // Field 2 (comm) may contain spaces; fields after the closing parenthesis start at field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`cannot parse ${path}`);
  const toMicros = 1e6 / clockTicksPerSecond();
  return { user: utime * toMicros, system: stime * toMicros };
}

/** User and system CPU time of a process (all its threads) in µs, from /proc/<pid>/stat. */
export function readCpuMicros(pid: number): { user: number; system: number } {
  return readStatMicros(`/proc/${pid}/stat`);
}

/** CPU time (user + system, µs) of a process's main thread and of all its other threads together. */
export function readThreadSplitMicros(pid: number): { main: number; others: number } {
  let main = 0;
  let others = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let cpu: { user: number; system: number };
    try {
      cpu = readStatMicros(`/proc/${pid}/task/${tid}/stat`);
    } catch {
      continue; // the thread ended between the listing and the read
    }
    if (Number(tid) === pid) main = cpu.user + cpu.system;
    else others += cpu.user + cpu.system;
  }
  return { main, others };
}

/** Peak resident set size (VmHWM) of a process in KiB, from /proc/<pid>/status. */
export function readPeakRssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(match[1]);
}

/** A process's memory from /proc/<pid>/status in KiB: resident now, its peak, and the anonymous / file-backed parts. */
export interface MemoryKiB {
  rss: number;
  peak: number;
  anon: number;
  file: number;
}

/** Resident memory of a process now (VmRSS, RssAnon, RssFile) and its peak (VmHWM), in KiB. */
export function readMemoryKiB(pid: number): MemoryKiB {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+)\\s+kB$`, 'm').exec(status);
    if (!match?.[1]) throw new Error(`no ${name} in /proc/${pid}/status`);
    return Number(match[1]);
  };
  return {
    rss: field('VmRSS'),
    peak: field('VmHWM'),
    anon: field('RssAnon'),
    file: field('RssFile'),
  };
}

/** Busy and total CPU time of the whole machine in µs (all cores), from /proc/stat. */
export function readMachineCpuMicros(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  // cpu user nice system idle iowait irq softirq steal ...
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map(Number);
  const busy =
    (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
  const total = busy + (idle ?? 0) + (iowait ?? 0);
  const toMicros = 1e6 / clockTicksPerSecond();
  return { busy: busy * toMicros, total: total * toMicros };
}

/** Cores busy on the whole machine, averaged over the next `windowMs`. */
export async function sampleBusyCores(windowMs: number): Promise<number> {
  const start = readMachineCpuMicros();
  const startedAt = performance.now();
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  const end = readMachineCpuMicros();
  return (end.busy - start.busy) / 1000 / (performance.now() - startedAt);
}

/**
 * Waits (up to `maxWaitMs`) until the machine is quiet: fewer than `limitCores` busy over a
 * 2 s window. On a shared machine this keeps other people's builds out of the measurement.
 * Resolves with the busy cores last seen.
 */
export async function waitForQuietMachine(limitCores: number, maxWaitMs: number): Promise<number> {
  const deadline = performance.now() + maxWaitMs;
  let busy = await sampleBusyCores(2000);
  while (busy > limitCores && performance.now() < deadline) {
    console.error(`sync-load: machine busy (${busy.toFixed(2)} cores), waiting for quiet`);
    busy = await sampleBusyCores(2000);
  }
  return busy;
}

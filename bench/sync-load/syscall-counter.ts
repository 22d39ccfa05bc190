/**
 * Counts a server's system calls during the measured phase with `perf stat` (syscall
 * tracepoints), to show how much of its kernel time is per-delivery socket writes, reads,
 * and disk syncs. Optional (`--syscalls`): needs `perf` and permission to trace the process.
 */
import { spawn } from 'node:child_process';
import { track, whenExited } from './children';

const SYSCALLS = [
  'write',
  'writev',
  'read',
  'pwrite64',
  'pread64',
  'fsync',
  'fdatasync',
  'epoll_wait',
  'futex',
] as const;

/** A running count; `stop()` resolves with the count of each system call. */
export interface SyscallCounter {
  stop: () => Promise<Record<string, number>>;
}

/** Starts counting the system calls of process `pid` (all its threads). */
export function countSyscalls(pid: number): SyscallCounter {
  const events = SYSCALLS.map((s) => `syscalls:sys_enter_${s}`).join(',');
  const perf = spawn('perf', ['stat', '-x', ',', '-e', events, '-p', String(pid)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  track(perf);
  let output = '';
  perf.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  perf.on('error', (err) => (output += `perf failed: ${err.message}`));
  return {
    stop: async () => {
      perf.kill('SIGINT');
      await whenExited(perf);
      const counts: Record<string, number> = {};
      for (const line of output.split('\n')) {
        const [value, , event] = line.split(',');
        const name = event?.replace('syscalls:sys_enter_', '');
        if (name && value !== undefined && /^\d+$/.test(value)) counts[name] = Number(value);
      }
      if (Object.keys(counts).length === 0) {
        throw new Error(`perf stat gave no counts:\n${output.slice(0, 500)}`);
      }
      return counts;
    },
  };
}

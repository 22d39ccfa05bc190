/**
 * Registry of every child process the benchmark starts (servers and workers), so that an exit,
 * a crash or ctrl-c never leaves one behind.
 */
import type { ChildProcess } from 'node:child_process';

const children = new Set<ChildProcess>();

/** Tracks a child until it exits. */
export function track(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/** Kills every tracked child that is still running (SIGKILL: used on abnormal exits). */
export function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}

/** Installs handlers that kill all children when the parent exits or is interrupted. */
export function killChildrenOnExit(): void {
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      console.error(`\nsync-load: ${signal}, stopping children`);
      killAll();
      process.exit(130);
    });
  }
}

/** Resolves with the exit code/signal once `child` exits (at once if it already has). */
export function whenExited(child: ChildProcess): Promise<string> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(`code ${child.exitCode} signal ${child.signalCode}`);
  }
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(`code ${code} signal ${signal}`));
  });
}

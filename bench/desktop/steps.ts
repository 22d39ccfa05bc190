// Guards for the desktop benches: every step has a deadline and a name, so a
// run that cannot finish stops with one clear line instead of hanging.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** A bench step that did not finish in time (code BENCH_STEP_TIMEOUT). */
export class StepTimeoutError extends Error {
  readonly code = 'BENCH_STEP_TIMEOUT';
  constructor(step: string, ms: number) {
    super(`${step}: not done within ${ms} ms`);
  }
}

/** Runs `work`, rejecting with a StepTimeoutError naming `step` after `ms`. */
export async function step<T>(step: string, ms: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeoutError(step, ms)), ms);
  });
  try {
    return await Promise.race([work(), late]);
  } catch (err) {
    if (err instanceof StepTimeoutError) throw err;
    throw new Error(`${step}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Ends the process with exit code 2 and `what` on stderr if the whole bench
 * is not done after `ms` (a last guard for a hang no step caught).
 * Returns a function that disarms it.
 */
export function watchdog(what: () => string, ms: number): () => void {
  const timer = setTimeout(() => {
    process.stderr.write(`bench gave up after ${ms} ms, during: ${what()}\n`);
    process.exit(2);
  }, ms);
  timer.unref();
  return () => clearTimeout(timer);
}

/** The 1-minute load average and the cores, to print beside figures from a shared machine. */
export function machineLoad(): { loadAvg1: number; cores: number } {
  const [one] = readFileSync('/proc/loadavg', 'utf8').split(' ');
  const cores = readFileSync('/proc/cpuinfo', 'utf8').match(/^processor\s*:/gm)?.length ?? 0;
  return { loadAvg1: Number(one), cores };
}

/** The median of `xs`, to 0.1. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return Math.round((s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2) * 10) / 10;
}

/**
 * Waits until the editor accepts input and shows the note's first line (as
 * the live preview shows it). The text arrives in one Yjs update (from
 * IndexedDB or the server), so once its start is on screen, all of it is in
 * the editor.
 */
export async function editable(page: Page, firstLine: string) {
  await page.waitForFunction(
    (expected) => {
      const el = document.querySelector('[data-testid="editor"]');
      if (!el || el.getAttribute('contenteditable') !== 'true') return false;
      // Live preview hides a heading's '#' marks unless the cursor is on that line.
      const line = (el.querySelector('.cm-line')?.textContent ?? '').replace(/^#+\s*/, '');
      return line.startsWith(expected.replace(/^#+\s*/, ''));
    },
    firstLine,
    { timeout: 120_000, polling: 'raf' },
  );
}

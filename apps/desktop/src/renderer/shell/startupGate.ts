/**
 * Opening a workspace before its background work. Syncing every document,
 * building the offline search index and gathering backlinks each read every
 * local copy; started at once, on a workspace of a thousand notes they kept
 * the sidebar and the last open note waiting several times longer than both
 * took alone (bench/desktop/openTimes.ts). That work waits for
 * `afterStartup()`: the first screen was shown SETTLE_MS ago and the main
 * thread was idle once since, or STARTUP_LIMIT_MS passed, whichever comes
 * first. The settling time is the user's: a click or keys on the note just
 * shown, right after a reload, found the main thread busy opening a socket
 * and a database for every document.
 */

/** The longest background work waits for the first screen. */
export const STARTUP_LIMIT_MS = 3000;

/** How long after the first screen the background work still waits. */
export const SETTLE_MS = 1000;

interface Gate {
  readonly settled: Promise<void>;
  shown: () => void;
  end: () => void;
}

const idle: (fn: () => void) => void = (fn) =>
  typeof requestIdleCallback === 'function'
    ? requestIdleCallback(fn, { timeout: 500 })
    : setTimeout(fn, 50);

function newGate(): Gate {
  let shown = () => {};
  let end = () => {};
  const settled = new Promise<void>((resolve) => {
    const limit = setTimeout(resolve, STARTUP_LIMIT_MS);
    shown = () => {
      clearTimeout(limit);
      setTimeout(() => idle(resolve), SETTLE_MS);
    };
    end = () => {
      clearTimeout(limit);
      resolve();
    };
  });
  return { settled, shown, end };
}

let gate: Gate = newGate();

/** Starts a new startup (a workspace is opening): background work waits again. */
export function beginStartup(): void {
  gate = newGate();
}

/** The first screen of the opening workspace is on screen (called again later: no effect). */
export function firstScreenShown(): void {
  gate.shown();
}

/** The user asked for something that needs the background work (a search): start it now. */
export function endStartup(): void {
  gate.end();
}

/** Resolves once the current startup is over; at once when it already is. */
export function afterStartup(): Promise<void> {
  return gate.settled;
}

// Runs once before the desktop tests: makes sure the browser tests have a
// Chromium to drive (see chromiumBinary.ts). Without one, and without a way
// to get one, the run stops here with one line instead of a launch error in
// every browser test file.
import { ChromiumMissing, ensureChromium } from './chromiumBinary';

/** Vitest global setup: find or obtain Chromium, or end the run with one line. */
export default function setup(): void {
  try {
    ensureChromium();
  } catch (err) {
    if (!(err instanceof ChromiumMissing)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

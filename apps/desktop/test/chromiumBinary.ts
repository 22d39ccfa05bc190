// Where the browser tests find a Chromium or Chrome, and how a machine that
// has none gets one: Debian's chromium through apt when running as root,
// otherwise playwright-core's own installer. Used by the vitest global setup
// (once per run, before any browser test) and by `launchChromium`.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

/** Browser executables looked up on PATH, most specific first. */
const COMMANDS = [
  'chromium',
  'chromium-browser',
  'google-chrome-stable',
  'google-chrome',
  'chrome',
];

/** Well-known install places outside PATH (macOS apps, snaps). */
const FIXED_PATHS = [
  '/usr/bin/chromium',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** What the lookup reads from the machine; replaced in tests of the decision. */
export interface Machine {
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  readonly isRoot: boolean;
  /** True when `path` is an executable regular file. */
  isExecutable(path: string): boolean;
  /** playwright-core's browser in its own cache (may not exist). */
  playwrightChromium(): string;
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** This machine. */
export const thisMachine: Machine = {
  env: process.env,
  platform: process.platform,
  isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
  isExecutable,
  playwrightChromium: () => chromium.executablePath(),
};

/** The line a run without any browser fails with. */
export class ChromiumMissing extends Error {
  override readonly name = 'ChromiumMissing';
}

/**
 * The browser to drive: `CHROMIUM_PATH` when set (and only it), else the
 * first of PATH's chromium/chrome commands, the well-known places and
 * playwright-core's cache that is executable; null when there is none.
 */
export function findChromium(machine: Machine = thisMachine): string | null {
  const chosen = machine.env.CHROMIUM_PATH;
  if (chosen) {
    if (machine.isExecutable(chosen)) return chosen;
    throw new ChromiumMissing(
      `CHROMIUM_PATH=${chosen} is not an executable file: point it at Chromium or Chrome, or unset it`,
    );
  }
  const dirs = (machine.env.PATH ?? '').split(delimiter).filter(Boolean);
  const onPath = COMMANDS.flatMap((cmd) => dirs.map((dir) => join(dir, cmd)));
  for (const candidate of [...onPath, ...FIXED_PATHS, machine.playwrightChromium()]) {
    if (machine.isExecutable(candidate)) return candidate;
  }
  return null;
}

/** How a machine without a browser gets one: its package manager as root on Debian, else playwright's installer. */
export type ObtainMethod = 'apt' | 'playwright';

/** The ordinary means this machine has of getting Chromium. */
export function obtainMethod(machine: Machine = thisMachine): ObtainMethod {
  const dirs = (machine.env.PATH ?? '').split(delimiter).filter(Boolean);
  const hasApt = dirs.some((dir) => machine.isExecutable(join(dir, 'apt-get')));
  return machine.platform === 'linux' && machine.isRoot && hasApt ? 'apt' : 'playwright';
}

/** What each method runs: [command, args][] in order. */
export function obtainCommands(method: ObtainMethod): [string, string[]][] {
  if (method === 'apt') {
    return [
      ['apt-get', ['update', '-qq']],
      ['apt-get', ['install', '-y', '-qq', 'chromium']],
    ];
  }
  const cli = join(
    dirname(createRequire(import.meta.url).resolve('playwright-core/package.json')),
    'cli.js',
  );
  return [[process.execPath, [cli, 'install', 'chromium']]];
}

const ADVICE =
  'install Chromium or Chrome (Debian: apt-get install chromium; elsewhere: pnpm --filter @fieldbook/desktop exec playwright-core install chromium) or set CHROMIUM_PATH';

/**
 * The browser the tests will drive: found, or obtained once by this
 * machine's ordinary means (printing one line while it does), or a
 * ChromiumMissing with one line saying what to install.
 */
export function ensureChromium(
  machine: Machine = thisMachine,
  run: (cmd: string, args: string[]) => { ok: boolean; output: string } = runQuietly,
  say: (line: string) => void = (line) => console.warn(line),
): string {
  const found = findChromium(machine);
  if (found) return found;
  const method = obtainMethod(machine);
  say(
    method === 'apt'
      ? 'Browser tests: no Chromium found; installing Debian’s chromium with apt-get (once)…'
      : 'Browser tests: no Chromium found; fetching one with playwright-core’s installer (once)…',
  );
  for (const [cmd, args] of obtainCommands(method)) {
    const result = run(cmd, args);
    if (!result.ok) {
      const why = lastLine(result.output);
      throw new ChromiumMissing(
        `Browser tests need Chromium: none found, and \`${[cmd, ...args].join(' ')}\` failed${why ? ` (${why})` : ''} — ${ADVICE}.`,
      );
    }
  }
  const obtained = findChromium(machine);
  if (obtained) return obtained;
  throw new ChromiumMissing(
    `Browser tests need Chromium: none found, even after installing it with ${method} — ${ADVICE}.`,
  );
}

function runQuietly(cmd: string, args: string[]): { ok: boolean; output: string } {
  const result = spawnSync(cmd, args, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 15 * 60_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`;
  return { ok: result.status === 0, output };
}

/** The line of a failed command's output that says why: its last error line, else its last line. */
function lastLine(text: string): string {
  const lines = text
    // eslint-disable-next-line no-control-regex
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const errors = lines.filter((l) => /^(E:|Error\b|error\b)/.test(l));
  return (errors.at(-1) ?? lines.at(-1) ?? '').slice(0, 200);
}

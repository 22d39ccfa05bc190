import { describe, expect, it } from 'vitest';
import {
  ChromiumMissing,
  ensureChromium,
  findChromium,
  obtainMethod,
  type Machine,
} from './chromiumBinary';

/** A machine whose executables are `files`; `install` adds some when a command runs. */
function machine(files: string[], over: Partial<Machine> = {}): Machine & { files: Set<string> } {
  const set = new Set(files);
  return {
    env: { PATH: '/usr/local/bin:/usr/bin' },
    platform: 'linux',
    isRoot: true,
    isExecutable: (p) => set.has(p),
    playwrightChromium: () => '/cache/ms-playwright/chromium-1/chrome-linux64/chrome',
    files: set,
    ...over,
  };
}

describe('finding Chromium for the browser tests', () => {
  it('takes a chromium or chrome on PATH, then well-known places, then playwright’s cache', () => {
    expect(findChromium(machine(['/usr/local/bin/google-chrome', '/usr/bin/chromium']))).toBe(
      '/usr/bin/chromium',
    );
    expect(findChromium(machine(['/usr/local/bin/google-chrome']))).toBe(
      '/usr/local/bin/google-chrome',
    );
    expect(findChromium(machine(['/snap/bin/chromium']))).toBe('/snap/bin/chromium');
    expect(findChromium(machine(['/cache/ms-playwright/chromium-1/chrome-linux64/chrome']))).toBe(
      '/cache/ms-playwright/chromium-1/chrome-linux64/chrome',
    );
    expect(findChromium(machine([]))).toBeNull();
  });

  it('uses CHROMIUM_PATH alone when set, and says so in one line when it is wrong', () => {
    const m = machine(['/usr/bin/chromium', '/opt/chrome'], {
      env: { PATH: '/usr/bin', CHROMIUM_PATH: '/opt/chrome' },
    });
    expect(findChromium(m)).toBe('/opt/chrome');
    const wrong = machine(['/usr/bin/chromium'], {
      env: { PATH: '/usr/bin', CHROMIUM_PATH: '/nope' },
    });
    expect(() => findChromium(wrong)).toThrow(/^CHROMIUM_PATH=\/nope is not an executable file/);
  });

  it('obtains one with apt as root on Debian, else with playwright-core’s installer', () => {
    expect(obtainMethod(machine(['/usr/bin/apt-get']))).toBe('apt');
    expect(obtainMethod(machine(['/usr/bin/apt-get'], { isRoot: false }))).toBe('playwright');
    expect(obtainMethod(machine([]))).toBe('playwright');
    expect(obtainMethod(machine(['/usr/bin/apt-get'], { platform: 'darwin' }))).toBe('playwright');
  });

  it('runs apt-get update and install, announcing it once, and returns what it installed', () => {
    const m = machine(['/usr/bin/apt-get']);
    const ran: string[] = [];
    const said: string[] = [];
    const path = ensureChromium(
      m,
      (cmd, args) => {
        ran.push([cmd, ...args].join(' '));
        if (args.includes('install')) m.files.add('/usr/bin/chromium');
        return { ok: true, output: '' };
      },
      (line) => said.push(line),
    );
    expect(path).toBe('/usr/bin/chromium');
    expect(ran).toEqual(['apt-get update -qq', 'apt-get install -y -qq chromium']);
    expect(said).toHaveLength(1);
  });

  it('fails with one line naming the command, its last words and what to install', () => {
    const m = machine([], { isRoot: false });
    let caught: unknown;
    try {
      ensureChromium(
        m,
        () => ({
          ok: false,
          output:
            '\x1b[2mDownloading…\x1b[22m\nError: getaddrinfo ENOTFOUND cdn.playwright.dev\n    at x {\n}\n',
        }),
        () => {},
      );
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ChromiumMissing);
    const message = (caught as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(/install chromium` failed \(Error: getaddrinfo ENOTFOUND/);
    expect(message).toMatch(/apt-get install chromium/);
  });

  it('finds nothing and fails clearly when an install "succeeds" without a browser', () => {
    const m = machine(['/usr/bin/apt-get']);
    expect(() =>
      ensureChromium(
        m,
        () => ({ ok: true, output: '' }),
        () => {},
      ),
    ).toThrow(/none found, even after installing it with apt/);
  });
});

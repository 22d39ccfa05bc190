// The two things every browser test and the desktop bench need: a build of
// the renderer, and a Chromium (found or obtained by chromiumBinary.ts)
// driven by playwright-core.
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS } from './chromium';
import { ensureChromium } from './chromiumBinary';

const viteConfig = fileURLToPath(new URL('../vite.config.ts', import.meta.url));

/**
 * Builds the renderer into `outDir` (a few seconds), with Vite's chunk
 * manifest in .vite/: the production build users get, also under Vitest
 * (whose NODE_ENV=test would otherwise give React's development build, with
 * StrictMode's doubled effects and its slower rendering).
 */
export async function buildRenderer(outDir: string): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: viteConfig,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, manifest: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** Launches this machine's Chromium (or Chrome) headless with the flags the tests need. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
}

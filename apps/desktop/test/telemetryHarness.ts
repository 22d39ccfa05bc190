// Builds the telemetry chart harness page (src/renderer/telemetry/harness)
// with the renderer's Vite config, for browser tests and the chart bench.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const viteConfig = fileURLToPath(new URL('../vite.config.ts', import.meta.url));
const harnessRoot = fileURLToPath(new URL('../src/renderer/telemetry/harness', import.meta.url));

/** Builds the harness into `outDir` as an index.html with its assets. */
export async function buildTelemetryHarness(outDir: string): Promise<void> {
  await build({
    configFile: viteConfig,
    root: harnessRoot,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}

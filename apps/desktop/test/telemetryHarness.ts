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

/** Bundles the chart bench's page script (uPlot and the chart data code) into one IIFE. */
export async function bundleChartBenchPage(): Promise<string> {
  const { build: esbuild } = await import('esbuild');
  const out = await esbuild({
    entryPoints: [
      fileURLToPath(new URL('../src/renderer/telemetry/harness/benchPage.ts', import.meta.url)),
    ],
    bundle: true,
    minify: true,
    format: 'iife',
    write: false,
    target: 'es2022',
  });
  return out.outputFiles[0]!.text;
}

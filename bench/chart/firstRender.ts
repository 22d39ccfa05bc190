/**
 * Time to first render of a 1,000,000-point chart in headless Chromium.
 *
 * Fieldbook's path: the telemetry store answers a range query with min/max
 * buckets for the plot's width (measured here on a real SQLite store holding
 * the 1M samples), the browser parses that JSON, turns buckets into points
 * and uPlot draws them. References in the same run, on the same signal in
 * the same page: a plain canvas polyline over all 1M points, and uPlot over
 * all 1M points — both from typed arrays already in the page, and from the
 * JSON of all 1M samples (what a server without decimation would send,
 * parse included; the transfer itself is not counted). Each time runs from input to pixels (a one-pixel read forces
 * rasterization). Medians of --runs runs; prints JSON.
 *
 *   pnpm exec tsx bench/chart/firstRender.ts [--runs 7] [--samples 1000000] [--width 1200]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../apps/desktop/test/browser';
import { bundleChartBenchPage } from '../../apps/desktop/test/telemetryHarness';
import { openSqliteTelemetryStore } from '../../apps/sync-server/src/telemetry';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 7);
const N = arg('samples', 1_000_000);
const WIDTH = arg('width', 1200);
const HEIGHT = 400;
const T0 = 1_760_000_000_000;
const TENANT = 'bench-tenant';
const AGENT = 'bench-agent';

/** What benchPage.ts puts on the page's window. */
interface BenchWindow {
  chartBench: {
    prepare(n: number): void;
    keepRawJson(json: string): void;
    naive(w: number, h: number): number;
    uplotRaw(w: number, h: number): Promise<number>;
    uplotRawJson(w: number, h: number): Promise<number>;
    decimated(json: string, w: number, h: number): Promise<number>;
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.floor(s.length / 2)]!.toFixed(1);
};

/** The same signal as the page's (benchPage.ts): 100 Hz wave, noise, a spike every 100,000. */
function signal(n: number) {
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  let seed = 42;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    t[i] = T0 + i * 10;
    v[i] = Math.sin(i / 5000) * 2 + (seed / 2 ** 32 - 0.5) * 0.4 + (i % 100_000 === 5 ? 8 : 0);
  }
  return { t, v };
}

async function storeQuery(): Promise<{ json: string; queryMs: number[]; buckets: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbook-chart-bench-'));
  const store = openSqliteTelemetryStore({ file: join(dir, 'telemetry.db'), durability: 'normal' });
  try {
    const channels = await store.registerManifest(TENANT, null, AGENT, {
      instruments: [
        {
          id: 'rover',
          name: 'Rover',
          channels: [{ id: 'volt', dataType: 'f64', unit: 'V' }],
          commands: [],
        },
      ],
    });
    const { t, v } = signal(N);
    const BATCH = 20_000;
    for (let i = 0; i < N; i += BATCH) {
      const n = Math.min(BATCH, N - i);
      await store.ingest({
        tenantId: TENANT,
        agentId: AGENT,
        stream: 's',
        firstSeq: i + 1,
        overflow: 0,
        channelKeys: ['volt'],
        channel: new Uint32Array(n),
        times: t.slice(i, i + n),
        values: v.slice(i, i + n),
        qualities: new Uint8Array(n),
        labels: null,
      });
    }
    await store.flush();
    const id = channels.get('volt')!.id;
    const range = { from: T0, to: T0 + (N - 1) * 10, maxPoints: WIDTH };
    const queryMs: number[] = [];
    let json = '';
    for (let r = 0; r < RUNS; r++) {
      const start = performance.now();
      const series = await store.querySamples(TENANT, id, range);
      json = JSON.stringify({ channelId: id, ...series });
      queryMs.push(performance.now() - start);
    }
    return { json, queryMs, buckets: (JSON.parse(json) as { start: number[] }).start.length };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const { json, queryMs, buckets } = await storeQuery();
const script = await bundleChartBenchPage();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: WIDTH + 100, height: HEIGHT + 100 } });
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ content: script });
  await page.evaluate((n) => (window as unknown as BenchWindow).chartBench.prepare(n), N);
  const { t, v } = signal(N);
  const rawJson = JSON.stringify({ t: Array.from(t), v: Array.from(v) });
  await page.evaluate((j) => (window as unknown as BenchWindow).chartBench.keepRawJson(j), rawJson);
  const times = {
    naive: [] as number[],
    uplotRaw: [] as number[],
    uplotRawJson: [] as number[],
    decimated: [] as number[],
  };
  for (let r = 0; r < RUNS; r++) {
    times.naive.push(
      await page.evaluate(
        ([w, h]) => (window as unknown as BenchWindow).chartBench.naive(w, h),
        [WIDTH, HEIGHT],
      ),
    );
    times.uplotRaw.push(
      await page.evaluate(
        ([w, h]) => (window as unknown as BenchWindow).chartBench.uplotRaw(w, h),
        [WIDTH, HEIGHT],
      ),
    );
    times.uplotRawJson.push(
      await page.evaluate(
        ([w, h]) => (window as unknown as BenchWindow).chartBench.uplotRawJson(w, h),
        [WIDTH, HEIGHT],
      ),
    );
    times.decimated.push(
      await page.evaluate(
        ([j, w, h]) => (window as unknown as BenchWindow).chartBench.decimated(j, w, h),
        [json, WIDTH, HEIGHT] as const,
      ),
    );
  }
  const storeMs = median(queryMs);
  const browserMs = median(times.decimated);
  console.log(
    JSON.stringify(
      {
        samples: N,
        plotWidthPx: WIDTH,
        runs: RUNS,
        fieldbook: {
          buckets,
          jsonBytes: json.length,
          storeQueryMs: storeMs,
          browserParseAndDrawMs: browserMs,
          firstRenderMs: +(storeMs + browserMs).toFixed(1),
          targetMs: 300,
        },
        reference: {
          naiveCanvasAllPointsMs: median(times.naive),
          uplotAllPointsInPageMs: median(times.uplotRaw),
          uplotAllPointsFromJsonMs: median(times.uplotRawJson),
          rawJsonBytes: rawJson.length,
        },
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
}

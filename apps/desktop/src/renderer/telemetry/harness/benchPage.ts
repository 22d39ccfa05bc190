// The page side of bench/chart: three ways to bring 1,000,000 points to the
// screen, each timed from its input to pixels on the canvas (a one-pixel
// read forces rasterization): a plain canvas polyline over every point,
// uPlot over every point, and Fieldbook's path — the server's min/max buckets
// as JSON, turned into points and drawn by uPlot.
import uPlot from 'uplot';
import { bucketsToPoints, type DecimatedSeries } from '../chartData';

const T0 = 1_760_000_000_000;

/** The bench signal: 100 Hz, a slow wave, noise, and a spike every 100,000 samples. */
function signal(n: number): { t: Float64Array; v: Float64Array } {
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

function host(width: number, height: number): HTMLDivElement {
  document.body.innerHTML = '';
  const el = document.createElement('div');
  el.style.width = `${width}px`;
  el.style.height = `${height}px`;
  document.body.appendChild(el);
  return el;
}

function flush(canvas: HTMLCanvasElement): void {
  canvas.getContext('2d')!.getImageData(0, 0, 1, 1);
}

function uplotDraw(el: HTMLElement, data: uPlot.AlignedData, width: number, height: number) {
  return new Promise<void>((resolve) => {
    new uPlot(
      {
        width,
        height,
        ms: 1,
        scales: { x: { time: true } },
        series: [{}, { stroke: '#1971c2', width: 1 }],
        hooks: {
          draw: [
            (u) => {
              flush(u.ctx.canvas);
              resolve();
            },
          ],
        },
      },
      data,
      el,
    );
  });
}

Object.assign(window, {
  chartBench: {
    /** Makes the raw signal in the page (not timed). */
    prepare(n: number) {
      Object.assign(window, { benchSignal: signal(n) });
    },
    naive(width: number, height: number): number {
      const { t, v } = (window as unknown as { benchSignal: ReturnType<typeof signal> })
        .benchSignal;
      const el = host(width, height);
      const start = performance.now();
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      el.appendChild(canvas);
      const ctx = canvas.getContext('2d')!;
      let [vMin, vMax] = [Infinity, -Infinity];
      for (let i = 0; i < v.length; i++) {
        if (v[i]! < vMin) vMin = v[i]!;
        if (v[i]! > vMax) vMax = v[i]!;
      }
      const [t0, t1] = [t[0]!, t[t.length - 1]!];
      ctx.beginPath();
      for (let i = 0; i < t.length; i++) {
        const x = ((t[i]! - t0) / (t1 - t0)) * width;
        const y = height - ((v[i]! - vMin) / (vMax - vMin)) * height;
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.stroke();
      flush(canvas);
      return performance.now() - start;
    },
    async uplotRaw(width: number, height: number): Promise<number> {
      const { t, v } = (window as unknown as { benchSignal: ReturnType<typeof signal> })
        .benchSignal;
      const el = host(width, height);
      const start = performance.now();
      await uplotDraw(el, [t as unknown as number[], v as unknown as number[]], width, height);
      return performance.now() - start;
    },
    /** Keeps the raw samples as the JSON a server would send without decimation (not timed). */
    keepRawJson(json: string) {
      Object.assign(window, { benchRawJson: json });
    },
    async uplotRawJson(width: number, height: number): Promise<number> {
      const json = (window as unknown as { benchRawJson: string }).benchRawJson;
      const el = host(width, height);
      const start = performance.now();
      const raw = JSON.parse(json) as { t: number[]; v: number[] };
      await uplotDraw(el, [raw.t, raw.v], width, height);
      return performance.now() - start;
    },
    async decimated(json: string, width: number, height: number): Promise<number> {
      const el = host(width, height);
      const start = performance.now();
      const series = JSON.parse(json) as DecimatedSeries;
      const points = bucketsToPoints(series);
      await uplotDraw(el, [points.t, points.v], width, height);
      return performance.now() - start;
    },
  },
});

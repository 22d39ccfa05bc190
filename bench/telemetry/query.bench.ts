/**
 * Range-query latency over 10,000,000 samples of one channel, decimated to
 * 2,000 min/max points, from the SQLite telemetry store (columnar chunks
 * with per-chunk summaries). Reference in the same run: a row-per-sample
 * SQLite table with an index on (channel, t), aggregated by SQL GROUP BY.
 * Every timed answer is checked once against a brute-force decimation.
 *
 *   pnpm --filter @fieldbook/bench telemetry:query [--samples N] [--runs N] [--chunk N] [--no-reference]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { decimate, openSqliteTelemetryStore } from '../../apps/sync-server/src/telemetry';

const { values: args } = parseArgs({
  options: {
    samples: { type: 'string', default: '10000000' },
    runs: { type: 'string', default: '30' },
    points: { type: 'string', default: '2000' },
    chunk: { type: 'string', default: '1024' },
    'no-reference': { type: 'boolean', default: false },
  },
});
const N = Number(args.samples);
const RUNS = Number(args.runs);
const POINTS = Number(args.points);
const T0 = 1_760_000_000_000;
const STEP = 10; // 100 Hz

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return {
    median: +at(0.5).toFixed(2),
    p95: +at(0.95).toFixed(2),
    min: +s[0]!.toFixed(2),
    runs: s.length,
  };
}

function signal(n: number) {
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  let v = 0;
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
  for (let i = 0; i < n; i++) {
    times[i] = T0 + i * STEP;
    v += rnd() - 0.5;
    values[i] = v + (rnd() < 0.0001 ? (rnd() - 0.5) * 1000 : 0);
  }
  return { times, values };
}

const dir = mkdtempSync(join(tmpdir(), 'fieldbook-query-bench-'));
try {
  const { times, values } = signal(N);
  const from = T0;
  const to = T0 + (N - 1) * STEP;
  const ranges = [
    { name: 'full range', from, to },
    {
      name: 'one tenth, unaligned',
      from: from + Math.floor(N * 0.37) * STEP + 3,
      to: from + Math.floor(N * 0.47) * STEP + 7,
    },
  ];

  // ---- columnar chunks ----
  const store = openSqliteTelemetryStore({
    file: join(dir, 'telemetry.db'),
    chunkSamples: Number(args.chunk),
  });
  const manifest = {
    instruments: [
      {
        id: 'i',
        name: 'i',
        channels: [{ id: 'c', dataType: 'f64' as const, unit: 'V' }],
        commands: [],
      },
    ],
  };
  const channels = await store.registerManifest('t', null, 'a', manifest);
  const channelId = channels.get('c')!.id;
  let t = performance.now();
  const B = 100_000;
  for (let i = 0; i < N; i += B) {
    const n = Math.min(B, N - i);
    await store.ingest({
      tenantId: 't',
      agentId: 'a',
      stream: 's',
      firstSeq: i + 1,
      overflow: 0,
      channelKeys: ['c'],
      channel: new Uint32Array(n),
      times: times.subarray(i, i + n),
      values: values.subarray(i, i + n),
      qualities: new Uint8Array(n),
      labels: null,
    });
  }
  await store.flush();
  const loadSeconds = (performance.now() - t) / 1000;

  const chunked: Record<string, unknown> = {};
  for (const r of ranges) {
    const want = decimate(times, values, r.from, r.to, POINTS);
    const got = await store.querySamples('t', channelId, {
      from: r.from,
      to: r.to,
      maxPoints: POINTS,
    });
    if (JSON.stringify(got) !== JSON.stringify(want))
      throw new Error(`chunk query differs from brute force (${r.name})`);
    const ms: number[] = [];
    for (let k = 0; k < RUNS; k++) {
      t = performance.now();
      await store.querySamples('t', channelId, { from: r.from, to: r.to, maxPoints: POINTS });
      ms.push(performance.now() - t);
    }
    chunked[r.name] = stats(ms);
  }
  await store.close();

  // ---- reference: one row per sample ----
  let reference: Record<string, unknown> | 'skipped' = 'skipped';
  let referenceLoadSeconds: number | null = null;
  if (!args['no-reference']) {
    const db = new Database(join(dir, 'rows.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(
      'create table samples (channel text not null, t real not null, value real not null); create index samples_ct on samples (channel, t, value)',
    );
    const ins = db.prepare('insert into samples values (?, ?, ?)');
    t = performance.now();
    const load = db.transaction((a: number, b: number) => {
      for (let i = a; i < b; i++) ins.run('c', times[i], values[i]);
    });
    for (let i = 0; i < N; i += B) load(i, Math.min(N, i + B));
    referenceLoadSeconds = (performance.now() - t) / 1000;
    const q =
      db.prepare(`select min(@p - 1, cast(((t - @from) * @p) / (@to - @from) as integer)) as b, count(*) as n, min(value) as lo, max(value) as hi
      from samples where channel = 'c' and t >= @from and t <= @to group by b order by b`);
    reference = {};
    for (const r of ranges) {
      const want = decimate(times, values, r.from, r.to, POINTS);
      const rows = q.all({ from: r.from, to: r.to, p: POINTS }) as {
        n: number;
        lo: number;
        hi: number;
      }[];
      if (
        rows.length !== want.count.length ||
        rows.some((row, i) => row.lo !== want.min[i] || row.hi !== want.max[i])
      )
        throw new Error(`reference query differs from brute force (${r.name})`);
      const ms: number[] = [];
      for (let k = 0; k < Math.min(RUNS, 5); k++) {
        t = performance.now();
        q.all({ from: r.from, to: r.to, p: POINTS });
        ms.push(performance.now() - t);
      }
      reference[r.name] = stats(ms);
    }
    db.close();
  }

  console.log(
    JSON.stringify(
      {
        bench: 'telemetry range query, min/max decimation',
        samples: N,
        points: POINTS,
        chunkSamples: Number(args.chunk),
        machine: { cpus: availableParallelism(), loadAverage1m: +loadavg()[0]!.toFixed(2) },
        target: 'median < 50 ms for the full range',
        chunkedStore: { loadSeconds: +loadSeconds.toFixed(1), latencyMs: chunked },
        rowPerSampleReference: {
          loadSeconds: referenceLoadSeconds && +referenceLoadSeconds.toFixed(1),
          latencyMs: reference,
          note: 'SQL GROUP BY over an index on (channel, t, value); min/max only (no times)',
        },
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

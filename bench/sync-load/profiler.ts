/**
 * Edit-phase CPU profiling of a server under test through its V8 inspector (the server is
 * started with `--inspect=127.0.0.1:0`), so the profile holds only the measured phase, and a
 * summary of where the time went: hot functions by self and total time, and time per package.
 */
import WebSocket from 'ws';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

/** A running profiling session; `stop()` returns the profile in .cpuprofile format. */
export interface ProfilerSession {
  stop: () => Promise<CpuProfile>;
}

/** Connects to the inspector at `url` and starts sampling every `intervalMicros`. */
export async function startProfiling(url: string, intervalMicros = 200): Promise<ProfilerSession> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as {
      id?: number;
      result?: unknown;
      error?: unknown;
    };
    if (message.id === undefined) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiter?.reject(new Error(JSON.stringify(message.error)));
    else waiter?.resolve(message.result);
  });
  const call = (method: string, params: object = {}): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  await call('Profiler.enable');
  await call('Profiler.setSamplingInterval', { interval: intervalMicros });
  await call('Profiler.start');
  return {
    stop: async () => {
      const result = (await call('Profiler.stop')) as { profile: CpuProfile };
      socket.close();
      return result.profile;
    },
  };
}

export interface HotFunction {
  fn: string;
  selfPct: number;
  totalPct: number;
}

/** Where the sampled time went: top functions by self time, and self time per package. */
export interface ProfileSummary {
  sampledMs: number;
  idlePct: number;
  topSelf: HotFunction[];
  topTotal: HotFunction[];
  byPackage: { pkg: string; selfPct: number }[];
}

function functionKey(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const file = frame.url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\/\.pnpm\/[^/]+\//, '');
  return `${name} ${file.replace(/^.*\/work\/main\//, '')}:${frame.lineNumber + 1}`;
}

function packageOf(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return frame.functionName || '(native)';
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(url);
  if (dep?.[1]) return dep[1];
  if (url.startsWith('node:')) return 'node:internals';
  const own = /\/work\/main\/((?:apps|packages|bench)\/[^/]+)\//.exec(url);
  return own?.[1] ?? url;
}

/** Summarises a profile: self and total (inclusive) shares of non-idle samples. */
export function summarizeProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const all = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0);
  const idle = profile.nodes
    .filter((n) => n.callFrame.functionName === '(idle)')
    .reduce((s, n) => s + (n.hitCount ?? 0), 0);
  const busy = Math.max(1, all - idle);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const pkgs = new Map<string, number>();
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (hits === 0 || n.callFrame.functionName === '(idle)') continue;
    const key = functionKey(n.callFrame);
    self.set(key, (self.get(key) ?? 0) + hits);
    const pkg = packageOf(n.callFrame);
    pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + hits);
    // Credit every distinct function on the stack once (recursion counted once).
    const onStack = new Set<string>();
    for (let id: number | undefined = n.id; id !== undefined; id = parentOf.get(id)) {
      const frame = byId.get(id)?.callFrame;
      if (frame && frame.functionName !== '(root)') onStack.add(functionKey(frame));
    }
    for (const k of onStack) total.set(k, (total.get(k) ?? 0) + hits);
  }
  const pct = (hits: number): number => Math.round((hits / busy) * 1000) / 10;
  return {
    sampledMs: Math.round((profile.endTime - profile.startTime) / 1000),
    idlePct: Math.round((idle / Math.max(1, all)) * 1000) / 10,
    topSelf: [...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, hits]) => ({ fn, selfPct: pct(hits), totalPct: pct(total.get(fn) ?? hits) })),
    topTotal: [...total.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, hits]) => ({ fn, selfPct: pct(self.get(fn) ?? 0), totalPct: pct(hits) })),
    byPackage: [...pkgs.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([pkg, hits]) => ({ pkg, selfPct: pct(hits) })),
  };
}

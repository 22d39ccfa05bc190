import { FieldbookError, LiveServerMessageSchema } from '@fieldbook/shared';
import { bucketsToPoints, type ChannelPoints, type DecimatedSeries } from './chartData';
import type { ChannelLimits } from './limitBands';
import { cachedChannelList, cachedPoints, saveChannelList, saveRange } from './rangeCache';

/** A channel as `GET /workspaces/:ws/channels` lists it. */
export interface ChannelInfo {
  id: string;
  key: string;
  /** The agent that sends it (with `instrumentKey`, names its instrument). */
  agentId?: string;
  instrumentKey: string;
  unit: string;
  freshness: 'LIVE' | 'STALE';
  lastT: number | null;
  /** Its manifest entry; `limits` are drawn on charts. */
  spec?: { limits?: ChannelLimits };
}

/** Where the telemetry comes from: the server, a token, and the local cache's profile. */
export interface TelemetrySource {
  serverUrl: string;
  workspaceId: string;
  accessToken: () => string;
  /** Separates cached ranges of different users on one browser. */
  profile: string;
}

/** Points of a channel for a range, and whether they came from the offline cache. */
export interface RangeResult {
  points: ChannelPoints;
  fromCache: boolean;
}

async function getJson<T>(source: TelemetrySource, path: string): Promise<T> {
  const res = await fetch(`${source.serverUrl}/api/v1${path}`, {
    headers: { authorization: `Bearer ${source.accessToken()}` },
  });
  const body = (await res.json()) as T & { error?: { code: string; message: string } };
  if (!res.ok) {
    const code =
      body.error?.code === 'RESOURCE_NOT_FOUND' ? 'RESOURCE_NOT_FOUND' : 'INTERNAL_ERROR';
    throw new FieldbookError(code, body.error?.message ?? `HTTP ${res.status}`);
  }
  return body;
}

/**
 * The workspace's channels, saved to the offline cache; when the server
 * cannot be reached, the list last saved (empty when there is none).
 */
export async function listChannels(source: TelemetrySource): Promise<ChannelInfo[]> {
  try {
    const body = await getJson<{ items: ChannelInfo[] }>(
      source,
      `/workspaces/${source.workspaceId}/channels`,
    );
    saveChannelList(source.profile, source.workspaceId, body.items).catch(() => {});
    return body.items;
  } catch (err) {
    if (err instanceof FieldbookError) throw err;
    const cached = await cachedChannelList(source.profile, source.workspaceId).catch(() => null);
    return (cached as ChannelInfo[] | null) ?? [];
  }
}

/** How a channel is named on charts: "instrument.key (unit)", e.g. "rover.wheel.fl.current (A)". */
export function channelLabel(channel: Pick<ChannelInfo, 'instrumentKey' | 'key' | 'unit'>): string {
  return channel.unit
    ? `${channel.instrumentKey}.${channel.key} (${channel.unit})`
    : `${channel.instrumentKey}.${channel.key}`;
}

/**
 * A channel's points over [from, to], min/max-decimated by the server to
 * `maxPoints` buckets (the plot's width in pixels), saved to the offline
 * cache; when the server cannot be reached, what the cache holds.
 */
export async function fetchRange(
  source: TelemetrySource,
  channelId: string,
  from: number,
  to: number,
  maxPoints: number,
): Promise<RangeResult> {
  const [f, t] = [Math.floor(from), Math.ceil(to)];
  const budget = Math.max(1, Math.min(100_000, Math.round(maxPoints)));
  try {
    const series = await getJson<DecimatedSeries>(
      source,
      `/channels/${channelId}/samples?from=${f}&to=${t}&maxPoints=${budget}`,
    );
    const points = bucketsToPoints(series);
    saveRange(source.profile, channelId, f, t, points).catch(() => {});
    return { points, fromCache: false };
  } catch (err) {
    if (err instanceof FieldbookError) throw err;
    const cached = await cachedPoints(source.profile, channelId, f, t).catch(() => null);
    return { points: cached ?? { t: [], v: [] }, fromCache: true };
  }
}

/** Live samples of subscribed channels from `/telemetry/:ws/live`; reconnects until closed. */
export class LiveFeedClient {
  private ws: WebSocket | null = null;
  private channels: string[] = [];
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | null = null;
  /** Messages the server dropped because this viewer was slow. */
  dropped = 0;

  constructor(
    private readonly source: TelemetrySource,
    private readonly onSamples: (channelId: string, t: number[], v: number[]) => void,
  ) {
    this.connect();
  }

  /** Replaces the subscribed channels. */
  subscribe(channels: string[]): void {
    this.channels = channels;
    if (this.ws?.readyState === WebSocket.OPEN)
      this.ws.send(JSON.stringify({ type: 'subscribe', channels }));
  }

  private connect(): void {
    if (this.closed) return;
    const base = this.source.serverUrl.replace(/^http/, 'ws');
    const ws = new WebSocket(`${base}/telemetry/${this.source.workspaceId}/live`, [
      'fieldbook.v1',
      `bearer.${this.source.accessToken()}`,
    ]);
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', channels: this.channels }));
    ws.onmessage = (e) => {
      const parsed = LiveServerMessageSchema.safeParse(JSON.parse(String(e.data)));
      if (!parsed.success || parsed.data.type !== 'samples') return;
      const msg = parsed.data;
      this.dropped += msg.dropped;
      this.onSamples(msg.channelId, msg.t, msg.v);
    };
    ws.onclose = () => {
      if (this.ws === ws && !this.closed) this.retry = setTimeout(() => this.connect(), 2000);
    };
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.ws?.close();
  }
}

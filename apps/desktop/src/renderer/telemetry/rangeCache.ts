import type { ChannelPoints } from './chartData';

/**
 * Viewed ranges of channels kept in IndexedDB, so a chart opened offline
 * still shows what was last seen, and each workspace's channel list beside
 * them, so it is still labelled with names and units. Per channel the newest `MAX_RANGES` fetched
 * ranges are kept; a lookup merges those that meet the asked range.
 */

const DB_NAME = 'fieldbook-telemetry-cache';
const STORE = 'ranges';
const MAX_RANGES = 24;

interface CachedRange {
  from: number;
  to: number;
  savedAt: number;
  t: number[];
  v: number[];
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

let opening: Promise<IDBDatabase> | null = null;
function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
  });
  return opening;
}

function cacheKey(profile: string, channelId: string): string {
  return `${profile}/${channelId}`;
}

// Channel ids are UUIDs, so this key never meets a range key (profile/channel).
function channelListKey(profile: string, workspaceId: string): string {
  return `${profile}/channels:${workspaceId}`;
}

/** Remembers the points of a channel fetched for [from, to]. */
export async function saveRange(
  profile: string,
  channelId: string,
  from: number,
  to: number,
  points: ChannelPoints,
): Promise<void> {
  const db = await open();
  const key = cacheKey(profile, channelId);
  const tx = db.transaction(STORE, 'readwrite');
  const store = tx.objectStore(STORE);
  const ranges = ((await request(store.get(key))) as CachedRange[] | undefined) ?? [];
  const kept = ranges.filter((r) => r.from < from || r.to > to);
  kept.push({ from, to, savedAt: Date.now(), t: points.t, v: points.v });
  kept.sort((a, b) => b.savedAt - a.savedAt);
  await request(store.put(kept.slice(0, MAX_RANGES), key));
}

/** Remembers a workspace's channel list (names, units), so charts opened offline still label their series. */
export async function saveChannelList(
  profile: string,
  workspaceId: string,
  channels: unknown[],
): Promise<void> {
  const db = await open();
  const store = db.transaction(STORE, 'readwrite').objectStore(STORE);
  await request(store.put(channels, channelListKey(profile, workspaceId)));
}

/** The channel list last saved for the workspace, or null when none was. */
export async function cachedChannelList(
  profile: string,
  workspaceId: string,
): Promise<unknown[] | null> {
  const db = await open();
  const store = db.transaction(STORE, 'readonly').objectStore(STORE);
  const list = (await request(store.get(channelListKey(profile, workspaceId)))) as
    unknown[] | undefined;
  return list ?? null;
}

/** Points of a channel in [from, to] from every cached range that meets it, or null when none does. */
export async function cachedPoints(
  profile: string,
  channelId: string,
  from: number,
  to: number,
): Promise<ChannelPoints | null> {
  const db = await open();
  const store = db.transaction(STORE, 'readonly').objectStore(STORE);
  const ranges =
    ((await request(store.get(cacheKey(profile, channelId)))) as CachedRange[] | undefined) ?? [];
  const meeting = ranges.filter((r) => r.from <= to && r.to >= from);
  if (meeting.length === 0) return null;
  const byTime = new Map<number, number>();
  for (const r of meeting.sort((a, b) => a.savedAt - b.savedAt))
    r.t.forEach((t, i) => t >= from && t <= to && byTime.set(t, r.v[i]!));
  const t = [...byTime.keys()].sort((a, b) => a - b);
  return { t, v: t.map((x) => byTime.get(x)!) };
}

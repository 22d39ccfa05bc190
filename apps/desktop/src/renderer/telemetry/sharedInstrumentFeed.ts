import { InstrumentFeed, type InstrumentFeedEvent } from '../instruments/instrumentFeed';
import type { TelemetrySource } from './telemetryClient';

/** What a chart listens for on the instrument feed. */
export interface FeedListener {
  onEvent(event: InstrumentFeedEvent): void;
  /** The feed (re)connected: reload what may have been missed. */
  onReady(): void;
}

const feeds = new Map<TelemetrySource, { feed: InstrumentFeed; listeners: Set<FeedListener> }>();

/**
 * Listens to the instrument side of the live feed of `source`, one socket
 * shared by every chart of that source (opened with the first listener,
 * closed with the last). A listener joining an open feed is told it is
 * ready at once. Returns the function that stops listening.
 */
export function listenToInstruments(source: TelemetrySource, listener: FeedListener): () => void {
  let entry = feeds.get(source);
  if (entry) queueMicrotask(() => listener.onReady());
  else {
    const listeners = new Set<FeedListener>();
    const feed = new InstrumentFeed(source, {
      onEvent: (e) => listeners.forEach((l) => l.onEvent(e)),
      onReady: () => listeners.forEach((l) => l.onReady()),
      onDown: () => {},
    });
    entry = { feed, listeners };
    feeds.set(source, entry);
  }
  const { listeners, feed } = entry;
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    feed.close();
    feeds.delete(source);
  };
}

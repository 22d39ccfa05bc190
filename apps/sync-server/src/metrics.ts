import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The server's Prometheus metrics, on a registry of its own so tests and several servers never collide. */
export interface SyncMetrics {
  registry: Registry;
  connections: Gauge;
  loadedDocs: Gauge;
  updatesIn: Counter;
  updatesOut: Counter;
  /** Hot-path byte counts, plain numbers read by the counters at scrape time. */
  traffic: Traffic;
  persistSeconds: Histogram;
  errors: Counter<'code'>;
  /** Updates refused by the document-level permission check. */
  refusedWrites: Counter;
  /** Sockets closed for holding more unsent bytes than the cap (a client that does not read). */
  sendOverflows: Counter;
}

/** Bytes through the sync sockets, counted per frame without touching prom-client. */
export interface Traffic {
  bytesIn: number;
  bytesOut: number;
}

/** Creates the metric set; `/metrics` renders `registry`. */
export function createMetrics(): SyncMetrics {
  const registry = new Registry();
  const registers = [registry];
  // Process CPU, memory, GC and event-loop lag, the usual Node.js gauges.
  collectDefaultMetrics({ register: registry });
  const traffic: Traffic = { bytesIn: 0, bytesOut: 0 };
  new Counter({
    name: 'fieldbook_sync_bytes_in_total',
    help: 'WebSocket message bytes received',
    registers,
    collect() {
      this.reset();
      this.inc(traffic.bytesIn);
    },
  });
  new Counter({
    name: 'fieldbook_sync_bytes_out_total',
    help: 'WebSocket bytes sent (frames)',
    registers,
    collect() {
      this.reset();
      this.inc(traffic.bytesOut);
    },
  });
  return {
    registry,
    traffic,
    connections: new Gauge({
      name: 'fieldbook_sync_connections',
      help: 'Open sync WebSocket connections',
      registers,
    }),
    loadedDocs: new Gauge({
      name: 'fieldbook_sync_loaded_documents',
      help: 'Documents held in memory',
      registers,
    }),
    updatesIn: new Counter({
      name: 'fieldbook_sync_updates_in_total',
      help: 'Document updates received and stored (rate() gives updates per second)',
      registers,
    }),
    updatesOut: new Counter({
      name: 'fieldbook_sync_updates_out_total',
      help: 'Document update deliveries to peers (rate() gives deliveries per second)',
      registers,
    }),
    persistSeconds: new Histogram({
      name: 'fieldbook_storage_persist_seconds',
      help: 'Time to durably append one group commit of updates',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    refusedWrites: new Counter({
      name: 'fieldbook_sync_refused_writes_total',
      help: 'Updates refused because the sender may not make a change they contain',
      registers,
    }),
    sendOverflows: new Counter({
      name: 'fieldbook_sync_send_overflows_total',
      help: 'Sockets closed (4413) for holding more unsent bytes than SOCKET_SEND_CAP_BYTES',
      registers,
    }),
    errors: new Counter({
      name: 'fieldbook_sync_errors_total',
      help: 'Errors by code',
      labelNames: ['code'],
      registers,
    }),
  };
}

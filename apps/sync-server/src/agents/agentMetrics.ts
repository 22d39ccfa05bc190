import { Counter, Gauge, type Registry } from 'prom-client';

/** Prometheus metrics of the agent gateway and telemetry ingest. */
export interface AgentMetrics {
  sessions: Gauge;
  samplesStored: Counter;
  duplicates: Counter;
  gapSamples: Counter;
  errors: Counter<'code'>;
}

/** Registers the gateway's metrics on `registry` (the server's, so `/metrics` shows them). */
export function createAgentMetrics(registry: Registry): AgentMetrics {
  const registers = [registry];
  return {
    sessions: new Gauge({
      name: 'fieldbook_agent_sessions',
      help: 'Agent sessions past hello',
      registers,
    }),
    samplesStored: new Counter({
      name: 'fieldbook_telemetry_samples_stored_total',
      help: 'Telemetry samples stored (rate() gives samples per second)',
      registers,
    }),
    duplicates: new Counter({
      name: 'fieldbook_telemetry_duplicate_samples_total',
      help: 'Resent samples dropped because their seq was already stored',
      registers,
    }),
    gapSamples: new Counter({
      name: 'fieldbook_telemetry_gap_samples_total',
      help: 'Seqs never received (a batch skipped ahead of the stored seq)',
      registers,
    }),
    errors: new Counter({
      name: 'fieldbook_agent_errors_total',
      help: 'Agent protocol errors by code',
      labelNames: ['code'],
      registers,
    }),
  };
}

import type { TelemetryStore } from '../telemetry/telemetryStore';
import type { Logger } from '../log';
import type { AgentEventSink } from '../instruments/agentLink';
import type { AgentConnection } from './agentConnection';
import type { AgentMetrics } from './agentMetrics';

// The contract between the agent gateway and each connection it holds: the
// limits, the services and the close codes every session shares.

/** Limits a gateway applies to every session. */
export interface SessionLimits {
  /** Largest message accepted, in bytes. */
  maxMessageBytes: number;
  /** Most samples per batch (told to the agent in welcome). */
  maxBatch: number;
  /** Samples an agent may have sent but not had acknowledged. */
  creditWindow: number;
  /** Time allowed between connect and hello. */
  helloTimeoutMs: number;
}

/** What a connection needs from its gateway. */
export interface ConnectionContext {
  store: TelemetryStore;
  metrics: AgentMetrics;
  log: Logger;
  limits: SessionLimits;
  now(): number;
  /** Makes this the agent's current session; returns a reason when a newer session already holds it. */
  claim(conn: AgentConnection): string | null;
  /** Forgets this session; true when it was the agent's current one. */
  release(conn: AgentConnection): boolean;
  /** Runs `fn` after every earlier call with the same key has finished. */
  serial<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Stores command and run messages, and hears when a session is ready. */
  events: AgentEventSink;
  /** A silent (STALE) session spoke again. */
  fresh(conn: AgentConnection): void;
}

/** Close codes: protocol violation, bad payload, too big, superseded, silent. */
export const CLOSE = {
  policy: 1008,
  invalid: 1007,
  tooBig: 1009,
  superseded: 4409,
  timeout: 4408,
} as const;

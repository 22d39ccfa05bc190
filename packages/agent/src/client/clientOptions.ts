import type { Manifest } from '@fieldbook/shared';
import type { DiskBufferOptions } from './diskBuffer';

// The agent client's public setup and counters, shared by the client and the
// telemetry sender that counts what it sends.

/** How an agent client is set up. */
export interface AgentClientOptions {
  /** `ws(s)://host[:port]/agents` */
  url: string;
  /** The API key (`fb_…`); sent in the Authorization header, never logged. */
  key: string;
  agentId: string;
  manifest: Manifest;
  /** Directory of the disk buffer (segments and state). */
  bufferDir: string;
  buffer?: DiskBufferOptions;
  heartbeatMs?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** Most samples in one pushed block (the server's maxBatch also caps what is sent). */
  maxBlock?: number;
}

/** Counters for tests, the CLI and benchmarks. */
export interface AgentClientStats {
  connects: number;
  batchesSent: number;
  samplesSent: number;
  /** Times sending stopped because credits ran out. */
  creditStalls: number;
  lastError: { code: string; message: string } | null;
}

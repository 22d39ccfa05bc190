import type { Manifest } from '@fieldbook/shared';
import type { IngestBatch } from './telemetryStore';

/** A sample as tests write it. */
export interface TestSample {
  ch: string;
  t: number;
  value: number | boolean | string;
  quality?: 0 | 1 | 2;
}

/** Builds an IngestBatch (what the gateway hands the store) from plain samples, for store tests. */
export function batchOf(
  where: { tenantId: string; agentId: string; stream: string },
  firstSeq: number,
  samples: TestSample[],
  overflow = 0,
): IngestBatch {
  const channelKeys = [...new Set(samples.map((s) => s.ch))];
  const labels = new Map<number, string>();
  samples.forEach((s, i) => typeof s.value === 'string' && labels.set(i, s.value));
  return {
    ...where,
    firstSeq,
    overflow,
    channelKeys,
    channel: Uint32Array.from(samples, (s) => channelKeys.indexOf(s.ch)),
    times: Float64Array.from(samples, (s) => s.t),
    values: Float64Array.from(samples, (s) =>
      typeof s.value === 'number' ? s.value : s.value === true ? 1 : 0,
    ),
    qualities: Uint8Array.from(samples, (s) => s.quality ?? 0),
    labels: labels.size > 0 ? labels : null,
  };
}

/** A two-instrument manifest with numeric, f32, bool and enum channels. */
export const TEST_MANIFEST: Manifest = {
  instruments: [
    {
      id: 'rover',
      name: 'Rover',
      channels: [
        { id: 'volt', dataType: 'f64', unit: 'V' },
        { id: 'amp', dataType: 'f32', unit: 'A' },
      ],
      commands: [],
    },
    {
      id: 'door',
      name: 'Door',
      channels: [
        { id: 'open', dataType: 'bool', unit: '' },
        { id: 'mode', dataType: 'enum', unit: '' },
      ],
      commands: [],
    },
  ],
};

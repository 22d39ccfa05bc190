import type { InstrumentSpec, Sample } from '@fieldbook/shared';

/** A simulated instrument: its manifest entry and the value of each channel at a time. */
export interface Simulator {
  readonly instrument: InstrumentSpec;
  /** Sample rate per channel, in Hz. */
  readonly rateHz: number;
  /** The samples of every channel at time `t` (epoch ms), advancing the simulation. */
  sampleAt(t: number): Sample[];
}

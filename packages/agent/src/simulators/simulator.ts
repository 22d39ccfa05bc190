import type { CommandSpec, InstrumentSpec, Sample } from '@fieldbook/shared';
import type { CommandControl } from '../client/commandRunner';

/** A simulated instrument: its manifest entry, the value of each channel at a time, and its commands. */
export interface Simulator {
  readonly instrument: InstrumentSpec;
  /** Sample rate per channel, in Hz. */
  readonly rateHz: number;
  /** The samples of every channel at time `t` (epoch ms), advancing the simulation. */
  sampleAt(t: number): Sample[];
  /**
   * Carries out one of the instrument's own commands (runs are started and
   * stopped by the agent's RunKeeper); resolves with the command's output,
   * throws a CommandError for a defined failure.
   */
  command(
    name: string,
    params: Record<string, unknown>,
    control: CommandControl,
  ): Promise<Record<string, unknown>>;
  /** The QC metrics of a run, from the samples taken while it ran. */
  qcOf(samples: readonly Sample[]): Record<string, number>;
  /** The instrument's active alarms (sent with every status update); none when absent. */
  alarms?(): SimulatorAlarm[];
}

/** An active alarm of a simulated instrument, as `status.update` carries it. */
export interface SimulatorAlarm {
  id: string;
  severity: 'warning' | 'critical';
  message: string;
}

/** The commands every simulated instrument offers for runs (seed 002's POST /runs and PUT /runs/:id/stop). */
export function runCommands(protocols: string[]): CommandSpec[] {
  return [
    {
      id: 'run.start',
      description: 'Start a run',
      parameterSchema: {
        type: 'object',
        properties: {
          protocol: { type: 'string', enum: protocols, title: 'Protocol' },
          durationSec: {
            type: 'integer',
            minimum: 1,
            maximum: 86_400,
            default: 60,
            title: 'Duration (s)',
          },
        },
        required: ['protocol'],
        additionalProperties: false,
      },
      hazard: 'normal',
    },
    {
      id: 'run.stop',
      description: 'Stop the running run',
      parameterSchema: {
        type: 'object',
        properties: { runId: { type: 'string', minLength: 1, title: 'Run' } },
        required: ['runId'],
        additionalProperties: false,
      },
      hazard: 'normal',
    },
  ];
}

/**
 * Waits `ms`, reporting progress every tenth; rejects at once when the
 * command is cancelled (`control.signal`).
 */
export async function work(ms: number, control: CommandControl, what: string): Promise<void> {
  const steps = 10;
  for (let i = 1; i <= steps; i++) {
    await new Promise<void>((resolve, reject) => {
      if (control.signal.aborted) return reject(new Error('cancelled'));
      const timer = setTimeout(() => {
        control.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms / steps);
      const onAbort = () => {
        clearTimeout(timer);
        reject(new Error('cancelled'));
      };
      control.signal.addEventListener('abort', onAbort, { once: true });
    });
    control.progress((i * 100) / steps, `${what}: ${i * 10}%`);
  }
}

/** Mean and largest deviation from a target of the numeric values of one channel. */
export function stats(samples: readonly Sample[], channel: string) {
  let [count, sum, squares, min, max] = [0, 0, 0, Infinity, -Infinity];
  for (const s of samples) {
    if (s.ch !== channel) continue;
    const v = Number(s.value);
    count++;
    sum += v;
    squares += v * v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const n = count || 1;
  return {
    mean: sum / n,
    rms: Math.sqrt(squares / n),
    min: count ? min : 0,
    max: count ? max : 0,
    count,
  };
}

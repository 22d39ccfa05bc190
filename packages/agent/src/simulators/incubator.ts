import type { InstrumentSpec, Sample } from '@fieldbook/shared';
import { CommandError } from '../client/commandRunner';
import { gaussian, seededRandom } from './signal';
import { runCommands, stats, work, type Simulator } from './simulator';

const instrument: InstrumentSpec = {
  id: 'incubator',
  name: 'CO2 incubator',
  model: 'Fieldbook incubator simulator',
  channels: [
    {
      id: 'chamber.temp',
      dataType: 'f64',
      unit: 'degC',
      limits: { warnLow: 36.5, warnHigh: 37.5, alarmLow: 35, alarmHigh: 39 },
    },
    { id: 'chamber.co2', dataType: 'f64', unit: '%', limits: { warnLow: 4.5, warnHigh: 5.5 } },
    { id: 'chamber.rh', dataType: 'f64', unit: '%' },
    { id: 'door.open', dataType: 'bool', unit: '' },
  ],
  commands: [
    {
      id: 'setpoint.temp',
      description: 'Set the chamber temperature',
      parameterSchema: {
        type: 'object',
        properties: {
          celsius: { type: 'number', minimum: 20, maximum: 45, title: 'Temperature (°C)' },
        },
        required: ['celsius'],
        additionalProperties: false,
      },
      hazard: 'normal',
    },
    {
      id: 'door.open',
      description: 'Open the chamber door (disturbs the culture)',
      parameterSchema: {
        type: 'object',
        properties: {
          seconds: {
            type: 'integer',
            minimum: 1,
            maximum: 120,
            default: 20,
            title: 'Open for (s)',
          },
        },
        additionalProperties: false,
      },
      hazard: 'hazardous',
    },
    {
      id: 'decontaminate',
      description: 'Run a 180 °C decontamination cycle',
      parameterSchema: {},
      hazard: 'hazardous',
    },
    ...runCommands(['culture', 'calibration']),
  ],
  qc: [
    { metric: 'temp.mean', unit: 'degC', min: 36.5, max: 37.5, description: 'Mean temperature' },
    {
      metric: 'temp.spread',
      unit: 'degC',
      max: 1,
      description: 'Highest minus lowest temperature',
    },
    { metric: 'co2.mean', unit: '%', min: 4.5, max: 5.5, description: 'Mean CO2' },
  ],
};

/** A CO2 incubator: temperature and CO2 held at setpoints, disturbed when the door opens. */
export function incubatorSimulator(seed = 1, rateHz = 1): Simulator {
  const random = seededRandom(seed);
  let temp = 37;
  let setpoint = 37;
  let co2 = 5;
  let doorOpenUntil = 0;
  let commandedOpenUntil = 0;
  return {
    instrument,
    rateHz,
    sampleAt(t) {
      if (t > doorOpenUntil && random() < 0.0005) doorOpenUntil = t + 20_000;
      const open = t < doorOpenUntil || Date.now() < commandedOpenUntil;
      temp += (open ? -0.01 : (setpoint - temp) * 0.02) + 0.003 * gaussian(random);
      co2 += (open ? -0.02 : (5 - co2) * 0.05) + 0.005 * gaussian(random);
      const values: Record<string, number | boolean> = {
        'chamber.temp': temp,
        'chamber.co2': Math.max(0, co2),
        'chamber.rh': 93 + 0.5 * gaussian(random) - (open ? 8 : 0),
        'door.open': open,
      };
      return instrument.channels.map((c): Sample => ({
        ch: c.id,
        t,
        value: values[c.id]!,
        quality: 'good',
      }));
    },
    async command(name, params, control) {
      switch (name) {
        case 'setpoint.temp':
          setpoint = Number(params.celsius);
          return { celsius: setpoint };
        case 'door.open': {
          const seconds = Number(params.seconds ?? 20);
          commandedOpenUntil = Date.now() + seconds * 1000;
          return { openUntil: commandedOpenUntil };
        }
        case 'decontaminate':
          await work(3000, control, 'decontaminating');
          return { cycle: 'complete' };
      }
      throw new CommandError('UNKNOWN_COMMAND', `The incubator has no command ${name}`);
    },
    qcOf(samples) {
      const t = stats(samples, 'chamber.temp');
      return {
        'temp.mean': t.mean,
        'temp.spread': t.max - t.min,
        'co2.mean': stats(samples, 'chamber.co2').mean,
      };
    },
  };
}

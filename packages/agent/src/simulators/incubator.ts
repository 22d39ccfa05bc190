import type { InstrumentSpec, Sample } from '@fieldbook/shared';
import { gaussian, seededRandom } from './signal';
import type { Simulator } from './simulator';

const instrument: InstrumentSpec = {
  id: 'incubator',
  name: 'CO2 incubator',
  model: 'Fieldbook incubator simulator',
  channels: [
    {
      id: 'chamber.temp',
      dataType: 'f64',
      unit: 'degC',
      limits: { warnLow: 36.5, warnHigh: 37.5 },
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
        properties: { celsius: { type: 'number', minimum: 20, maximum: 45 } },
        required: ['celsius'],
      },
      hazard: 'normal',
    },
    {
      id: 'decontaminate',
      description: 'Run a 180 °C decontamination cycle',
      parameterSchema: {},
      hazard: 'hazardous',
    },
  ],
};

/** A CO2 incubator: temperature and CO2 held at setpoints, disturbed when the door opens. */
export function incubatorSimulator(seed = 1, rateHz = 1): Simulator {
  const random = seededRandom(seed);
  let temp = 37;
  let co2 = 5;
  let doorOpenUntil = 0;
  return {
    instrument,
    rateHz,
    sampleAt(t) {
      if (t > doorOpenUntil && random() < 0.0005) doorOpenUntil = t + 20_000;
      const open = t < doorOpenUntil;
      temp += (open ? -0.01 : (37 - temp) * 0.02) + 0.003 * gaussian(random);
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
  };
}

import type { InstrumentSpec, Sample } from '@fieldbook/shared';
import { gaussian, seededRandom } from './signal';
import type { Simulator } from './simulator';

const WHEELS = ['fl', 'fr', 'ml', 'mr', 'rl', 'rr'] as const;

const instrument: InstrumentSpec = {
  id: 'rover',
  name: 'Rover',
  model: 'Fieldbook rover simulator',
  channels: [
    ...WHEELS.map((w) => ({
      id: `wheel.${w}.current`,
      dataType: 'f64' as const,
      unit: 'A',
      limits: { warnHigh: 4, alarmHigh: 6 },
    })),
    { id: 'battery.voltage', dataType: 'f64', unit: 'V', limits: { warnLow: 24, alarmLow: 22 } },
    { id: 'battery.soc', dataType: 'f64', unit: '%', limits: { warnLow: 20, alarmLow: 10 } },
    { id: 'imu.ax', dataType: 'f64', unit: 'm/s^2' },
    { id: 'imu.ay', dataType: 'f64', unit: 'm/s^2' },
    { id: 'imu.az', dataType: 'f64', unit: 'm/s^2' },
    { id: 'temp.motor', dataType: 'f64', unit: 'degC', limits: { warnHigh: 70, alarmHigh: 85 } },
    {
      id: 'temp.electronics',
      dataType: 'f64',
      unit: 'degC',
      limits: { warnHigh: 60, alarmHigh: 75 },
    },
  ],
  commands: [
    { id: 'drive.stop', description: 'Stop all wheels', parameterSchema: {}, hazard: 'normal' },
    {
      id: 'drive.move',
      description: 'Drive a distance at a speed',
      parameterSchema: {
        type: 'object',
        properties: {
          meters: { type: 'number', maximum: 50 },
          speed: { type: 'number', maximum: 0.5 },
        },
        required: ['meters'],
      },
      hazard: 'hazardous',
    },
  ],
};

/** A six-wheeled rover: wheel currents that rise on slopes, a draining battery, IMU vibration, warming motors. */
export function roverSimulator(seed = 1, rateHz = 20): Simulator {
  const random = seededRandom(seed);
  let soc = 92;
  let motorTemp = 21;
  let lastT: number | null = null;
  return {
    instrument,
    rateHz,
    sampleAt(t) {
      const dt = lastT === null ? 0 : (t - lastT) / 1000;
      lastT = t;
      const slope = Math.sin(t / 60_000) * 0.5 + 0.5;
      const currents = WHEELS.map(() => 1.2 + 2.2 * slope + 0.15 * gaussian(random));
      const load = currents.reduce((a, b) => a + b, 0);
      soc = Math.max(0, soc - (load * dt) / 36_000);
      motorTemp += ((20 + load * 3.5 - motorTemp) * dt) / 600;
      const values: Record<string, number> = {
        'battery.voltage': 22 + (soc / 100) * 7.2 - load * 0.05 + 0.02 * gaussian(random),
        'battery.soc': soc,
        'imu.ax': 0.3 * gaussian(random),
        'imu.ay': 0.3 * gaussian(random),
        'imu.az': 9.81 + 0.2 * gaussian(random),
        'temp.motor': motorTemp + 0.1 * gaussian(random),
        'temp.electronics': 25 + load + 0.1 * gaussian(random),
      };
      WHEELS.forEach((w, i) => (values[`wheel.${w}.current`] = currents[i]!));
      return instrument.channels.map((c): Sample => ({
        ch: c.id,
        t,
        value: values[c.id]!,
        quality: 'good',
      }));
    },
  };
}

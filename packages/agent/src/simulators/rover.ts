import type { InstrumentSpec, Sample } from '@fieldbook/shared';
import { CommandError } from '../client/commandRunner';
import { gaussian, seededRandom } from './signal';
import { runCommands, stats, work, type Simulator } from './simulator';

const WHEELS = ['fl', 'fr', 'ml', 'mr', 'rl', 'rr'] as const;
const CAMERA_MODES = ['navigation', 'science', 'off'] as const;

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
    {
      id: 'drive.move',
      description: 'Drive a distance at a speed',
      parameterSchema: {
        type: 'object',
        properties: {
          meters: { type: 'number', minimum: 0.1, maximum: 50, title: 'Distance (m)' },
          speed: {
            type: 'number',
            minimum: 0.05,
            maximum: 0.5,
            default: 0.2,
            title: 'Speed (m/s)',
          },
        },
        required: ['meters'],
        additionalProperties: false,
      },
      hazard: 'normal',
    },
    { id: 'drive.stop', description: 'Stop all wheels', parameterSchema: {}, hazard: 'normal' },
    {
      id: 'camera.mode',
      description: 'Set the mast camera mode',
      parameterSchema: {
        type: 'object',
        properties: { mode: { type: 'string', enum: [...CAMERA_MODES], title: 'Mode' } },
        required: ['mode'],
        additionalProperties: false,
      },
      hazard: 'normal',
    },
    {
      id: 'drill.arm',
      description: 'Arm the sample drill',
      parameterSchema: {
        type: 'object',
        properties: { depthCm: { type: 'number', minimum: 1, maximum: 10, title: 'Depth (cm)' } },
        required: ['depthCm'],
        additionalProperties: false,
      },
      hazard: 'hazardous',
    },
    {
      id: 'drill.disarm',
      description: 'Disarm the sample drill',
      parameterSchema: {},
      hazard: 'normal',
    },
    ...runCommands(['traverse', 'drill-sample']),
  ],
  qc: [
    { metric: 'wheel.current.max', unit: 'A', max: 6, description: 'Highest wheel current' },
    { metric: 'battery.drop', unit: '%', max: 5, description: 'State of charge used' },
    { metric: 'imu.vibration', unit: 'm/s^2', max: 1, description: 'RMS lateral acceleration' },
  ],
};

/**
 * A six-wheeled rover: wheel currents that rise on slopes and while driving,
 * a draining battery, IMU vibration, warming motors; a warning alarm while
 * its drill is armed (drill.disarm clears it).
 */
export function roverSimulator(seed = 1, rateHz = 20): Simulator {
  const random = seededRandom(seed);
  let soc = 92;
  let motorTemp = 21;
  let lastT: number | null = null;
  let driving = 0;
  let stopDrive: (() => void) | null = null;
  let camera: string = 'navigation';
  let drillArmed = false;
  return {
    instrument,
    rateHz,
    sampleAt(t) {
      const dt = lastT === null ? 0 : (t - lastT) / 1000;
      lastT = t;
      const slope = Math.sin(t / 60_000) * 0.5 + 0.5;
      const currents = WHEELS.map(
        () => 1.2 + 2.2 * slope + 2.5 * driving + 0.15 * gaussian(random),
      );
      const load = currents.reduce((a, b) => a + b, 0);
      soc = Math.max(0, soc - (load * dt) / 36_000);
      motorTemp += ((20 + load * 3.5 - motorTemp) * dt) / 600;
      const shake = 0.3 + 0.4 * driving;
      const values: Record<string, number> = {
        'battery.voltage': 22 + (soc / 100) * 7.2 - load * 0.05 + 0.02 * gaussian(random),
        'battery.soc': soc,
        'imu.ax': shake * gaussian(random),
        'imu.ay': shake * gaussian(random),
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
    async command(name, params, control) {
      switch (name) {
        case 'drive.move': {
          if (driving) throw new CommandError('BUSY', 'The rover is already driving');
          const meters = Number(params.meters);
          const speed = Number(params.speed ?? 0.2);
          const started = Date.now();
          driving = speed / 0.5;
          const stopped = new AbortController();
          stopDrive = () => stopped.abort();
          const both = AbortSignal.any([control.signal, stopped.signal]);
          try {
            await work((meters / speed) * 1000, { ...control, signal: both }, 'driving');
            return { meters };
          } catch (error) {
            if (control.signal.aborted) throw error;
            const traveled = Math.min(meters, ((Date.now() - started) / 1000) * speed);
            return { meters: Math.round(traveled * 100) / 100, stoppedEarly: true };
          } finally {
            driving = 0;
            stopDrive = null;
          }
        }
        case 'drive.stop': {
          const wasDriving = stopDrive !== null;
          stopDrive?.();
          return { stopped: wasDriving };
        }
        case 'camera.mode':
          camera = String(params.mode);
          return { mode: camera };
        case 'drill.arm':
          if (drillArmed) throw new CommandError('ALREADY_ARMED', 'The drill is already armed');
          await work(1500, control, 'arming drill');
          drillArmed = true;
          return { armed: true, depthCm: Number(params.depthCm) };
        case 'drill.disarm': {
          const wasArmed = drillArmed;
          drillArmed = false;
          return { disarmed: wasArmed };
        }
      }
      throw new CommandError('UNKNOWN_COMMAND', `The rover has no command ${name}`);
    },
    alarms() {
      return drillArmed
        ? [
            {
              id: 'drill.armed',
              severity: 'warning' as const,
              message: 'The sample drill is armed',
            },
          ]
        : [];
    },
    qcOf(samples) {
      const wheels = WHEELS.map((w) => stats(samples, `wheel.${w}.current`).max);
      const soc = stats(samples, 'battery.soc');
      return {
        'wheel.current.max': Math.max(0, ...wheels),
        'battery.drop': soc.count ? soc.max - soc.min : 0,
        'imu.vibration': stats(samples, 'imu.ay').rms,
      };
    },
  };
}

import { AgentMessageSchema, ManifestSchema } from '@fieldbook/shared';
import { describe, expect, it } from 'vitest';
import { batchMessage, helloMessage } from '../messages';
import { incubatorSimulator } from './incubator';
import { roverSimulator } from './rover';

describe('simulators', () => {
  for (const make of [roverSimulator, incubatorSimulator]) {
    const name = make(1).instrument.id;

    it(`${name}: a valid manifest and one sample per channel per tick`, () => {
      const sim = make(7);
      expect(ManifestSchema.safeParse({ instruments: [sim.instrument] }).success).toBe(true);
      const samples = sim.sampleAt(1_760_000_000_000);
      expect(samples.map((s) => s.ch)).toEqual(sim.instrument.channels.map((c) => c.id));
      for (const s of samples)
        expect(typeof s.value === 'number' ? Number.isFinite(s.value) : true).toBe(true);
    });

    it(`${name}: the same seed gives the same signal`, () => {
      const a = make(42);
      const b = make(42);
      const c = make(43);
      const run = (sim: typeof a) =>
        [0, 50, 100].flatMap((dt) => sim.sampleAt(1e12 + dt).map((s) => s.value));
      const ra = run(a);
      expect(run(b)).toEqual(ra);
      expect(run(c)).not.toEqual(ra);
    });
  }

  it('report exactly the QC metrics their manifests declare limits for', () => {
    for (const sim of [roverSimulator(1), incubatorSimulator(1)]) {
      const samples = [0, 1000, 2000].flatMap((dt) => sim.sampleAt(1e12 + dt));
      const metrics = sim.qcOf(samples);
      expect(Object.keys(metrics).sort()).toEqual(sim.instrument.qc!.map((q) => q.metric).sort());
      expect(Object.values(metrics).every(Number.isFinite)).toBe(true);
    }
  });

  it('rover: drive.stop ends a drive early, and the drill arms once', async () => {
    const sim = roverSimulator(1);
    const control = () => ({ progress: () => {}, signal: new AbortController().signal });
    const drive = sim.command('drive.move', { meters: 10, speed: 0.5 }, control());
    await new Promise((r) => setTimeout(r, 200));
    expect(await sim.command('drive.stop', {}, control())).toEqual({ stopped: true });
    const out = await drive;
    expect(out.stoppedEarly).toBe(true);
    expect(out.meters as number).toBeLessThan(1);
    expect(await sim.command('camera.mode', { mode: 'science' }, control())).toEqual({
      mode: 'science',
    });
    await expect(sim.command('nope', {}, control())).rejects.toThrow(/no command/);
  });

  it('rover: an armed drill is a warning alarm until it is disarmed', async () => {
    const sim = roverSimulator(1);
    const control = { progress: () => {}, signal: new AbortController().signal };
    expect(sim.alarms?.()).toEqual([]);
    await sim.command('drill.arm', { depthCm: 2 }, control);
    expect(sim.alarms?.()).toEqual([
      { id: 'drill.armed', severity: 'warning', message: 'The sample drill is armed' },
    ]);
    expect(await sim.command('drill.disarm', {}, control)).toEqual({ disarmed: true });
    expect(sim.alarms?.()).toEqual([]);
  });

  it('incubator: a new setpoint moves the chamber temperature towards it', async () => {
    const sim = incubatorSimulator(4);
    const control = { progress: () => {}, signal: new AbortController().signal };
    expect(await sim.command('setpoint.temp', { celsius: 30 }, control)).toEqual({ celsius: 30 });
    let temp = 37;
    for (let i = 0; i < 300; i++)
      temp = sim.sampleAt(1e12 + i * 1000).find((s) => s.ch === 'chamber.temp')!.value as number;
    expect(temp).toBeLessThan(31);
  });

  it('rover battery drains while driving', () => {
    const sim = roverSimulator(3, 10);
    const soc = (t: number) => sim.sampleAt(t).find((s) => s.ch === 'battery.soc')!.value as number;
    const first = soc(0);
    let last = first;
    for (let t = 100; t <= 600_000; t += 100) last = soc(t);
    expect(last).toBeLessThan(first);
  });
});

describe('message builders', () => {
  const session = { agentId: 'rover-sim', sessionEpoch: 2 };

  it('build protocol-valid hello and gap-free batches', () => {
    const sim = roverSimulator();
    const hello = helloMessage(session, { instruments: [sim.instrument] }, { rover: 9 });
    expect(AgentMessageSchema.parse(hello).type).toBe('agent.hello');
    const samples = [...sim.sampleAt(1000), ...sim.sampleAt(1050)];
    const batch = batchMessage(session, 'rover', 10, samples);
    expect(batch).toMatchObject({
      type: 'telemetry.batch',
      firstSeq: 10,
      lastSeq: 10 + samples.length - 1,
    });
  });

  it('refuses an empty batch', () => {
    expect(() => batchMessage(session, 'rover', 0, [])).toThrow();
  });
});

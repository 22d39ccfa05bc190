import { describe, expect, it } from 'vitest';
import type { Instrument } from './instrumentApi';
import { fresherStatus } from './fresherStatus';

const rover = (patch: Partial<Instrument>): Instrument => ({
  id: 'i1',
  workspaceId: 'w1',
  agentId: 'rover-1',
  key: 'arm',
  name: 'Arm',
  model: null,
  connection: 'ONLINE',
  state: 'idle',
  alarms: [],
  lastSeenAt: 1_000,
  spec: { channels: [], commands: [] } as unknown as Instrument['spec'],
  ...patch,
});

describe('fresherStatus', () => {
  it('keeps a live "offline" that is newer than the list answer', () => {
    const known = [rover({ connection: 'OFFLINE', lastSeenAt: 2_000 })];
    const merged = fresherStatus(known, rover({ name: 'Arm (renamed)' }));
    expect(merged.connection).toBe('OFFLINE');
    expect(merged.lastSeenAt).toBe(2_000);
    expect(merged.name).toBe('Arm (renamed)');
  });

  it('takes the list answer when it is as new or newer', () => {
    const known = [rover({ connection: 'OFFLINE', lastSeenAt: 1_000 })];
    expect(fresherStatus(known, rover({ lastSeenAt: 1_000 })).connection).toBe('ONLINE');
    expect(fresherStatus(known, rover({ lastSeenAt: 3_000 })).connection).toBe('ONLINE');
  });

  it('takes the list answer for an instrument not seen before', () => {
    expect(fresherStatus(null, rover({})).connection).toBe('ONLINE');
    expect(fresherStatus([rover({ id: 'other', lastSeenAt: 9_000 })], rover({})).lastSeenAt).toBe(
      1_000,
    );
  });
});

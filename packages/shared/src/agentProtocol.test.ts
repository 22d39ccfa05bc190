import { describe, expect, it } from 'vitest';
import { AgentMessageSchema } from './agentProtocol/agentMessages';
import { ServerMessageSchema } from './agentProtocol/serverMessages';
import {
  TelemetryBatchSchema,
  columnsToSamples,
  samplesToColumns,
  type Sample,
} from './agentProtocol/telemetry';

const env = { v: 1, agentId: 'rover-1', sessionEpoch: 3, msgId: 'm1', sentAt: 1_760_000_000_000 };

const hello = {
  ...env,
  type: 'agent.hello',
  agentVersion: '0.1.0',
  heldSeq: { imu: 41 },
  manifest: {
    instruments: [
      {
        id: 'rover',
        name: 'Rover',
        channels: [{ id: 'battery.v', dataType: 'f64', unit: 'V', limits: { alarmLow: 22 } }],
        commands: [{ id: 'drive.stop', parameterSchema: {}, hazard: 'normal' }],
      },
    ],
  },
};

const batch = {
  ...env,
  type: 'telemetry.batch',
  stream: 'imu',
  firstSeq: 42,
  lastSeq: 43,
  samples: [
    { ch: 'imu.ax', t: 1_760_000_000_000, value: 0.1, quality: 'good' },
    { ch: 'imu.ax', t: 1_760_000_000_010, value: 0.2, quality: 'good' },
  ],
  historical: false,
  overflow: 0,
};

describe('agent protocol', () => {
  it('accepts well-formed agent messages', () => {
    expect(AgentMessageSchema.parse(hello).type).toBe('agent.hello');
    expect(AgentMessageSchema.parse(batch).type).toBe('telemetry.batch');
    const result = { ...env, type: 'command.result', commandId: 'c1', outcome: 'success' };
    expect(AgentMessageSchema.parse(result).type).toBe('command.result');
  });

  it('rejects a batch whose sequence range does not match its samples', () => {
    const bad = AgentMessageSchema.safeParse({ ...batch, lastSeq: 44 });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain('gap-free');
  });

  it('rejects unknown types, wrong versions, negative and unsafe sequence numbers', () => {
    expect(AgentMessageSchema.safeParse({ ...env, type: 'agent.bogus' }).success).toBe(false);
    expect(AgentMessageSchema.safeParse({ ...hello, v: 2 }).success).toBe(false);
    expect(AgentMessageSchema.safeParse({ ...batch, firstSeq: -1, lastSeq: 0 }).success).toBe(
      false,
    );
    const huge = Number.MAX_SAFE_INTEGER + 2;
    expect(
      AgentMessageSchema.safeParse({ ...batch, firstSeq: huge - 1, lastSeq: huge }).success,
    ).toBe(false);
  });

  it('accepts server messages and rejects malformed ones', () => {
    const s = { v: 1, msgId: 's1', sentAt: 1 };
    const welcome = {
      ...s,
      type: 'server.welcome',
      resumeSeq: { imu: 41 },
      maxBatch: 5000,
      credits: 20000,
      serverTime: 5,
    };
    expect(ServerMessageSchema.parse(welcome).type).toBe('server.welcome');
    expect(ServerMessageSchema.safeParse({ ...welcome, credits: -1 }).success).toBe(false);
    const request = {
      ...s,
      type: 'command.request',
      commandId: 'c1',
      instrumentId: 'rover',
      command: 'drive.stop',
      params: {},
      requestedBy: 'u1',
      approvedBy: null,
      expiresAt: 10,
    };
    expect(ServerMessageSchema.parse(request).type).toBe('command.request');
  });
});

describe('telemetry batch columns', () => {
  const samples: Sample[] = [
    { ch: 'a', t: 1, value: 1.5, quality: 'good' },
    { ch: 'b', t: 1, value: true, quality: 'bad' },
    { ch: 'a', t: 2, value: 2.5, quality: 'good' },
  ];
  const head = {
    v: 1,
    type: 'telemetry.batch',
    agentId: 'x',
    sessionEpoch: 1,
    msgId: 'm',
    sentAt: 1,
    stream: 's',
    firstSeq: 1,
    lastSeq: 3,
    historical: false,
    overflow: 0,
  };

  it('round-trips samples through the column form and accepts it as a batch', () => {
    const columns = samplesToColumns(samples);
    expect(columns).toEqual({
      channels: ['a', 'b'],
      ch: [0, 1, 0],
      t: [1, 1, 2],
      value: [1.5, true, 2.5],
      quality: [0, 2, 0],
    });
    expect(columnsToSamples(columns)).toEqual(samples);
    expect(samplesToColumns([samples[0]!])).not.toHaveProperty('quality');
    expect(TelemetryBatchSchema.safeParse({ ...head, columns }).success).toBe(true);
  });

  it('rejects both forms at once, neither, and column arrays of different lengths', () => {
    const columns = samplesToColumns(samples);
    expect(TelemetryBatchSchema.safeParse({ ...head, columns, samples }).success).toBe(false);
    expect(TelemetryBatchSchema.safeParse(head).success).toBe(false);
    expect(
      TelemetryBatchSchema.safeParse({ ...head, columns: { ...columns, t: [1, 2] } }).success,
    ).toBe(false);
    expect(
      TelemetryBatchSchema.safeParse({ ...head, columns: { ...columns, ch: [0, 5, 0] } }).success,
    ).toBe(false);
  });
});

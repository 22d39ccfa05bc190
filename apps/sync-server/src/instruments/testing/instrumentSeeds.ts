import { newId, type InstrumentSpec } from '@fieldbook/shared';
import type { TelemetryStore } from '../../telemetry/telemetryStore';
import type { InstrumentStore } from '../instrumentStore';

/** An instrument with a normal and a hazardous command and the run commands, for route tests. */
export const SEED_INSTRUMENT: InstrumentSpec = {
  id: 'probe',
  name: 'Probe',
  channels: [{ id: 'volt', dataType: 'f64', unit: 'V', limits: { warnHigh: 5 } }],
  commands: [
    { id: 'ping', parameterSchema: {}, hazard: 'normal' },
    { id: 'arm', parameterSchema: {}, hazard: 'hazardous' },
    {
      id: 'run.start',
      parameterSchema: { type: 'object', properties: { protocol: { type: 'string' } } },
      hazard: 'normal',
    },
    {
      id: 'run.stop',
      parameterSchema: { type: 'object', properties: { runId: { type: 'string' } } },
      hazard: 'normal',
    },
  ],
};

/** Puts instruments, commands and runs straight into the stores (as an agent and a requester would have). */
export interface InstrumentSeeds {
  instrument(
    tenantId: string,
    workspaceId: string,
  ): Promise<{ instrumentId: string; channelId: string }>;
  /** A hazardous command awaiting approval, requested by someone else. */
  awaitingCommand(tenantId: string, workspaceId: string, instrumentId: string): Promise<string>;
  /** A running run. */
  runningRun(tenantId: string, workspaceId: string, instrumentId: string): Promise<string>;
}

export function instrumentSeeds(
  telemetry: TelemetryStore,
  store: InstrumentStore,
): InstrumentSeeds {
  const agentId = 'seed-agent';
  return {
    async instrument(tenantId, workspaceId) {
      const channels = await telemetry.registerManifest(tenantId, workspaceId, agentId, {
        instruments: [SEED_INSTRUMENT],
      });
      const found = (await telemetry.listInstruments(tenantId)).find(
        (i) => i.agentId === agentId && i.workspaceId === workspaceId,
      )!;
      return { instrumentId: found.id, channelId: channels.get('volt')!.id };
    },
    async awaitingCommand(tenantId, workspaceId, instrumentId) {
      const now = Date.now();
      const by = { type: 'user' as const, id: newId(), name: 'Someone else' };
      const { command } = await store.createCommand(
        {
          tenantId,
          id: newId(),
          instrumentId,
          workspaceId,
          agentId,
          instrumentKey: SEED_INSTRUMENT.id,
          command: 'arm',
          params: {},
          note: null,
          hazard: 'hazardous',
          state: 'awaiting_approval',
          requestedBy: by,
          requestedAt: now,
          decidedBy: null,
          decidedAt: null,
          expiresAt: now + 3_600_000,
          releasedAt: null,
          acknowledgedAt: null,
          progress: null,
          reason: null,
          error: null,
          output: null,
          finishedAt: null,
          cancelRequestedBy: null,
          updatedAt: now,
        },
        { to: 'awaiting_approval', at: now, by },
      );
      return command.id;
    },
    async runningRun(tenantId, workspaceId, instrumentId) {
      const { run } = await store.startRun({
        tenantId,
        id: newId(),
        instrumentId,
        workspaceId,
        agentId,
        runKey: newId(),
        commandId: null,
        protocol: 'seeded',
        operator: 'Someone else',
        parameters: {},
        status: 'running',
        startedAt: Date.now(),
        finishedAt: null,
        results: {},
        qc: [],
        qcPassed: null,
        artifactHashes: [],
      });
      return run.id;
    },
  };
}

import { newId } from '@fieldbook/shared';
import type { AuditBatch } from './auditBatch';
import { notFound } from '../identity/access';
import type { Identity } from '../identity/identity';
import type { Principal } from '../identity/principal';
import type { InstrumentRecord, TelemetryStore } from '../telemetry/telemetryStore';
import type { AgentEventMessage, AgentSession } from './agentLink';
import type { Refusal } from './commandReports';
import { requireOnInstrument } from './instrumentAccess';
import type { InstrumentEvents } from './instrumentEvents';
import type { InstrumentStore, RunRecord } from './instrumentStore';
import { evaluateQc } from './qc';

type RunReport = Extract<AgentEventMessage, { type: 'run.started' | 'run.finished' }>;

export interface RunServiceDeps {
  store: InstrumentStore;
  telemetry: TelemetryStore;
  audit: AuditBatch;
  identity: Identity;
  events: InstrumentEvents;
  now: () => number;
}

/**
 * Runs as agents report them — stored exactly once per (agent, runId)
 * however often a report is resent, QC metrics checked against the limits the
 * instrument's manifest declares — and as people read them.
 */
export class RunService {
  constructor(private readonly d: RunServiceDeps) {}

  /** A run of the caller's tenant that the caller may read; 404 otherwise. */
  async get(principal: Principal, id: string): Promise<RunRecord> {
    const run = await this.d.store.getRun(principal.tenantId, id);
    if (!run) throw notFound('Run');
    await requireOnInstrument(
      this.d.identity,
      principal,
      run.workspaceId,
      'instrument.read',
      'Run',
    );
    return run;
  }

  async handle(session: AgentSession, m: RunReport): Promise<Refusal> {
    const instrument = (await this.d.telemetry.listInstruments(session.tenantId)).find(
      (i) => i.agentId === session.agentId && i.key === m.instrumentId,
    );
    if (!instrument)
      return {
        code: 'RESOURCE_NOT_FOUND',
        message: `Instrument "${m.instrumentId}" is not in this agent's manifest`,
      };
    if (m.type === 'run.started') {
      const { run, created } = await this.d.store.startRun({
        ...this.blank(session, instrument, m.runId),
        commandId: await this.commandOf(session, m.commandId),
        protocol: m.protocol,
        operator: m.operator,
        parameters: m.parameters ?? {},
        startedAt: m.startedAt,
      });
      if (created) this.changed(session, run, 'run.start');
      return null;
    }
    const { qc, qcPassed } = evaluateQc(m.qcMetrics, instrument.spec.qc);
    const blank = this.blank(session, instrument, m.runId);
    const { run, changed } = await this.d.store.finishRun(
      session.tenantId,
      session.agentId,
      m.runId,
      {
        status: m.outcome,
        finishedAt: m.finishedAt,
        results: m.results,
        qc,
        qcPassed,
        artifactHashes: m.artifactHashes,
      },
      () => blank,
    );
    if (changed) this.changed(session, run, 'run.finish');
    return null;
  }

  private blank(session: AgentSession, instrument: InstrumentRecord, runKey: string): RunRecord {
    return {
      tenantId: session.tenantId,
      id: newId(this.d.now()),
      instrumentId: instrument.id,
      workspaceId: instrument.workspaceId,
      agentId: session.agentId,
      runKey,
      commandId: null,
      protocol: '',
      operator: '',
      parameters: {},
      status: 'running',
      startedAt: null,
      finishedAt: null,
      results: {},
      qc: [],
      qcPassed: null,
      artifactHashes: [],
    };
  }

  /** The command id a run names, when it is a command this agent was sent. */
  private async commandOf(session: AgentSession, commandId: string | undefined) {
    if (!commandId) return null;
    const c = await this.d.store.getCommand(session.tenantId, commandId);
    return c && c.agentId === session.agentId ? c.id : null;
  }

  private changed(session: AgentSession, run: RunRecord, action: string): void {
    this.d.audit.add(run.tenantId, {
      actor: { type: 'apiKey', id: session.keyId, label: session.agentId },
      action,
      outcome: 'success',
      resource: { type: 'run', id: run.id },
      workspaceId: run.workspaceId,
      summary: {
        instrumentId: run.instrumentId,
        runKey: run.runKey,
        status: run.status,
        ...(run.qcPassed === null ? {} : { qcPassed: run.qcPassed }),
      },
    });
    const { tenantId, ...wire } = run;
    this.d.events.publish({
      tenantId,
      workspaceId: run.workspaceId,
      message: { type: 'run', run: wire },
    });
  }
}

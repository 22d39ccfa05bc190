import type { Command, CommandTransition, InstrumentActor, Run } from '@fieldbook/shared';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

type Json = Record<string, unknown>;
const ms = (name: string) => bigint(name, { mode: 'number' });

/**
 * Commands to instruments on PostgreSQL (migrations in drizzle/pg/instruments),
 * one row each holding the current state; every change of state is also a row
 * of `instrument_command_transitions`, numbered under the command's row lock.
 */
export const commands = pgTable(
  'instrument_commands',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    instrumentId: text('instrument_id').notNull(),
    workspaceId: text('workspace_id'),
    agentId: text('agent_id').notNull(),
    instrumentKey: text('instrument_key').notNull(),
    command: text('command').notNull(),
    params: jsonb('params').$type<Json>().notNull(),
    note: text('note'),
    hazard: text('hazard').$type<Command['hazard']>().notNull(),
    state: text('state').$type<Command['state']>().notNull(),
    requestedBy: jsonb('requested_by').$type<InstrumentActor>().notNull(),
    requestedAt: ms('requested_at').notNull(),
    decidedBy: jsonb('decided_by').$type<InstrumentActor>(),
    decidedAt: ms('decided_at'),
    expiresAt: ms('expires_at').notNull(),
    releasedAt: ms('released_at'),
    acknowledgedAt: ms('acknowledged_at'),
    progress: jsonb('progress').$type<NonNullable<Command['progress']>>(),
    reason: text('reason'),
    error: jsonb('error').$type<NonNullable<Command['error']>>(),
    output: jsonb('output').$type<Json>(),
    finishedAt: ms('finished_at'),
    cancelRequestedBy: jsonb('cancel_requested_by').$type<InstrumentActor>(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('instrument_commands_instrument').on(t.tenantId, t.instrumentId, t.id),
    index('instrument_commands_agent').on(t.tenantId, t.agentId, t.state),
    index('instrument_commands_workspace').on(t.tenantId, t.workspaceId, t.state, t.id),
    index('instrument_commands_expiry').on(t.state, t.expiresAt),
  ],
);

/** Every state change of a command: from, to, when, by whom, with what detail. Never updated. */
export const commandTransitions = pgTable(
  'instrument_command_transitions',
  {
    tenantId: text('tenant_id').notNull(),
    commandId: text('command_id').notNull(),
    seq: integer('seq').notNull(),
    fromState: text('from_state').$type<CommandTransition['to']>(),
    toState: text('to_state').$type<CommandTransition['to']>().notNull(),
    at: ms('at').notNull(),
    by: jsonb('by').$type<InstrumentActor>().notNull(),
    detail: jsonb('detail').$type<Json>(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.commandId, t.seq] })],
);

/** Runs reported by agents (seed 002's RUN), one row per (tenant, agent, runKey). */
export const runs = pgTable(
  'instrument_runs',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    instrumentId: text('instrument_id').notNull(),
    workspaceId: text('workspace_id'),
    agentId: text('agent_id').notNull(),
    runKey: text('run_key').notNull(),
    commandId: text('command_id'),
    protocol: text('protocol').notNull(),
    operator: text('operator').notNull(),
    parameters: jsonb('parameters').$type<Json>().notNull(),
    status: text('status').$type<Run['status']>().notNull(),
    startedAt: ms('started_at'),
    finishedAt: ms('finished_at'),
    results: jsonb('results').$type<Json>().notNull(),
    qc: jsonb('qc').$type<Run['qc']>().notNull(),
    qcPassed: boolean('qc_passed'),
    artifactHashes: jsonb('artifact_hashes').$type<string[]>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('instrument_runs_key').on(t.tenantId, t.agentId, t.runKey),
    index('instrument_runs_instrument').on(t.tenantId, t.instrumentId, t.id),
  ],
);

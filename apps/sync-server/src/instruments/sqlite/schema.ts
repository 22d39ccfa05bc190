import type { Command, CommandTransition, InstrumentActor, Run } from '@fieldbook/shared';
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

type Json = Record<string, unknown>;

/**
 * Commands to instruments, one row each, holding the current state; every
 * change of state is also a row of `instrument_command_transitions`. Kept in
 * telemetry.db beside the instrument registry (migrations in
 * drizzle/instruments), so the document database's migrations stay apart.
 */
export const commands = sqliteTable(
  'instrument_commands',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    instrumentId: text('instrument_id').notNull(),
    workspaceId: text('workspace_id'),
    agentId: text('agent_id').notNull(),
    instrumentKey: text('instrument_key').notNull(),
    command: text('command').notNull(),
    params: text('params', { mode: 'json' }).$type<Json>().notNull(),
    note: text('note'),
    hazard: text('hazard').$type<Command['hazard']>().notNull(),
    state: text('state').$type<Command['state']>().notNull(),
    requestedBy: text('requested_by', { mode: 'json' }).$type<InstrumentActor>().notNull(),
    requestedAt: integer('requested_at').notNull(),
    decidedBy: text('decided_by', { mode: 'json' }).$type<InstrumentActor>(),
    decidedAt: integer('decided_at'),
    expiresAt: integer('expires_at').notNull(),
    releasedAt: integer('released_at'),
    acknowledgedAt: integer('acknowledged_at'),
    progress: text('progress', { mode: 'json' }).$type<NonNullable<Command['progress']>>(),
    reason: text('reason'),
    error: text('error', { mode: 'json' }).$type<NonNullable<Command['error']>>(),
    output: text('output', { mode: 'json' }).$type<Json>(),
    finishedAt: integer('finished_at'),
    cancelRequestedBy: text('cancel_requested_by', { mode: 'json' }).$type<InstrumentActor>(),
    updatedAt: integer('updated_at').notNull(),
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
export const commandTransitions = sqliteTable(
  'instrument_command_transitions',
  {
    tenantId: text('tenant_id').notNull(),
    commandId: text('command_id').notNull(),
    seq: integer('seq').notNull(),
    fromState: text('from_state').$type<CommandTransition['to']>(),
    toState: text('to_state').$type<CommandTransition['to']>().notNull(),
    at: integer('at').notNull(),
    by: text('by', { mode: 'json' }).$type<InstrumentActor>().notNull(),
    detail: text('detail', { mode: 'json' }).$type<Json>(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.commandId, t.seq] })],
);

/** Runs reported by agents (seed 002's RUN), one row per (agent, runKey). */
export const runs = sqliteTable(
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
    parameters: text('parameters', { mode: 'json' }).$type<Json>().notNull(),
    status: text('status').$type<Run['status']>().notNull(),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    results: text('results', { mode: 'json' }).$type<Json>().notNull(),
    qc: text('qc', { mode: 'json' }).$type<Run['qc']>().notNull(),
    qcPassed: integer('qc_passed', { mode: 'boolean' }),
    artifactHashes: text('artifact_hashes', { mode: 'json' }).$type<string[]>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('instrument_runs_key').on(t.tenantId, t.agentId, t.runKey),
    index('instrument_runs_instrument').on(t.tenantId, t.instrumentId, t.id),
  ],
);

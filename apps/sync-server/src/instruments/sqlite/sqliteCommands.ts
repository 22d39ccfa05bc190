import type Database from 'better-sqlite3';
import type { CommandState, CommandTransition } from '@fieldbook/shared';
import type {
  CommandPatch,
  CommandRecord,
  InstrumentStore,
  NewTransition,
} from '../instrumentStore';

type CommandMethods = Pick<
  InstrumentStore,
  | 'createCommand'
  | 'getCommand'
  | 'listCommands'
  | 'openCommandsOfAgent'
  | 'expiredBy'
  | 'transition'
  | 'update'
  | 'listTransitions'
>;

/** Columns stored as JSON text. */
const JSON_FIELDS = [
  'params',
  'requestedBy',
  'decidedBy',
  'progress',
  'error',
  'output',
  'cancelRequestedBy',
] as const;
/** Record field → column. */
const COLUMNS: Record<keyof CommandRecord, string> = {
  tenantId: 'tenant_id',
  id: 'id',
  instrumentId: 'instrument_id',
  workspaceId: 'workspace_id',
  agentId: 'agent_id',
  instrumentKey: 'instrument_key',
  command: 'command',
  params: 'params',
  note: 'note',
  hazard: 'hazard',
  state: 'state',
  requestedBy: 'requested_by',
  requestedAt: 'requested_at',
  decidedBy: 'decided_by',
  decidedAt: 'decided_at',
  expiresAt: 'expires_at',
  releasedAt: 'released_at',
  acknowledgedAt: 'acknowledged_at',
  progress: 'progress',
  reason: 'reason',
  error: 'error',
  output: 'output',
  finishedAt: 'finished_at',
  cancelRequestedBy: 'cancel_requested_by',
  updatedAt: 'updated_at',
};
const FIELDS = Object.keys(COLUMNS) as (keyof CommandRecord)[];
const SELECT = `select ${FIELDS.map((f) => `${COLUMNS[f]} as "${f}"`).join(', ')} from instrument_commands`;
const OPEN: CommandState[] = ['released', 'acknowledged', 'in_progress'];
const EXPIRABLE: CommandState[] = ['queued', 'awaiting_approval', 'released'];

const toRecord = (row: Record<string, unknown>): CommandRecord => {
  const out = { ...row };
  for (const f of JSON_FIELDS) out[f] = out[f] === null ? null : JSON.parse(out[f] as string);
  return out as unknown as CommandRecord;
};
const toColumn = (field: keyof CommandRecord, value: unknown) =>
  (JSON_FIELDS as readonly string[]).includes(field) && value !== null
    ? JSON.stringify(value)
    : value;

/**
 * Commands and their transitions on SQLite, as prepared statements (this is
 * the command path's hot loop: several transitions per command). Tables and
 * migrations are drizzle's (schema.ts); a transition is numbered inside the
 * insert itself.
 */
export function sqliteCommandMethods(db: Database.Database): CommandMethods {
  const insert = db.prepare(
    `insert into instrument_commands (${FIELDS.map((f) => COLUMNS[f]).join(', ')})
     values (${FIELDS.map((f) => `@${f}`).join(', ')})`,
  );
  const byId = db.prepare(`${SELECT} where tenant_id = ? and id = ?`);
  const addTransition = db.prepare(`insert into instrument_command_transitions
    (tenant_id, command_id, seq, from_state, to_state, at, by, detail)
    select @tenantId, @commandId, coalesce(max(seq), 0) + 1, @from, @to, @at, @by, @detail
    from instrument_command_transitions where tenant_id = @tenantId and command_id = @commandId`);
  const transitions = db.prepare(`select seq, from_state as "from", to_state as "to", at, by, detail
    from instrument_command_transitions where tenant_id = ? and command_id = ? order by seq`);
  const openOfAgent = db.prepare(`${SELECT} where tenant_id = ? and agent_id = ?
    and state in (${OPEN.map((s) => `'${s}'`).join(', ')}) order by id`);
  const expired =
    db.prepare(`${SELECT} where state in (${EXPIRABLE.map((s) => `'${s}'`).join(', ')})
    and expires_at <= ? order by expires_at limit ?`);
  const updates = new Map<string, Database.Statement>();

  const read = (tenantId: string, id: string) => {
    const row = byId.get(tenantId, id) as Record<string, unknown> | undefined;
    return row ? toRecord(row) : null;
  };
  const record = (
    tenantId: string,
    commandId: string,
    from: CommandState | null,
    t: NewTransition,
  ) =>
    addTransition.run({
      tenantId,
      commandId,
      from,
      to: t.to,
      at: t.at,
      by: JSON.stringify(t.by),
      detail: t.detail ? JSON.stringify(t.detail) : null,
    });
  /** `update … set <fields> where tenant, id and state in (…)`, prepared once per shape. */
  const updateStatement = (fields: string[], states: number) => {
    const key = `${fields.join()}|${states}`;
    let s = updates.get(key);
    if (!s) {
      const set = fields.map((f) => `${COLUMNS[f as keyof CommandRecord]} = @${f}`).join(', ');
      const marks = Array.from({ length: states }, (_, i) => `@s${i}`).join(', ');
      s = db.prepare(`update instrument_commands set ${set}
        where tenant_id = @tenantId and id = @id and state in (${marks})`);
      updates.set(key, s);
    }
    return s;
  };
  const apply = (
    tenantId: string,
    id: string,
    from: readonly CommandState[],
    patch: Partial<CommandRecord>,
  ) => {
    const fields = Object.keys(patch) as (keyof CommandRecord)[];
    const params: Record<string, unknown> = { tenantId, id };
    for (const f of fields) params[f] = toColumn(f, patch[f]);
    from.forEach((s, i) => (params[`s${i}`] = s));
    return updateStatement(fields, from.length).run(params).changes > 0;
  };

  const transitionTx = db.transaction(
    (
      tenantId: string,
      id: string,
      from: readonly CommandState[],
      t: NewTransition,
      patch: CommandPatch,
    ) => {
      const current = read(tenantId, id);
      if (!current || !from.includes(current.state)) return null;
      apply(tenantId, id, [current.state], { ...patch, state: t.to, updatedAt: t.at });
      record(tenantId, id, current.state, t);
      return { ...current, ...patch, state: t.to, updatedAt: t.at };
    },
  );
  const createTx = db.transaction((command: CommandRecord, first: NewTransition) => {
    const existing = read(command.tenantId, command.id);
    if (existing) return { command: existing, created: false };
    const params: Record<string, unknown> = {};
    for (const f of FIELDS) params[f] = toColumn(f, command[f]);
    insert.run(params);
    record(command.tenantId, command.id, null, first);
    return { command, created: true };
  });

  return {
    async createCommand(command, first) {
      return createTx.immediate(command, first);
    },
    async getCommand(tenantId, id) {
      return read(tenantId, id);
    },
    async listCommands(tenantId, filter, cursor, limit) {
      const where = ['tenant_id = @tenantId'];
      const params: Record<string, unknown> = { tenantId, limit: limit + 1, cursor };
      if (filter.instrumentId) {
        where.push('instrument_id = @instrumentId');
        params.instrumentId = filter.instrumentId;
      }
      if (filter.states) {
        filter.states.forEach((s, i) => (params[`st${i}`] = s));
        where.push(`state in (${filter.states.map((_, i) => `@st${i}`).join(', ') || 'null'})`);
      }
      if (filter.workspaceIds) {
        const ids = filter.workspaceIds.filter((w): w is string => w !== null);
        ids.forEach((w, i) => (params[`w${i}`] = w));
        const parts = ids.length
          ? [`workspace_id in (${ids.map((_, i) => `@w${i}`).join(', ')})`]
          : [];
        if (filter.workspaceIds.includes(null)) parts.push('workspace_id is null');
        where.push(parts.length ? `(${parts.join(' or ')})` : '0');
      }
      if (cursor) where.push('id < @cursor');
      const rows = db
        .prepare(`${SELECT} where ${where.join(' and ')} order by id desc limit @limit`)
        .all(params) as Record<string, unknown>[];
      const items = rows.slice(0, limit).map(toRecord);
      return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
    },
    async openCommandsOfAgent(tenantId, agentId) {
      return (openOfAgent.all(tenantId, agentId) as Record<string, unknown>[]).map(toRecord);
    },
    async expiredBy(at, limit) {
      return (expired.all(at, limit) as Record<string, unknown>[]).map(toRecord);
    },
    async transition(tenantId, id, from, t, patch = {}) {
      return transitionTx.immediate(tenantId, id, from, t, patch);
    },
    async update(tenantId, id, from, patch, at) {
      return apply(tenantId, id, from, { ...patch, updatedAt: at }) ? read(tenantId, id) : null;
    },
    async listTransitions(tenantId, commandId) {
      return (transitions.all(tenantId, commandId) as Record<string, unknown>[]).map(
        (r): CommandTransition => ({
          seq: r.seq as number,
          from: r.from as CommandState | null,
          to: r.to as CommandState,
          at: r.at as number,
          by: JSON.parse(r.by as string) as CommandTransition['by'],
          detail:
            r.detail === null ? null : (JSON.parse(r.detail as string) as Record<string, unknown>),
        }),
      );
    },
  };
}

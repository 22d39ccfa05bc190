import type {
  Command,
  CommandState,
  CommandTransition,
  InstrumentActor,
  Run,
} from '@fieldbook/shared';

/**
 * Storage of instrument commands (with every state transition) and runs.
 * Every call is scoped by tenant. State changes are compare-and-set on the
 * current state, so two racing transitions (an approval and an expiry, a
 * result resent after a reconnect) can never both win, also from two nodes
 * sharing PostgreSQL. SQLite and PostgreSQL run the same contract suite
 * (`instrumentStore.contract.ts`).
 */

/** A command as stored: the wire shape plus its tenant. */
export interface CommandRecord extends Command {
  tenantId: string;
}

/** A run as stored: the wire shape plus its tenant. */
export interface RunRecord extends Run {
  tenantId: string;
}

/** A transition about to be stored (the store numbers it). */
export interface NewTransition {
  to: CommandState;
  at: number;
  by: InstrumentActor;
  detail?: Record<string, unknown> | null;
}

/** Fields a transition may change besides the state. */
export type CommandPatch = Partial<
  Pick<
    Command,
    | 'decidedBy'
    | 'decidedAt'
    | 'releasedAt'
    | 'acknowledgedAt'
    | 'progress'
    | 'reason'
    | 'error'
    | 'output'
    | 'finishedAt'
    | 'cancelRequestedBy'
  >
>;

/** Which commands a list returns. */
export interface CommandFilter {
  instrumentId?: string;
  /** Commands of instruments in any of these workspaces (null: tenant-wide instruments). */
  workspaceIds?: (string | null)[];
  states?: CommandState[];
}

/** A page, newest first, and the cursor of the next (older) page. */
export interface InstrumentPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** What `finishRun` records. */
export interface RunFinish {
  status: Exclude<Run['status'], 'running'>;
  finishedAt: number;
  results: Run['results'];
  qc: Run['qc'];
  qcPassed: Run['qcPassed'];
  artifactHashes: string[];
}

export interface InstrumentStore {
  /**
   * Stores a new command with its first transition (from null to `command.state`).
   * When the tenant already has a command with this id (a client retrying
   * with its idempotency key), stores nothing and returns the existing one.
   */
  createCommand(
    command: CommandRecord,
    first: NewTransition,
  ): Promise<{ command: CommandRecord; created: boolean }>;
  getCommand(tenantId: string, id: string): Promise<CommandRecord | null>;
  listCommands(
    tenantId: string,
    filter: CommandFilter,
    cursor: string | null,
    limit: number,
  ): Promise<InstrumentPage<CommandRecord>>;
  /** Released, acknowledged and in-progress commands of one agent (to resend after a reconnect), oldest first. */
  openCommandsOfAgent(tenantId: string, agentId: string): Promise<CommandRecord[]>;
  /** Queued, awaiting and released commands of every tenant whose `expiresAt` is at or before `at`. */
  expiredBy(at: number, limit: number): Promise<CommandRecord[]>;
  /**
   * Moves a command to `transition.to` (applying `patch`) only if its state
   * is one of `from`, storing the transition in the same write. Returns the
   * updated command, or null when it was in another state (or unknown).
   */
  transition(
    tenantId: string,
    id: string,
    from: readonly CommandState[],
    transition: NewTransition,
    patch?: CommandPatch,
  ): Promise<CommandRecord | null>;
  /** Changes fields without a transition (progress while in progress, a cancel request); null if not in `from`. */
  update(
    tenantId: string,
    id: string,
    from: readonly CommandState[],
    patch: CommandPatch,
    at: number,
  ): Promise<CommandRecord | null>;
  /** A command's transitions in order. */
  listTransitions(tenantId: string, commandId: string): Promise<CommandTransition[]>;

  /**
   * Stores a run reported started, once: a second report of the same
   * (agent, runKey) stores nothing and returns the stored run.
   */
  startRun(run: RunRecord): Promise<{ run: RunRecord; created: boolean }>;
  /**
   * Records a run's end, once: a run already finished is returned unchanged
   * (`changed` false). A run never reported started is stored from its end.
   */
  finishRun(
    tenantId: string,
    agentId: string,
    runKey: string,
    finish: RunFinish,
    unknownRun: () => RunRecord,
  ): Promise<{ run: RunRecord; changed: boolean }>;
  getRun(tenantId: string, id: string): Promise<RunRecord | null>;
  listRuns(
    tenantId: string,
    filter: { instrumentId?: string },
    cursor: string | null,
    limit: number,
  ): Promise<InstrumentPage<RunRecord>>;
  close(): Promise<void>;
}

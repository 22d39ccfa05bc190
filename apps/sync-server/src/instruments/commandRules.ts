import type { CommandState } from '@fieldbook/shared';

/**
 * The command state machine as data: for every event, the states it may
 * move a command from, and the state it moves it to. Every transition the
 * server stores goes through one of these rows (compare-and-set on `from`),
 * and is audited as `command.<event>`.
 */
export const COMMAND_EVENTS = {
  /** A hazardous command waits for a second operator. */
  awaitApproval: { from: ['queued'], to: 'awaiting_approval' },
  /** A normal command is released at once. */
  release: { from: ['queued'], to: 'released' },
  /** A second operator releases a hazardous command. */
  approve: { from: ['awaiting_approval'], to: 'released' },
  /** A second operator refuses a hazardous command. */
  reject: { from: ['awaiting_approval'], to: 'rejected' },
  /** The agent accepted the command. */
  acknowledge: { from: ['released'], to: 'acknowledged' },
  /** The agent refused the command. */
  refuse: { from: ['released'], to: 'rejected' },
  /** The agent reported progress for the first time. */
  start: { from: ['released', 'acknowledged'], to: 'in_progress' },
  succeed: { from: ['released', 'acknowledged', 'in_progress'], to: 'succeeded' },
  fail: { from: ['released', 'acknowledged', 'in_progress'], to: 'failed' },
  /** The agent stopped the command because it was asked to (its result: error CANCELLED). */
  stop: { from: ['released', 'acknowledged', 'in_progress'], to: 'cancelled' },
  /** Cancelled before the agent took it. */
  cancel: { from: ['queued', 'awaiting_approval', 'released'], to: 'cancelled' },
  /** Not acknowledged by `expiresAt` (the agent offline, or no second operator in time). */
  expire: { from: ['queued', 'awaiting_approval', 'released'], to: 'expired' },
} as const satisfies Record<string, { from: readonly CommandState[]; to: CommandState }>;

export type CommandEvent = keyof typeof COMMAND_EVENTS;

/** States in which a cancel goes to the agent as a request (it has the command in hand). */
export const CANCEL_REQUEST_STATES: readonly CommandState[] = ['acknowledged', 'in_progress'];

/** The error code an agent reports when it stopped a command because it was cancelled. */
export const CANCELLED_CODE = 'CANCELLED';

/** Default time a command may wait for its acknowledgement, by hazard (seconds). */
export const DEFAULT_EXPIRY_SEC = { normal: 300, hazardous: 900 } as const;

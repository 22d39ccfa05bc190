import type { ServerMessage } from '@fieldbook/shared';
import { CommandJournal } from './commandJournal';
import type { EventBody, Outbox } from './outbox';

type Request = Extract<ServerMessage, { type: 'command.request' }>;
type Cancel = Extract<ServerMessage, { type: 'command.cancel' }>;

/** A command as a handler gets it. */
export type IncomingCommand = Omit<Request, 'v' | 'msgId' | 'sentAt' | 'type'>;

/** What a handler may do while it works. */
export interface CommandControl {
  /** Reports progress (0–100), sent at once when connected (not kept: only the latest matters). */
  progress(percent: number, message?: string): void;
  /** Aborted when the command is cancelled; the handler should stop and return or throw. */
  signal: AbortSignal;
}

/** Carries out one instrument's commands; resolves with the output, or throws a CommandError. */
export type CommandHandler = (
  command: IncomingCommand,
  control: CommandControl,
) => Promise<Record<string, unknown> | void>;

/** A defined failure a handler reports: its code and message reach the server as the command's error. */
export class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Code of the result of a command stopped by a cancel. */
export const CANCELLED = 'CANCELLED';
/** Code of the result of a command that was running when the agent stopped. */
export const INTERRUPTED = 'INTERRUPTED';

/**
 * Runs commands idempotently by commandId: each at most once, even when the
 * server resends it after a reconnect or the agent restarts (the journal is
 * on disk). Acknowledgements and results go through the outbox, so a result
 * produced while disconnected is delivered after the reconnect; a command
 * that was running when the process died is reported INTERRUPTED — one
 * result either way.
 */
export class CommandRunner {
  private readonly journal: CommandJournal;
  private readonly handlers = new Map<string, CommandHandler>();
  private readonly running = new Map<string, AbortController>();

  constructor(
    dir: string,
    private readonly o: {
      outbox: Outbox;
      /** Puts a message in the outbox and sends it if connected. */
      report(body: EventBody): void;
      /** Sends a progress message if connected. */
      progress(commandId: string, percent: number, message?: string): void;
      /** The server's clock (commands expire by it). */
      serverNow(): number;
    },
  ) {
    this.journal = new CommandJournal(dir);
    for (const commandId of this.journal.interrupted()) {
      this.journal.set(commandId, 'done');
      o.report(failure(commandId, INTERRUPTED, 'The agent stopped while the command was running'));
    }
  }

  /** Lets `handler` carry out the commands of `instrumentId`. */
  handle(instrumentId: string, handler: CommandHandler): void {
    this.handlers.set(instrumentId, handler);
  }

  /** Commands being carried out now. */
  get active(): number {
    return this.running.size;
  }

  request(m: Request): void {
    const { commandId } = m;
    const seen = this.journal.get(commandId);
    if (seen !== undefined) {
      if (seen === 'cancelled') this.refuse(commandId, 'The command was cancelled');
      return;
    }
    const handler = this.handlers.get(m.instrumentId);
    if (!handler) return this.refuse(commandId, `No handler for ${m.instrumentId}`);
    if (m.expiresAt <= this.o.serverNow()) return this.refuse(commandId, 'The command expired');
    this.journal.set(commandId, 'running');
    this.o.report({ type: 'command.ack', commandId, accepted: true });
    const abort = new AbortController();
    this.running.set(commandId, abort);
    const { type: _t, v: _v, msgId: _m, sentAt: _s, ...command } = m;
    const control: CommandControl = {
      progress: (percent, message) =>
        this.o.progress(commandId, Math.max(0, Math.min(100, percent)), message),
      signal: abort.signal,
    };
    void Promise.resolve()
      .then(() => handler(command, control))
      .then(
        (output) => {
          if (abort.signal.aborted) return failure(commandId, CANCELLED, 'Stopped: cancelled');
          return {
            type: 'command.result' as const,
            commandId,
            outcome: 'success' as const,
            ...(output ? { output } : {}),
          };
        },
        (error: unknown) =>
          error instanceof CommandError
            ? failure(commandId, error.code, error.message)
            : abort.signal.aborted
              ? failure(commandId, CANCELLED, 'Stopped: cancelled')
              : failure(commandId, 'AGENT_ERROR', String(error).slice(0, 1000)),
      )
      .then((result) => {
        this.running.delete(commandId);
        this.journal.set(commandId, 'done');
        this.o.report(result);
      });
  }

  cancel(m: Cancel): void {
    const abort = this.running.get(m.commandId);
    if (abort) abort.abort(m.reason);
    else if (this.journal.get(m.commandId) === undefined)
      this.journal.set(m.commandId, 'cancelled');
  }

  private refuse(commandId: string, reason: string): void {
    if (this.journal.get(commandId) === undefined) this.journal.set(commandId, 'refused');
    this.o.report({ type: 'command.ack', commandId, accepted: false, reason });
  }
}

function failure(commandId: string, code: string, message: string): EventBody {
  return { type: 'command.result', commandId, outcome: 'error', error: { code, message } };
}

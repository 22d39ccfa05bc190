import {
  FieldbookError,
  checkCommandParams,
  isTerminalCommandState,
  newId,
} from '@fieldbook/shared';
import { notFound } from '../identity/access';
import type { Identity } from '../identity/identity';
import { actorOf, type Principal, type RequestMeta } from '../identity/principal';
import type { InstrumentRecord } from '../telemetry/telemetryStore';
import type { CommandLedger, Who } from './commandLedger';
import { CANCEL_REQUEST_STATES, DEFAULT_EXPIRY_SEC } from './commandRules';
import { actorOfPrincipal, personOf, requireOnInstrument } from './instrumentAccess';
import type { CommandRecord } from './instrumentStore';

/** What a user asks an instrument to do (`POST /instruments/:id/commands`). */
export interface CommandInput {
  command: string;
  params: Record<string, unknown>;
  note?: string;
  /** The client's idempotency key: retrying with the same id gets the same command. */
  commandId?: string;
  /** Seconds the command may wait for the agent's acknowledgement. */
  expiresInSec?: number;
}

/**
 * Commands as people give them: request (validated against the manifest's
 * parameter schema, operator only), approve or reject a hazardous one (a
 * different signed-in operator), cancel. Authorization happens here, on the
 * command's own workspace, so every caller gets the same rules.
 */
export class CommandService {
  constructor(
    private readonly ledger: CommandLedger,
    private readonly identity: Identity,
  ) {}

  /** A command of the caller's tenant that the caller may read; 404 otherwise. */
  async get(principal: Principal, id: string): Promise<CommandRecord> {
    const c = await this.ledger.d.store.getCommand(principal.tenantId, id);
    if (!c) throw notFound('Command');
    await requireOnInstrument(
      this.identity,
      principal,
      c.workspaceId,
      'instrument.read',
      'Command',
    );
    return c;
  }

  /** Takes a command for `instrument`; a normal one is released at once, a hazardous one awaits approval. */
  async request(
    principal: Principal,
    instrument: InstrumentRecord,
    input: CommandInput,
    meta: RequestMeta,
  ): Promise<{ command: CommandRecord; created: boolean }> {
    await requireOnInstrument(
      this.identity,
      principal,
      instrument.workspaceId,
      'instrument.command',
      'Instrument',
    );
    const spec = instrument.spec.commands.find((c) => c.id === input.command);
    if (!spec)
      throw new FieldbookError(
        'VALIDATION_ERROR',
        `${instrument.name} has no command "${input.command}"`,
        { commands: instrument.spec.commands.map((c) => c.id) },
      );
    const params = checkCommandParams(spec, input.params);
    const now = this.ledger.d.now();
    const who = await this.who(principal, meta);
    const command: CommandRecord = {
      tenantId: principal.tenantId,
      id: input.commandId ?? newId(now),
      instrumentId: instrument.id,
      workspaceId: instrument.workspaceId,
      agentId: instrument.agentId,
      instrumentKey: instrument.key,
      command: spec.id,
      params,
      note: input.note ?? null,
      hazard: spec.hazard,
      state: 'queued',
      requestedBy: who.actor,
      requestedAt: now,
      decidedBy: null,
      decidedAt: null,
      expiresAt: now + (input.expiresInSec ?? DEFAULT_EXPIRY_SEC[spec.hazard]) * 1000,
      releasedAt: null,
      acknowledgedAt: null,
      progress: null,
      reason: null,
      error: null,
      output: null,
      finishedAt: null,
      cancelRequestedBy: null,
      updatedAt: now,
    };
    const { store } = this.ledger.d;
    const stored = await store.createCommand(command, { to: 'queued', at: now, by: who.actor });
    if (!stored.created)
      return { command: this.sameRequest(stored.command, command), created: false };
    this.ledger.record(command, 'command.request', who, { params, hazard: spec.hazard });
    const next =
      spec.hazard === 'hazardous'
        ? await this.ledger.move(command, 'awaitApproval', who)
        : await this.ledger.move(command, 'release', who, { releasedAt: now });
    if (next?.state === 'released') this.ledger.deliver(next);
    return { command: next ?? command, created: true };
  }

  /** A second operator releases a hazardous command; its requester never can. */
  async approve(principal: Principal, id: string, meta: RequestMeta): Promise<CommandRecord> {
    const c = await this.decision(principal, id);
    const who = await this.who(principal, meta);
    const now = this.ledger.d.now();
    const moved = await this.ledger.move(c, 'approve', who, {
      decidedBy: who.actor,
      decidedAt: now,
      releasedAt: now,
    });
    if (!moved) throw this.notIn(c, 'awaiting approval');
    this.ledger.deliver(moved);
    return moved;
  }

  /** A second operator refuses a hazardous command. */
  async reject(
    principal: Principal,
    id: string,
    reason: string | undefined,
    meta: RequestMeta,
  ): Promise<CommandRecord> {
    const c = await this.decision(principal, id);
    const who = await this.who(principal, meta);
    const now = this.ledger.d.now();
    const moved = await this.ledger.move(
      c,
      'reject',
      who,
      { decidedBy: who.actor, decidedAt: now, finishedAt: now, reason: reason ?? 'Rejected' },
      reason ? { reason } : null,
    );
    if (!moved) throw this.notIn(c, 'awaiting approval');
    return moved;
  }

  /**
   * Cancels a command: one the agent has not taken ends `cancelled` at once
   * (and the agent is told to drop it); one it has in hand gets a cancel
   * request, and ends when the agent reports how it stopped.
   */
  async cancel(
    principal: Principal,
    id: string,
    reason: string | undefined,
    meta: RequestMeta,
  ): Promise<CommandRecord> {
    const c = await this.get(principal, id);
    await requireOnInstrument(
      this.identity,
      principal,
      c.workspaceId,
      'instrument.command',
      'Command',
    );
    const who = await this.who(principal, meta);
    const why = reason ?? `Cancelled by ${who.actor.name}`;
    const moved = await this.ledger.move(
      c,
      'cancel',
      who,
      { reason: why, finishedAt: this.ledger.d.now() },
      reason ? { reason } : null,
    );
    if (moved) {
      if (c.state === 'released') this.ledger.cancelAtAgent(moved, why);
      return moved;
    }
    const current = (await this.ledger.d.store.getCommand(c.tenantId, c.id))!;
    if (!CANCEL_REQUEST_STATES.includes(current.state)) throw this.notIn(current, 'cancellable');
    const asked = await this.ledger.note(
      current,
      { cancelRequestedBy: who.actor, reason: why },
      { action: 'command.cancelRequest', who },
    );
    if (!asked) throw this.notIn(current, 'cancellable');
    this.ledger.cancelAtAgent(asked, why);
    return asked;
  }

  private async decision(principal: Principal, id: string): Promise<CommandRecord> {
    const c = await this.get(principal, id);
    await requireOnInstrument(
      this.identity,
      principal,
      c.workspaceId,
      'instrument.approveCommand',
      'Command',
    );
    if (principal.kind !== 'user')
      throw new FieldbookError(
        'AUTH_INSUFFICIENT_PERMISSIONS',
        'A hazardous command is approved or rejected by a signed-in operator, not an API key',
      );
    if ((await this.requester(c)) === personOf(principal))
      throw new FieldbookError(
        'AUTH_INSUFFICIENT_PERMISSIONS',
        'A hazardous command needs a second operator: its requester cannot approve or reject it',
        { reason: 'requester' },
      );
    return c;
  }

  /** The person behind a command's request (for a key: the user who made it). */
  private async requester(c: CommandRecord): Promise<string | null> {
    if (c.requestedBy.type === 'user') return c.requestedBy.id;
    const key = await this.identity.store.getApiKey(c.tenantId, c.requestedBy.id ?? '');
    return key?.createdBy ?? null;
  }

  private async who(principal: Principal, meta: RequestMeta): Promise<Who> {
    return {
      actor: await actorOfPrincipal(this.identity, principal),
      audit: actorOf(principal),
      meta,
    };
  }

  private sameRequest(existing: CommandRecord, retry: CommandRecord): CommandRecord {
    const same =
      existing.instrumentId === retry.instrumentId &&
      existing.command === retry.command &&
      JSON.stringify(existing.params) === JSON.stringify(retry.params);
    if (!same)
      throw new FieldbookError(
        'CONFLICT',
        'This commandId was already used for a different command',
        { commandId: retry.id },
      );
    return existing;
  }

  private notIn(c: CommandRecord, what: string): FieldbookError {
    return new FieldbookError(
      'CONFLICT',
      `The command is ${c.state.replace('_', ' ')}, not ${what}`,
      { state: c.state, terminal: isTerminalCommandState(c.state) },
    );
  }
}

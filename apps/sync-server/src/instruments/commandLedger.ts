import type { InstrumentActor } from '@fieldbook/shared';
import type { Actor } from '../audit/types';
import type { AuditBatch } from './auditBatch';
import type { RequestMeta } from '../identity/principal';
import type { AgentLink } from './agentLink';
import { COMMAND_EVENTS, type CommandEvent } from './commandRules';
import type { InstrumentEvents } from './instrumentEvents';
import type { CommandPatch, CommandRecord, InstrumentStore } from './instrumentStore';

/** Who causes a change: as the command shows it, as the audit trail records it, and from where. */
export interface Who {
  actor: InstrumentActor;
  audit: Actor;
  meta?: RequestMeta;
}

/** The server itself (expiry). */
export const SYSTEM: Who = {
  actor: { type: 'system', id: null, name: 'Fieldbook' },
  audit: { type: 'system', id: null, label: 'command expiry' },
};

export interface LedgerDeps {
  store: InstrumentStore;
  audit: AuditBatch;
  link: AgentLink;
  events: InstrumentEvents;
  now: () => number;
}

/**
 * The one path every command change takes: store it (compare-and-set on the
 * state machine of commandRules.ts), audit it, show it to live viewers; and
 * the one place commands are sent to agents.
 */
export class CommandLedger {
  constructor(readonly d: LedgerDeps) {}

  /** Applies `event` to a command if its state allows; null when it does not (someone else moved it first). */
  async move(
    command: CommandRecord,
    event: CommandEvent,
    who: Who,
    patch: CommandPatch = {},
    detail: Record<string, unknown> | null = null,
  ): Promise<CommandRecord | null> {
    const rule = COMMAND_EVENTS[event];
    const at = this.d.now();
    const moved = await this.d.store.transition(
      command.tenantId,
      command.id,
      rule.from,
      { to: rule.to, at, by: who.actor, detail },
      patch,
    );
    if (!moved) return null;
    this.record(moved, `command.${event}`, who, { to: rule.to, ...detail });
    this.publish(moved);
    return moved;
  }

  /** Stores fields that change no state (progress, a cancel request) and shows them. */
  async note(
    command: CommandRecord,
    patch: CommandPatch,
    audit?: { action: string; who: Who },
  ): Promise<CommandRecord | null> {
    const from = [command.state];
    const updated = await this.d.store.update(
      command.tenantId,
      command.id,
      from,
      patch,
      this.d.now(),
    );
    if (!updated) return null;
    if (audit) this.record(updated, audit.action, audit.who, { state: updated.state });
    this.publish(updated);
    return updated;
  }

  /** Sends a released command to its agent; false when the agent is not connected (it gets it on connect). */
  deliver(c: CommandRecord): boolean {
    return this.d.link.send(c.tenantId, c.agentId, {
      type: 'command.request',
      commandId: c.id,
      instrumentId: c.instrumentKey,
      command: c.command,
      params: c.params,
      requestedBy: c.requestedBy.name,
      approvedBy: c.decidedBy?.name ?? null,
      expiresAt: c.expiresAt,
    });
  }

  /** Tells the agent to drop or stop a command. */
  cancelAtAgent(c: CommandRecord, reason: string): boolean {
    return this.d.link.send(c.tenantId, c.agentId, {
      type: 'command.cancel',
      commandId: c.id,
      instrumentId: c.instrumentKey,
      reason: reason.slice(0, 1000),
    });
  }

  /** Shows a command's current state to the live viewers of its workspace. */
  publish(c: CommandRecord): void {
    const { tenantId, ...command } = c;
    this.d.events.publish({
      tenantId,
      workspaceId: c.workspaceId,
      message: { type: 'command', command },
    });
  }

  /** Audits a change of a command (batched: see AuditBatch). */
  record(c: CommandRecord, action: string, who: Who, summary: Record<string, unknown>): void {
    this.d.audit.add(c.tenantId, {
      actor: who.audit,
      action,
      outcome: 'success',
      resource: { type: 'command', id: c.id },
      workspaceId: c.workspaceId,
      summary: { instrumentId: c.instrumentId, command: c.command, ...summary },
      ip: who.meta?.ip ?? null,
      requestId: who.meta?.requestId ?? null,
    });
  }
}

import type { AgentEventMessage, AgentSession } from './agentLink';
import { SYSTEM, type CommandLedger, type Who } from './commandLedger';
import { CANCELLED_CODE } from './commandRules';
import type { CommandRecord } from './instrumentStore';

type Report = Extract<
  AgentEventMessage,
  { type: 'command.ack' | 'command.progress' | 'command.result' }
>;

/** A refusal to tell the agent about (it is not an error of the connection). */
export type Refusal = { code: string; message: string } | null;

/**
 * Commands as agents report them: acknowledgement, progress, result. Each
 * report is idempotent by commandId — a report resent after a reconnect finds
 * the command already moved and changes nothing — and only the agent a
 * command was sent to may report on it.
 */
export class CommandReports {
  constructor(private readonly ledger: CommandLedger) {}

  async handle(session: AgentSession, m: Report): Promise<Refusal> {
    const c = await this.ledger.d.store.getCommand(session.tenantId, m.commandId);
    if (!c || c.agentId !== session.agentId)
      return { code: 'RESOURCE_NOT_FOUND', message: `Command ${m.commandId} is not this agent's` };
    const who: Who = {
      actor: { type: 'agent', id: session.agentId, name: session.agentId },
      audit: { type: 'apiKey', id: session.keyId, label: session.agentId },
    };
    const now = this.ledger.d.now();
    switch (m.type) {
      case 'command.ack': {
        const moved = m.accepted
          ? await this.ledger.move(c, 'acknowledge', who, { acknowledgedAt: now })
          : await this.ledger.move(
              c,
              'refuse',
              who,
              { reason: m.reason ?? 'Refused by the agent', finishedAt: now },
              { reason: m.reason ?? null },
            );
        // Accepted after it was cancelled or expired here: the agent must drop it.
        if (!moved && m.accepted && (c.state === 'cancelled' || c.state === 'expired'))
          this.ledger.cancelAtAgent(c, c.reason ?? `The command is ${c.state}`);
        return null;
      }
      case 'command.progress': {
        const progress = { percent: m.percent, message: m.message ?? null };
        if (c.state === 'in_progress') await this.ledger.note(c, { progress });
        else await this.ledger.move(c, 'start', who, { progress });
        return null;
      }
      case 'command.result':
        await this.result(c, m, who, now);
        return null;
    }
  }

  /** A fresh session: resend what the agent has not acknowledged, and any cancel it may have missed. */
  async ready(session: AgentSession): Promise<void> {
    const open = await this.ledger.d.store.openCommandsOfAgent(session.tenantId, session.agentId);
    for (const c of open) {
      if (c.state === 'released') this.ledger.deliver(c);
      else if (c.cancelRequestedBy) this.ledger.cancelAtAgent(c, c.reason ?? 'Cancelled');
    }
  }

  /** Expires every command not acknowledged by its `expiresAt`; returns how many. */
  async expireDue(limit = 500): Promise<number> {
    const { store, now } = this.ledger.d;
    let n = 0;
    for (const c of await store.expiredBy(now(), limit)) {
      const reason =
        c.state === 'awaiting_approval'
          ? 'No second operator approved it before it expired'
          : c.state === 'released'
            ? 'The agent did not acknowledge it before it expired (offline?)'
            : 'Not released before it expired';
      const moved = await this.ledger.move(c, 'expire', SYSTEM, { reason, finishedAt: now() });
      if (!moved) continue;
      n++;
      if (c.state === 'released') this.ledger.cancelAtAgent(moved, reason);
    }
    return n;
  }

  private async result(
    c: CommandRecord,
    m: Extract<Report, { type: 'command.result' }>,
    who: Who,
    now: number,
  ): Promise<void> {
    const output = m.output ?? null;
    if (m.outcome === 'success') {
      await this.ledger.move(c, 'succeed', who, { output, finishedAt: now, progress: done(c) });
      return;
    }
    const error = m.error ?? { code: 'AGENT_ERROR', message: 'The agent reported a failure' };
    const stopped = error.code === CANCELLED_CODE && c.cancelRequestedBy !== null;
    await this.ledger.move(
      c,
      stopped ? 'stop' : 'fail',
      who,
      { output, error, finishedAt: now, reason: stopped ? c.reason : error.message },
      { error },
    );
  }
}

function done(c: CommandRecord) {
  return { percent: 100, message: c.progress?.message ?? null };
}

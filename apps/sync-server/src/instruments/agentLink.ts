import type { AgentMessage, ServerMessage } from '@fieldbook/shared';

type Body<T extends ServerMessage['type']> = Omit<
  Extract<ServerMessage, { type: T }>,
  'v' | 'msgId' | 'sentAt'
>;

/** What the command service sends an agent (the transport adds the envelope). */
export type AgentCommandMessage = Body<'command.request'> | Body<'command.cancel'>;

/** The agent messages about commands and runs, which the instrument services take. */
export type AgentEventMessage = Extract<
  AgentMessage,
  { type: 'command.ack' | 'command.progress' | 'command.result' | 'run.started' | 'run.finished' }
>;

/** An agent session as its API key defines it: the tenant (and workspace) never come from a message. */
export interface AgentSession {
  tenantId: string;
  agentId: string;
  /** The API key of the session (the audit actor of what the agent reports). */
  keyId: string;
  workspaceId: string | null;
}

/** A transport to agents: the `/agents` WebSocket gateway, the MQTT bridge. */
export interface AgentLink {
  /** Sends to the agent's current session; false when it is not connected through this link. */
  send(tenantId: string, agentId: string, message: AgentCommandMessage): boolean;
}

/** Carries commands to agents whose session another node holds (cluster/commandRelay.ts). */
export interface CommandRelay {
  /** This node holds the agent's session: relayed messages for it go to `deliver`; resolves once they can arrive. */
  hold(
    tenantId: string,
    agentId: string,
    deliver: (message: AgentCommandMessage) => void,
  ): Promise<void>;
  /** This node no longer holds the agent's session. */
  drop(tenantId: string, agentId: string): void;
  /** Sends a message to whichever other node holds the agent's session, if one does. */
  publish(tenantId: string, agentId: string, message: AgentCommandMessage): void;
  /** Calls `listener` when relayed messages may have been lost (the relay's connection came back). */
  onLoss(listener: () => void): void;
}

/**
 * The links of a server; a message goes out through the first that reaches
 * the agent, else (with a shared relay) to the node that holds its session.
 * The sessions this node holds are tracked to take relayed messages for them.
 */
export class AgentLinks implements AgentLink {
  private readonly links: AgentLink[] = [];
  private readonly held = new Map<string, AgentSession>();
  private relay: CommandRelay | null = null;

  add(link: AgentLink): () => void {
    this.links.push(link);
    return () => {
      const i = this.links.indexOf(link);
      if (i >= 0) this.links.splice(i, 1);
    };
  }

  /** True when sent to a session of this node; false when relayed (or the agent is offline). */
  send(tenantId: string, agentId: string, message: AgentCommandMessage): boolean {
    if (this.sendHere(tenantId, agentId, message)) return true;
    this.relay?.publish(tenantId, agentId, message);
    return false;
  }

  /**
   * Relays commands for agents connected to other nodes through `relay`;
   * when it may have lost some, `redeliver` sends each session held here its
   * open commands again (from the ledger).
   */
  share(relay: CommandRelay, redeliver: (session: AgentSession) => void): void {
    this.relay = relay;
    relay.onLoss(() => {
      for (const session of this.held.values()) redeliver(session);
    });
    for (const s of this.held.values()) void this.hold(s);
  }

  /** A transport has a fresh session of the agent here; resolves once relayed commands reach it. */
  async opened(session: AgentSession): Promise<void> {
    this.held.set(keyOf(session), session);
    await this.hold(session);
  }

  /** The agent's session here has ended. */
  closed(session: AgentSession): void {
    if (!this.held.delete(keyOf(session))) return;
    this.relay?.drop(session.tenantId, session.agentId);
  }

  private async hold({ tenantId, agentId }: AgentSession): Promise<void> {
    await this.relay?.hold(tenantId, agentId, (message) =>
      this.sendHere(tenantId, agentId, message),
    );
  }

  private sendHere(tenantId: string, agentId: string, message: AgentCommandMessage): boolean {
    return this.links.some((link) => link.send(tenantId, agentId, message));
  }
}

const keyOf = (s: AgentSession) => `${s.tenantId}\u0000${s.agentId}`;

/** What a transport does with agent command and run messages, and when an agent (re)connects. */
export interface AgentEventSink {
  /** Stores the message's effect (idempotently); resolves with a refusal to report, if any. */
  handle(
    session: AgentSession,
    message: AgentEventMessage,
  ): Promise<{ code: string; message: string } | null>;
  /** The agent has a fresh session: send it what it must still hear. */
  ready(session: AgentSession): Promise<void>;
  /** The agent's current session on this transport has ended (superseded ones do not count); absent when nothing is kept per session. */
  ended?(session: AgentSession): void;
}

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

/** The links of a server; a message goes out through the first that reaches the agent. */
export class AgentLinks implements AgentLink {
  private readonly links: AgentLink[] = [];

  add(link: AgentLink): () => void {
    this.links.push(link);
    return () => {
      const i = this.links.indexOf(link);
      if (i >= 0) this.links.splice(i, 1);
    };
  }

  send(tenantId: string, agentId: string, message: AgentCommandMessage): boolean {
    return this.links.some((link) => link.send(tenantId, agentId, message));
  }
}

/** What a transport does with agent command and run messages, and when an agent (re)connects. */
export interface AgentEventSink {
  /** Stores the message's effect (idempotently); resolves with a refusal to report, if any. */
  handle(
    session: AgentSession,
    message: AgentEventMessage,
  ): Promise<{ code: string; message: string } | null>;
  /** The agent has a fresh session: send it what it must still hear. */
  ready(session: AgentSession): Promise<void>;
}

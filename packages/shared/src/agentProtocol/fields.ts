import { z } from 'zod';

// The instrument-agent protocol of DESIGN.md ("Telemetry and instrument
// agents"). Every message is JSON with a common envelope; the server parses
// each one with `AgentMessageSchema` or `ServerMessageSchema`. This module
// holds what every message shares: the version, field types and envelopes.

/** The protocol version every message carries (`v`); another version is refused. */
export const AGENT_PROTOCOL_VERSION = 1;

/** Sequence numbers are 64-bit and never wrap: carried as non-negative safe integers. */
export const Seq = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** Milliseconds since the Unix epoch. */
export const EpochMs = z.number().int().nonnegative();
/** An id or name the protocol carries (agents, instruments, channels, commands). */
export const Name = z.string().min(1).max(200);
/** A telemetry stream's id. */
export const StreamId = z.string().min(1).max(200);

/** The fields every agent → server message starts with. */
export const envelope = {
  v: z.literal(AGENT_PROTOCOL_VERSION),
  agentId: Name,
  /** Grows on every connect, so the server can tell a stale session's messages apart. */
  sessionEpoch: z.number().int().nonnegative(),
  msgId: z.string().min(1).max(100),
  sentAt: EpochMs,
};

/** The fields every server → agent message starts with. */
export const serverEnvelope = {
  v: z.literal(AGENT_PROTOCOL_VERSION),
  msgId: z.string().min(1),
  sentAt: EpochMs,
};

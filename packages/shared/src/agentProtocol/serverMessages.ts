import { z } from 'zod';
import { EpochMs, Name, Seq, StreamId, serverEnvelope } from './fields';

// The messages the server sends an agent.

/** The server's answer to a hello: where to resume each stream, batch size and credits. */
export const ServerWelcomeSchema = z.object({
  ...serverEnvelope,
  type: z.literal('server.welcome'),
  /** Last stored seq per stream: the agent resends everything after it. */
  resumeSeq: z.record(StreamId, Seq),
  maxBatch: z.number().int().positive(),
  credits: z.number().int().nonnegative(),
  serverTime: EpochMs,
});

/** Telemetry stored up to a seq, with fresh credits (backpressure). */
export const TelemetryAckSchema = z.object({
  ...serverEnvelope,
  type: z.literal('telemetry.ack'),
  stream: StreamId,
  /** Every seq up to and including this one is stored. */
  storedSeq: Seq,
  credits: z.number().int().nonnegative(),
});

/** A command for an instrument, approved when it is hazardous, valid until `expiresAt`. */
export const CommandRequestSchema = z.object({
  ...serverEnvelope,
  type: z.literal('command.request'),
  /** Idempotency key: the agent runs a commandId at most once. */
  commandId: z.string().min(1).max(100),
  instrumentId: Name,
  command: Name,
  params: z.record(z.string(), z.unknown()),
  requestedBy: z.string().min(1),
  approvedBy: z.string().min(1).nullable(),
  expiresAt: EpochMs,
});

/** Cancels a requested command. */
export const CommandCancelSchema = z.object({
  ...serverEnvelope,
  type: z.literal('command.cancel'),
  commandId: z.string().min(1).max(100),
  /** The instrument the command was for (transports that address instruments need it). */
  instrumentId: Name.optional(),
  reason: z.string().max(1000),
});

/** A message the server refused, and why. */
export const ServerErrorSchema = z.object({
  ...serverEnvelope,
  type: z.literal('server.error'),
  code: z.string().max(100),
  message: z.string().max(1000),
  /** The msgId of the offending message, when it could be read. */
  inReplyTo: z.string().max(100).optional(),
});

/**
 * The server has stored (or deliberately dropped, with a `server.error`) these
 * agent messages: command and run messages the agent keeps until acknowledged
 * and resends after a reconnect. Their effects are idempotent by commandId
 * and runId, so a resend after a lost ack is harmless.
 */
export const EventAckSchema = z.object({
  ...serverEnvelope,
  type: z.literal('event.ack'),
  msgIds: z.array(z.string().min(1).max(100)).min(1).max(1000),
});

/** Any message the server may send to an agent. */
export const ServerMessageSchema = z.discriminatedUnion('type', [
  ServerWelcomeSchema,
  TelemetryAckSchema,
  CommandRequestSchema,
  CommandCancelSchema,
  EventAckSchema,
  ServerErrorSchema,
]);
/** Any message the server may send an agent, parsed. */
export type ServerMessage = z.infer<typeof ServerMessageSchema>;

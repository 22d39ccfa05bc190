import { z } from 'zod';
import { IdSchema } from './ids';
import { CommandSchema, InstrumentStatusSchema, RunSchema } from './instrumentWire';

// Wire types of the telemetry REST routes and the live feed, shared by the
// server that sends them and the clients that read them.

/**
 * A decimated range of one channel (`GET /channels/:id/samples`): the
 * non-empty buckets in time order as parallel columns, each with its true
 * minimum and maximum and the times they occurred.
 */
export const DecimatedSeriesSchema = z.object({
  from: z.number(),
  to: z.number(),
  /** Width of one bucket in ms. */
  bucketMs: z.number(),
  /** Start time of each returned bucket. */
  start: z.array(z.number()),
  count: z.array(z.number().int().nonnegative()),
  min: z.array(z.number()),
  minT: z.array(z.number()),
  max: z.array(z.number()),
  maxT: z.array(z.number()),
});
export type DecimatedSeries = z.infer<typeof DecimatedSeriesSchema>;

/** Most channels one live-feed socket may subscribe to. */
export const MAX_LIVE_CHANNELS = 200;

/** What a viewer sends on the live feed (`/telemetry/:ws/live`). */
export const LiveClientMessageSchema = z.object({
  type: z.literal('subscribe'),
  channels: z.array(IdSchema).max(MAX_LIVE_CHANNELS),
});
export type LiveClientMessage = z.infer<typeof LiveClientMessageSchema>;

/** What the live feed sends a viewer (JSON text frames). */
export const LiveServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), workspaceId: z.string() }),
  z.object({
    type: z.literal('subscribed'),
    channels: z.array(z.string()),
    refused: z.array(z.string()),
  }),
  z.object({
    type: z.literal('samples'),
    channelId: z.string(),
    t: z.array(z.number()),
    v: z.array(z.number()),
    /** Messages this viewer lost (oldest first) because it read too slowly. */
    dropped: z.number().int().nonnegative(),
  }),
  /** An instrument of the workspace changed connection, state or alarms (sent unasked). */
  z.object({ type: z.literal('instrument'), instrument: InstrumentStatusSchema }),
  /** A command of the workspace's instruments changed (sent unasked). */
  z.object({ type: z.literal('command'), command: CommandSchema }),
  /** A run of the workspace's instruments started or finished (sent unasked). */
  z.object({ type: z.literal('run'), run: RunSchema }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type LiveServerMessage = z.infer<typeof LiveServerMessageSchema>;

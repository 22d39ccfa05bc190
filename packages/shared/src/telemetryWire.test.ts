import { describe, expect, it } from 'vitest';
import {
  LiveClientMessageSchema,
  LiveServerMessageSchema,
  MAX_LIVE_CHANNELS,
} from './telemetryWire';
import { newId } from './ids';

describe('telemetry wire types', () => {
  it('accepts a subscription of channel ids and refuses too many or non-ids', () => {
    expect(
      LiveClientMessageSchema.safeParse({ type: 'subscribe', channels: [newId()] }).success,
    ).toBe(true);
    const many = Array.from({ length: MAX_LIVE_CHANNELS + 1 }, () => newId());
    expect(LiveClientMessageSchema.safeParse({ type: 'subscribe', channels: many }).success).toBe(
      false,
    );
    expect(LiveClientMessageSchema.safeParse({ type: 'subscribe', channels: ['x'] }).success).toBe(
      false,
    );
  });

  it('reads the live messages a viewer receives and refuses malformed ones', () => {
    const samples = { type: 'samples', channelId: 'c', t: [1, 2], v: [0.5, 0.6], dropped: 0 };
    expect(LiveServerMessageSchema.parse(samples).type).toBe('samples');
    expect(LiveServerMessageSchema.safeParse({ ...samples, dropped: -1 }).success).toBe(false);
    expect(LiveServerMessageSchema.safeParse({ type: 'samples', channelId: 'c' }).success).toBe(
      false,
    );
    expect(LiveServerMessageSchema.safeParse({ type: 'other' }).success).toBe(false);
  });
});

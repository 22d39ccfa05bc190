import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SETTLE_MS,
  STARTUP_LIMIT_MS,
  afterStartup,
  beginStartup,
  firstScreenShown,
} from './startupGate';

describe('startup gate', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const settledYet = async (p: Promise<void>) => {
    let done = false;
    void p.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    return done;
  };

  it('holds background work until the first screen has settled and the thread was idle', async () => {
    beginStartup();
    const waiting = afterStartup();
    await vi.advanceTimersByTimeAsync(STARTUP_LIMIT_MS / 2);
    expect(await settledYet(waiting)).toBe(false);
    firstScreenShown();
    await vi.advanceTimersByTimeAsync(SETTLE_MS - 10);
    expect(await settledYet(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(110);
    expect(await settledYet(waiting)).toBe(true);
  });

  it('lets background work start after the limit when no screen is ever shown', async () => {
    beginStartup();
    const waiting = afterStartup();
    await vi.advanceTimersByTimeAsync(STARTUP_LIMIT_MS - 10);
    expect(await settledYet(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    expect(await settledYet(waiting)).toBe(true);
  });

  it('starts over when another workspace opens', async () => {
    beginStartup();
    firstScreenShown();
    await vi.advanceTimersByTimeAsync(SETTLE_MS + 100);
    expect(await settledYet(afterStartup())).toBe(true);
    beginStartup();
    expect(await settledYet(afterStartup())).toBe(false);
  });
});

import { isFieldbookError, newId } from '@fieldbook/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { DEFAULT_RATE_LIMITS, RateLimiter, retryAfterOf } from '../rateLimit/rateLimiter';
import { openCluster, type Cluster } from './cluster';
import { TEST_REDIS_URL } from './testing';

describe('rate limits and sync tickets shared through Redis', () => {
  const open: Cluster[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  const node = async () => {
    const cluster = await openCluster(TEST_REDIS_URL, createLogger('silent'));
    open.push(cluster);
    return cluster;
  };
  const policies = { ...DEFAULT_RATE_LIMITS, user: { capacity: 5, perMinute: 5 } };
  const refusal = (p: unknown) =>
    Promise.resolve(p).then(
      () => null,
      (err: unknown) => (isFieldbookError(err) ? err : Promise.reject(err)),
    );

  it('draws every node’s requests from one bucket per key', async () => {
    const [a, b] = [await node(), await node()];
    const onA = new RateLimiter(policies, Date.now, a.identityShared.buckets);
    const onB = new RateLimiter(policies, Date.now, b.identityShared.buckets);
    const user = newId();
    for (let i = 0; i < 3; i++) await onA.consume([['user', user]]);
    for (let i = 0; i < 2; i++) await onB.consume([['user', user]]);
    const denied = await refusal(onA.consume([['user', user]]));
    expect(denied?.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(retryAfterOf(denied!)).toBeGreaterThanOrEqual(1);
    expect((await refusal(onB.check('user', user)))?.code).toBe('RATE_LIMIT_EXCEEDED');
    // Another key has its own bucket; a refill on one node is seen by the other.
    expect(await refusal(onB.consume([['user', newId()]]))).toBeNull();
    await onB.refill('user', user);
    expect(await refusal(onA.consume([['user', user]]))).toBeNull();
  });

  it('lets a sync ticket be used once, on whichever node sees it first', async () => {
    const [a, b] = [await node(), await node()];
    const ticket = {
      tokenHash: newId(),
      tenantId: 't',
      principal: { kind: 'user' as const, userId: 'u', sessionId: 's' },
      workspaceId: 'w',
      expiresAt: Date.now() + 30_000,
      usedAt: null,
    };
    await a.identityShared.tickets.createSyncTicket(ticket);
    const uses = await Promise.all([
      b.identityShared.tickets.consumeSyncTicket(ticket.tokenHash, Date.now()),
      a.identityShared.tickets.consumeSyncTicket(ticket.tokenHash, Date.now()),
    ]);
    expect(uses.filter(Boolean)).toHaveLength(1);
    expect(uses.find(Boolean)).toMatchObject({ workspaceId: 'w', principal: ticket.principal });
    const expired = { ...ticket, tokenHash: newId(), expiresAt: Date.now() + 50 };
    await a.identityShared.tickets.createSyncTicket(expired);
    await new Promise((r) => setTimeout(r, 80));
    expect(
      await b.identityShared.tickets.consumeSyncTicket(expired.tokenHash, Date.now()),
    ).toBeNull();
  });
});

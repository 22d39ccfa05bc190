import type { TicketVault } from '../identity/ticketService';
import type { SyncTicket } from '../identity/types';
import { KEY_PREFIX, type RedisLink } from './redisLink';

/**
 * Sync tickets kept in Redis, shared by every node: issued with SET NX and a
 * TTL, used with GETDEL, so a ticket is used once whichever node sees it and
 * expires by itself (no pruning).
 */
export function redisTicketVault(redis: RedisLink): TicketVault {
  const key = (hash: string) => `${KEY_PREFIX}ticket:${hash}`;
  return {
    async createSyncTicket(ticket: SyncTicket) {
      const ttl = Math.max(1, Math.ceil(ticket.expiresAt - Date.now()));
      await redis.command.set(key(ticket.tokenHash), JSON.stringify(ticket), 'PX', ttl, 'NX');
    },
    async consumeSyncTicket(tokenHash: string, now: number) {
      const raw = await redis.command.getdel(key(tokenHash));
      if (!raw) return null;
      const ticket = JSON.parse(raw) as SyncTicket;
      return ticket.expiresAt > now ? { ...ticket, usedAt: now } : null;
    },
  };
}

import { FieldbookError } from '@fieldbook/shared';
import type { Access } from './access';
import type { IdentityStore } from './identityStore';
import { refOf, type Principal } from './principal';
import { randomToken, sha256Hex } from './secrets';
import type { IdentitySettings } from './settings';

/** Where tickets are kept: the identity store, or Redis when several nodes share them. */
export type TicketVault = Pick<IdentityStore, 'createSyncTicket' | 'consumeSyncTicket'>;

export interface TicketDeps {
  store: IdentityStore;
  /** Where tickets live (default: `store`). */
  vault?: TicketVault;
  access: Access;
  settings: IdentitySettings;
  now: () => number;
}

/**
 * Short-lived single-use tickets for the sync socket, for clients that cannot
 * send a bearer subprotocol. A ticket names one workspace and stands for the
 * principal that asked for it, which must still be valid when it is used.
 */
export class TicketService {
  constructor(private readonly d: TicketDeps) {}

  /** Issues a ticket for `workspaceId` (the caller must be able to read it). */
  async issue(
    principal: Principal,
    workspaceId: string,
  ): Promise<{ ticket: string; expiresAt: number }> {
    await this.d.access.require(principal, workspaceId, 'sync.read');
    const now = this.d.now();
    const ticket = randomToken();
    const expiresAt = now + Math.min(this.d.settings.ticketTtlMs, 60_000);
    await (this.d.vault ?? this.d.store).createSyncTicket({
      tokenHash: sha256Hex(ticket),
      tenantId: principal.tenantId,
      principal: refOf(principal),
      workspaceId,
      expiresAt,
      usedAt: null,
    });
    return { ticket, expiresAt };
  }

  /**
   * Uses a ticket for `workspaceId`: the principal behind it, re-checked now.
   * Unknown, used, expired or other-workspace tickets are AUTH_TOKEN_INVALID.
   */
  async redeem(ticket: string, workspaceId: string): Promise<Principal> {
    const now = this.d.now();
    const stored = await (this.d.vault ?? this.d.store).consumeSyncTicket(sha256Hex(ticket), now);
    if (!stored || stored.workspaceId !== workspaceId) {
      throw new FieldbookError('AUTH_TOKEN_INVALID', 'Invalid or used sync ticket');
    }
    const ref = stored.principal;
    if (ref.kind === 'apiKey') {
      const key = await this.d.store.getApiKey(stored.tenantId, ref.keyId);
      if (!key || key.revokedAt !== null || (key.expiresAt !== null && key.expiresAt <= now)) {
        throw new FieldbookError('AUTH_TOKEN_INVALID', 'Invalid or used sync ticket');
      }
      return { kind: 'apiKey', tenantId: stored.tenantId, key, expiresAt: key.expiresAt };
    }
    const [session, user] = await Promise.all([
      this.d.store.getSession(stored.tenantId, ref.sessionId),
      this.d.store.getUser(stored.tenantId, ref.userId),
    ]);
    if (!session || !user || session.revokedAt !== null || session.expiresAt <= now) {
      throw new FieldbookError('AUTH_TOKEN_INVALID', 'Invalid or used sync ticket');
    }
    return {
      kind: 'user',
      tenantId: user.tenantId,
      userId: user.id,
      email: user.email,
      sessionId: session.id,
      tenantRole: user.tenantRole,
      expiresAt: Math.min(session.expiresAt, now + this.d.settings.accessTokenTtlSeconds * 1000),
    };
  }
}

import { FieldbookError, newId } from '@fieldbook/shared';
import type { AuditLog } from '../audit/auditLog';
import { notFound, type Access } from './access';
import { generateApiKey, parseApiKey } from './apiKeyFormat';
import type { IdentityEvents } from './events';
import type { IdentityStore } from './identityStore';
import { actorOf, type Principal, type RequestMeta } from './principal';
import { sameDigest } from './secrets';
import type { IdentitySettings } from './settings';
import type { ApiKey, KeyAccess, Page } from './types';

export interface ApiKeyDeps {
  store: IdentityStore;
  access: Access;
  audit: AuditLog;
  events: IdentityEvents;
  settings: IdentitySettings;
  now: () => number;
}

/**
 * API keys for machines and agents: created by a workspace admin (scoped to
 * that workspace) or a tenant admin (any workspace), shown once, stored as a
 * hash, expiring and revocable. Last use is remembered in memory and written
 * in batches, so authenticating a key costs one read.
 */
export class ApiKeyService {
  private pendingTouches = new Map<string, { tenantId: string; keyId: string; at: number }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly d: ApiKeyDeps) {}

  /** Creates a key; the full key text is in the result and nowhere else. */
  async create(
    principal: Principal,
    input: {
      name: string;
      workspaceId: string | null;
      access: KeyAccess;
      agent: boolean;
      expiresAt: number | null;
    },
    meta: RequestMeta,
  ): Promise<{ apiKey: ApiKey; key: string }> {
    if (principal.kind !== 'user')
      throw new FieldbookError('AUTH_INSUFFICIENT_PERMISSIONS', 'API keys cannot create API keys');
    await this.authorize(principal, input.workspaceId);
    const now = this.d.now();
    if (input.expiresAt !== null && input.expiresAt <= now) {
      throw new FieldbookError('VALIDATION_ERROR', 'expiresAt must be in the future');
    }
    const generated = generateApiKey();
    const apiKey: ApiKey = {
      id: newId(now),
      tenantId: principal.tenantId,
      prefix: generated.prefix,
      name: input.name,
      createdBy: principal.userId,
      workspaceId: input.workspaceId,
      access: input.access,
      agent: input.agent,
      createdAt: now,
      expiresAt: input.expiresAt,
      revokedAt: null,
      lastUsedAt: null,
    };
    await this.d.store.createApiKey({ ...apiKey, secretHash: generated.secretHash });
    await this.d.audit.record(principal.tenantId, {
      actor: actorOf(principal),
      action: 'apiKey.create',
      outcome: 'success',
      resource: { type: 'apiKey', id: apiKey.id },
      workspaceId: input.workspaceId,
      summary: {
        name: apiKey.name,
        prefix: apiKey.prefix,
        access: apiKey.access,
        agent: apiKey.agent,
        expiresAt: apiKey.expiresAt,
      },
      ...meta,
    });
    return { apiKey, key: generated.key };
  }

  /** Keys of one workspace (its admins) or of the whole tenant (tenant admins). */
  async list(
    principal: Principal,
    workspaceId: string | null,
    cursor: string | null,
    limit: number,
  ): Promise<Page<ApiKey>> {
    await this.authorize(principal, workspaceId);
    if (workspaceId === null) return this.d.store.listApiKeys(principal.tenantId, cursor, limit);
    const items: ApiKey[] = [];
    let next = cursor;
    do {
      const page = await this.d.store.listApiKeys(principal.tenantId, next, 200);
      items.push(...page.items.filter((k) => k.workspaceId === workspaceId));
      next = page.nextCursor;
    } while (next !== null && items.length <= limit);
    const shown = items.slice(0, limit);
    return { items: shown, nextCursor: items.length > limit ? shown[shown.length - 1]!.id : null };
  }

  /** Revokes a key; its sockets close and it stops authenticating at once. */
  async revoke(principal: Principal, keyId: string, meta: RequestMeta): Promise<ApiKey> {
    const key = await this.d.store.getApiKey(principal.tenantId, keyId);
    if (!key) throw notFound('API key');
    await this.authorize(principal, key.workspaceId);
    const revoked = await this.d.store.revokeApiKey(principal.tenantId, keyId, this.d.now());
    if (!revoked) throw notFound('API key');
    this.d.events.emit('apiKey.revoked', { tenantId: principal.tenantId, keyId });
    await this.d.audit.record(principal.tenantId, {
      actor: actorOf(principal),
      action: 'apiKey.revoke',
      outcome: 'success',
      resource: { type: 'apiKey', id: keyId },
      workspaceId: key.workspaceId,
      summary: { name: key.name, prefix: key.prefix },
      ...meta,
    });
    return revoked;
  }

  /** The principal of a presented key; AUTH_TOKEN_INVALID / AUTH_TOKEN_EXPIRED otherwise. */
  async authenticate(presented: string): Promise<Principal & { kind: 'apiKey' }> {
    const parsed = parseApiKey(presented);
    const record = parsed ? await this.d.store.findApiKeyByPrefix(parsed.prefix) : null;
    if (
      !parsed ||
      !record ||
      !sameDigest(record.secretHash, parsed.secretHash) ||
      record.revokedAt !== null
    ) {
      throw new FieldbookError('AUTH_TOKEN_INVALID', 'Invalid API key');
    }
    const now = this.d.now();
    if (record.expiresAt !== null && record.expiresAt <= now) {
      throw new FieldbookError('AUTH_TOKEN_EXPIRED', 'API key expired');
    }
    this.pendingTouches.set(record.id, { tenantId: record.tenantId, keyId: record.id, at: now });
    const { secretHash: _hash, ...key } = record;
    return { kind: 'apiKey', tenantId: record.tenantId, key, expiresAt: record.expiresAt };
  }

  /**
   * The principal of a key allowed to connect as an instrument agent (the
   * agent gateway's check): the tenant comes from the key, never the payload.
   */
  async authenticateAgent(presented: string): Promise<Principal & { kind: 'apiKey' }> {
    const principal = await this.authenticate(presented);
    if (!principal.key.agent) {
      throw new FieldbookError(
        'AUTH_INSUFFICIENT_PERMISSIONS',
        'This API key may not connect as an agent',
      );
    }
    return principal;
  }

  /** Starts the batched last-used writer. */
  start(): void {
    this.timer ??= setInterval(() => void this.flushLastUsed(), this.d.settings.keyTouchIntervalMs);
    this.timer.unref();
  }

  /** Stops the writer after a last flush. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flushLastUsed();
  }

  /** Writes the remembered last-used times in one batch. */
  async flushLastUsed(): Promise<void> {
    if (this.pendingTouches.size === 0) return;
    const uses = [...this.pendingTouches.values()];
    this.pendingTouches = new Map();
    await this.d.store.touchApiKeys(uses);
  }

  private async authorize(principal: Principal, workspaceId: string | null): Promise<void> {
    if (workspaceId === null) this.d.access.requireTenantAdmin(principal);
    else await this.d.access.require(principal, workspaceId, 'apiKeys.manage');
  }
}

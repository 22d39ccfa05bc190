import {
  FieldbookError,
  newId,
  type Webhook,
  type WebhookDelivery,
  type WebhookEvent,
} from '@fieldbook/shared';
import { notFound } from '../identity/access';
import type { Identity } from '../identity/identity';
import { actorOf, type Principal, type RequestMeta } from '../identity/principal';
import { integrationEvent, payloadOf, type IntegrationEvent } from './events';
import type { SecretBox } from './secretBox';
import { newWebhookSecret } from './signature';
import { checkTargetUrl, type AllowList } from './ssrfGuard';
import type { DeliveryRecord, WebhookRecord, WebhookStore } from './webhookStore';

/** What an admin sends to create a webhook. */
export interface WebhookInput {
  url: string;
  description: string;
  events: WebhookEvent[];
  active: boolean;
}

/** What an admin may change; `rotateSecret` issues a new secret (shown once). */
export type WebhookChange = Partial<WebhookInput> & { rotateSecret?: boolean };

/** The API's view of a stored webhook (no secret). */
export function webhookView(w: WebhookRecord): Webhook {
  return {
    id: w.id,
    workspaceId: w.workspaceId,
    url: w.url,
    description: w.description,
    events: w.events,
    active: w.active,
    disabledReason: w.disabledReason,
    failingSince: w.failingSince,
    createdAt: w.createdAt,
    createdBy: w.createdBy,
    secretRotatedAt: w.secretRotatedAt,
  };
}

/** The API's view of a delivery (its payload never holds the secret). */
export function deliveryView(d: DeliveryRecord): WebhookDelivery {
  return {
    id: d.id,
    webhookId: d.webhookId,
    eventId: d.eventId,
    event: d.event,
    state: d.state,
    payload: d.payload,
    createdAt: d.createdAt,
    nextAttemptAt: d.nextAttemptAt,
    attempts: d.attempts,
    redeliveryOf: d.redeliveryOf,
  };
}

/**
 * Webhooks of a workspace, managed by its admins (`webhooks.manage`): create
 * (the secret is answered once), change, rotate the secret, delete, read the
 * delivery log, redeliver, ping; and the fan-out of integration events into
 * the durable delivery queue. Another tenant's webhook is not found.
 */
export class WebhookService {
  constructor(
    private readonly d: {
      store: WebhookStore;
      identity: Identity;
      box: SecretBox;
      allow: AllowList;
      /** Wakes the delivery worker after an enqueue. */
      wake(): void;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return (this.d.now ?? Date.now)();
  }

  /** The workspace's webhooks (admins). */
  async list(principal: Principal, workspaceId: string): Promise<Webhook[]> {
    await this.d.identity.access.require(principal, workspaceId, 'webhooks.manage');
    return (await this.d.store.listWebhooks(principal.tenantId, workspaceId)).map(webhookView);
  }

  /** Creates a webhook; the answer carries its secret, the only time it is shown. */
  async create(
    principal: Principal,
    workspaceId: string,
    input: WebhookInput,
    meta: RequestMeta,
  ): Promise<{ webhook: Webhook; secret: string }> {
    await this.d.identity.access.require(principal, workspaceId, 'webhooks.manage');
    checkTargetUrl(input.url, this.d.allow);
    const now = this.now();
    const secret = newWebhookSecret();
    const record: WebhookRecord = {
      tenantId: principal.tenantId,
      id: newId(now),
      workspaceId,
      url: input.url,
      description: input.description,
      events: [...new Set(input.events)],
      active: input.active,
      disabledReason: null,
      failingSince: null,
      createdAt: now,
      createdBy: actorOf(principal).id ?? '',
      secretRotatedAt: now,
      sealedSecret: this.d.box.seal(secret),
    };
    await this.d.store.insertWebhook(record);
    await this.audit(principal, meta, 'webhook.create', record, {
      url: record.url,
      events: record.events,
    });
    return { webhook: webhookView(record), secret };
  }

  /** Changes a webhook; with `rotateSecret` the answer carries the new secret. */
  async update(
    principal: Principal,
    id: string,
    change: WebhookChange,
    meta: RequestMeta,
  ): Promise<{ webhook: Webhook; secret?: string }> {
    const hook = await this.find(principal, id);
    if (change.url !== undefined) checkTargetUrl(change.url, this.d.allow);
    const secret = change.rotateSecret ? newWebhookSecret() : undefined;
    const reactivated = change.active === true && !hook.active;
    const updated = await this.d.store.updateWebhook(principal.tenantId, id, {
      url: change.url,
      description: change.description,
      events: change.events && [...new Set(change.events)],
      active: change.active,
      ...(reactivated ? { disabledReason: null, failingSince: null } : {}),
      ...(secret ? { sealedSecret: this.d.box.seal(secret), secretRotatedAt: this.now() } : {}),
    });
    if (!updated) throw notFound('Webhook');
    await this.audit(principal, meta, 'webhook.update', updated, {
      fields: Object.keys(change).filter((k) => k !== 'rotateSecret'),
      ...(secret ? { secretRotated: true } : {}),
    });
    return { webhook: webhookView(updated), ...(secret ? { secret } : {}) };
  }

  /** Deletes a webhook and its delivery log. */
  async remove(principal: Principal, id: string, meta: RequestMeta): Promise<void> {
    const hook = await this.find(principal, id);
    await this.d.store.deleteWebhook(principal.tenantId, id);
    await this.audit(principal, meta, 'webhook.delete', hook, { url: hook.url });
  }

  /** A page of the delivery log, newest first. */
  async deliveries(
    principal: Principal,
    id: string,
    before: string | null,
    limit: number,
  ): Promise<{ items: WebhookDelivery[]; next: string | null }> {
    await this.find(principal, id);
    const rows = await this.d.store.listDeliveries(principal.tenantId, id, before, limit + 1);
    const items = rows.slice(0, limit).map(deliveryView);
    return { items, next: rows.length > limit ? items.at(-1)!.id : null };
  }

  /** Queues the same payload again as a new delivery (new delivery id, same event id). */
  async redeliver(principal: Principal, id: string, deliveryId: string): Promise<WebhookDelivery> {
    const hook = await this.find(principal, id);
    const original = await this.d.store.getDelivery(principal.tenantId, id, deliveryId);
    if (!original) throw notFound('Delivery');
    if (!hook.active)
      throw new FieldbookError('CONFLICT', 'The webhook is switched off; switch it on first');
    const now = this.now();
    const copy = {
      tenantId: principal.tenantId,
      id: newId(now),
      webhookId: id,
      eventId: original.eventId,
      event: original.event,
      payload: original.payload,
      createdAt: now,
      redeliveryOf: original.id,
    };
    await this.d.store.enqueue([copy]);
    this.d.wake();
    return deliveryView({ ...copy, state: 'pending', nextAttemptAt: now, attempts: [] });
  }

  /** Queues a `webhook.ping` delivery to this webhook alone. */
  async ping(principal: Principal, id: string): Promise<WebhookDelivery> {
    const hook = await this.find(principal, id);
    const event = integrationEvent({
      event: 'webhook.ping',
      tenantId: hook.tenantId,
      workspaceId: hook.workspaceId,
      actor: actorOf(principal),
      occurredAt: this.now(),
      data: { webhookId: hook.id },
    });
    const [delivery] = this.deliveriesFor(event, [hook]);
    await this.d.store.enqueue([delivery!]);
    this.d.wake();
    return deliveryView({
      ...delivery!,
      state: 'pending',
      nextAttemptAt: event.occurredAt,
      attempts: [],
    });
  }

  /** Queues a delivery of each event to every active webhook subscribed to it. */
  async dispatch(events: readonly IntegrationEvent[]): Promise<number> {
    const queued = [];
    for (const e of events) {
      const hooks = await this.d.store.subscribers(e.tenantId, e.workspaceId, e.event);
      queued.push(...this.deliveriesFor(e, hooks));
    }
    if (queued.length === 0) return 0;
    await this.d.store.enqueue(queued);
    this.d.wake();
    return queued.length;
  }

  private deliveriesFor(e: IntegrationEvent, hooks: readonly WebhookRecord[]) {
    const payload = JSON.stringify(payloadOf(e));
    const now = this.now();
    return hooks.map((h) => ({
      tenantId: e.tenantId,
      id: newId(now),
      webhookId: h.id,
      eventId: e.id,
      event: e.event,
      payload,
      createdAt: now,
      redeliveryOf: null,
    }));
  }

  /** The webhook when the caller may manage its workspace; not found across tenants. */
  private async find(principal: Principal, id: string): Promise<WebhookRecord> {
    const hook = await this.d.store.getWebhook(principal.tenantId, id);
    if (!hook) throw notFound('Webhook');
    const access = await this.d.identity.access.grantFor(principal, hook.workspaceId);
    if (!access) throw notFound('Webhook');
    await this.d.identity.access.require(principal, hook.workspaceId, 'webhooks.manage');
    return hook;
  }

  private async audit(
    principal: Principal,
    meta: RequestMeta,
    action: string,
    hook: WebhookRecord,
    summary: Record<string, unknown>,
  ): Promise<void> {
    await this.d.identity.audit.record(principal.tenantId, {
      actor: actorOf(principal),
      action,
      outcome: 'success',
      resource: { type: 'webhook', id: hook.id },
      workspaceId: hook.workspaceId,
      summary,
      ...meta,
    });
  }
}

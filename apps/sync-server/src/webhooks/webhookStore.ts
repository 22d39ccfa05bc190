import type { DeliveryAttempt, DeliveryState, WebhookEvent } from '@fieldbook/shared';

/** A webhook as stored: the API's view plus its tenant and sealed secret. */
export interface WebhookRecord {
  tenantId: string;
  id: string;
  workspaceId: string;
  url: string;
  description: string;
  events: WebhookEvent[];
  active: boolean;
  disabledReason: string | null;
  failingSince: number | null;
  createdAt: number;
  createdBy: string;
  secretRotatedAt: number;
  /** The signing secret, encrypted with a key derived from the server secret. */
  sealedSecret: string;
}

/** The fields of a webhook that change after creation. */
export type WebhookPatch = Partial<
  Pick<
    WebhookRecord,
    | 'url'
    | 'description'
    | 'events'
    | 'active'
    | 'disabledReason'
    | 'failingSince'
    | 'secretRotatedAt'
    | 'sealedSecret'
  >
>;

/** A delivery to queue: one event for one webhook. */
export interface NewDelivery {
  tenantId: string;
  id: string;
  webhookId: string;
  eventId: string;
  event: WebhookEvent;
  payload: string;
  createdAt: number;
  redeliveryOf: string | null;
}

/** A queued or finished delivery with its attempts, oldest attempt first. */
export interface DeliveryRecord extends NewDelivery {
  state: DeliveryState;
  nextAttemptAt: number | null;
  attempts: DeliveryAttempt[];
}

/** What an attempt decided: delivered, failed for good, or retry at a time. */
export type AttemptOutcome =
  { state: 'delivered' } | { state: 'failed' } | { state: 'pending'; nextAttemptAt: number };

/**
 * Storage of webhooks and of their durable delivery queue. Every read is
 * scoped by tenant except the queue's own (claim, finish), which the delivery
 * worker runs for all tenants. A claimed delivery is leased: if the process
 * dies before it finishes, the lease runs out (or `releaseLeases` at start)
 * and it is sent again — at-least-once.
 */
export interface WebhookStore {
  insertWebhook(record: WebhookRecord): Promise<void>;
  getWebhook(tenantId: string, id: string): Promise<WebhookRecord | null>;
  /** The workspace's webhooks, oldest first. */
  listWebhooks(tenantId: string, workspaceId: string): Promise<WebhookRecord[]>;
  /** Applies `patch`; null when there is no such webhook. */
  updateWebhook(tenantId: string, id: string, patch: WebhookPatch): Promise<WebhookRecord | null>;
  /**
   * Switches an active webhook off with `reason` in one conditional write:
   * the record when this call switched it off, null when it was off already
   * (or gone) — of several nodes racing, exactly one gets it and tells.
   */
  switchOffWebhook(tenantId: string, id: string, reason: string): Promise<WebhookRecord | null>;
  /** Deletes the webhook and its deliveries; false when there was none. */
  deleteWebhook(tenantId: string, id: string): Promise<boolean>;
  /** Active webhooks of the workspace subscribed to `event`. */
  subscribers(tenantId: string, workspaceId: string, event: WebhookEvent): Promise<WebhookRecord[]>;
  /** Queues deliveries, due at once, in one transaction. */
  enqueue(deliveries: readonly NewDelivery[]): Promise<void>;
  /** Leases up to `limit` pending deliveries due by `now` until `leaseUntil`, oldest due first. */
  claimDue(now: number, limit: number, leaseUntil: number): Promise<DeliveryRecord[]>;
  /**
   * Ends leases at start, so what a killed process held goes out again: on
   * SQLite every lease (nobody else sends from the file); on PostgreSQL only
   * those of this store's owner, as other nodes may be sending theirs.
   */
  releaseLeases(): Promise<void>;
  /** Records an attempt and what it decided, and ends the lease. */
  finishAttempt(id: string, attempt: DeliveryAttempt, outcome: AttemptOutcome): Promise<void>;
  /** The webhook's deliveries, newest first, with ids below `before` when given. */
  listDeliveries(
    tenantId: string,
    webhookId: string,
    before: string | null,
    limit: number,
  ): Promise<DeliveryRecord[]>;
  getDelivery(tenantId: string, webhookId: string, id: string): Promise<DeliveryRecord | null>;
  /** Deliveries still pending, all tenants (metrics, benchmarks, tests). */
  pendingCount(): Promise<number>;
  close(): Promise<void>;
}

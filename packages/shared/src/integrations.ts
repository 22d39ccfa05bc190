import { z } from 'zod';

// Wire types of webhooks, alert rules and notifications (issue 17): what the
// server's REST API answers and the app reads. No IO.

/** Every event a webhook may subscribe to. */
export const WEBHOOK_EVENTS = [
  'document.created',
  'document.trashed',
  'document.restored',
  'annotation.created',
  'annotation.updated',
  'annotation.approved',
  'annotation.reopened',
  'annotation.deleted',
  'comment.created',
  'version.restored',
  'member.added',
  'member.removed',
  'member.roleChanged',
  'command.requested',
  'command.awaitingApproval',
  'command.completed',
  'run.finished',
  'alert.fired',
  'webhook.ping',
] as const;
export const WebhookEventSchema = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;

/** Who caused an event, as payloads name it (never a secret). */
export const EventActorSchema = z.object({
  type: z.enum(['user', 'apiKey', 'system', 'anonymous']),
  id: z.string().nullable(),
  label: z.string().nullable(),
});
export type EventActor = z.infer<typeof EventActorSchema>;

/** The JSON body every webhook delivery carries. */
export const WebhookPayloadSchema = z.object({
  /** The event's id: the same on every delivery and redelivery of it. */
  id: z.string(),
  event: WebhookEventSchema,
  /** ISO 8601. */
  occurredAt: z.string(),
  workspace: z.object({ id: z.string() }),
  actor: EventActorSchema.nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

/** A webhook as the API shows it; its secret only appears once, on create or rotate. */
export const WebhookSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(WebhookEventSchema),
  active: z.boolean(),
  /** Why it was switched off by the server (null while active or switched off by a person). */
  disabledReason: z.string().nullable(),
  /** Since when every delivery has failed (epoch ms), or null. */
  failingSince: z.number().nullable(),
  createdAt: z.number(),
  createdBy: z.string(),
  secretRotatedAt: z.number(),
});
export type Webhook = z.infer<typeof WebhookSchema>;

export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** One attempt of a delivery: what came back. */
export const DeliveryAttemptSchema = z.object({
  attempt: z.number().int(),
  at: z.number(),
  /** HTTP status, or null when no response came (refused, timed out, unreachable). */
  status: z.number().int().nullable(),
  /** The first 4 KB of the response body, or the reason there was none. */
  response: z.string(),
  latencyMs: z.number().int(),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttemptSchema>;

/** One delivery of one event to one webhook, with its attempts (delivery log). */
export const WebhookDeliverySchema = z.object({
  /** Unique per delivery: receivers dedupe on it (a redelivery has a new one). */
  id: z.string(),
  webhookId: z.string(),
  eventId: z.string(),
  event: WebhookEventSchema,
  state: z.enum(DELIVERY_STATES),
  /** The exact JSON body sent. */
  payload: z.string(),
  createdAt: z.number(),
  nextAttemptAt: z.number().nullable(),
  attempts: z.array(DeliveryAttemptSchema),
  /** Set on a redelivery: the delivery it repeats. */
  redeliveryOf: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

/** What a notification is about. */
export const NOTIFICATION_KINDS = [
  'mention',
  'approval.command',
  'approval.annotation',
  'alert.fired',
  'document.trashed',
  'document.restored',
  'role.changed',
  'webhook.disabled',
] as const;
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;

/** Where clicking a notification takes the user. */
export const NotificationLinkSchema = z.object({
  workspaceId: z.string(),
  docId: z.string().nullable(),
  annotationId: z.string().nullable(),
  /** Other places (instrument command, webhooks screen). */
  page: z.enum(['document', 'command', 'webhooks', 'members']).default('document'),
  targetId: z.string().nullable().default(null),
  /** The annotation's time span (epoch ms), so the app can open its chart around it. */
  at: z.object({ from: z.number(), to: z.number() }).optional(),
});
export type NotificationLink = z.infer<typeof NotificationLinkSchema>;

/** One notification of one user. */
export const NotificationSchema = z.object({
  id: z.string(),
  kind: NotificationKindSchema,
  title: z.string(),
  body: z.string(),
  link: NotificationLinkSchema,
  actor: EventActorSchema.nullable(),
  createdAt: z.number(),
  readAt: z.number().nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

/** Which annotations an alert rule watches; an absent or empty field matches everything. */
export const AlertConditionSchema = z.object({
  kinds: z
    .array(z.enum(['point', 'range', 'line', 'arrow', 'rect', 'text', 'polygon']))
    .max(7)
    .optional(),
  /** Annotations carrying any of these tags. */
  tags: z.array(z.string().min(1).max(64)).max(32).optional(),
  /** Any of these words in the title or body (case-insensitive). */
  keywords: z.array(z.string().min(1).max(100)).max(32).optional(),
  /** Anchored on any of these channels. */
  channels: z.array(z.string().min(1).max(200)).max(64).optional(),
  status: z.enum(['draft', 'approved']).optional(),
});
export type AlertCondition = z.infer<typeof AlertConditionSchema>;

/** Fire when at least `count` matching annotations appeared within `windowMs`. */
export const AlertThresholdSchema = z.object({
  count: z.number().int().min(1).max(10_000),
  windowMs: z
    .number()
    .int()
    .min(1000)
    .max(30 * 24 * 3_600_000),
});
export type AlertThreshold = z.infer<typeof AlertThresholdSchema>;

/** What a firing does: tell members (by id or role) in the app, and/or send `alert.fired` to webhooks. */
export const AlertActionsSchema = z.object({
  notifyUsers: z.array(z.string().min(1).max(200)).max(200).default([]),
  notifyRoles: z
    .array(z.enum(['viewer', 'contributor', 'reviewer', 'admin']))
    .max(4)
    .default([]),
  webhook: z.boolean().default(false),
});
export type AlertActions = z.infer<typeof AlertActionsSchema>;

/** An alert rule of a workspace. */
export const AlertRuleSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  name: z.string(),
  condition: AlertConditionSchema,
  /** Null: fire for every matching annotation. */
  threshold: AlertThresholdSchema.nullable(),
  actions: AlertActionsSchema,
  muted: z.boolean(),
  createdAt: z.number(),
  createdBy: z.string(),
});
export type AlertRule = z.infer<typeof AlertRuleSchema>;

/** One firing of a rule: when, and the annotations that made it fire. */
export const AlertFiringSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  at: z.number(),
  count: z.number().int(),
  annotations: z.array(z.object({ docId: z.string(), id: z.string(), title: z.string() })),
});
export type AlertFiring = z.infer<typeof AlertFiringSchema>;

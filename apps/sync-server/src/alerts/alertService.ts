import {
  newId,
  type AlertActions,
  type AlertCondition,
  type AlertFiring,
  type AlertRule,
  type AlertThreshold,
} from '@fieldbook/shared';
import { notFound } from '../identity/access';
import type { Identity } from '../identity/identity';
import { actorOf, type Principal, type RequestMeta } from '../identity/principal';
import type { NotificationService } from '../notifications/notificationService';
import { integrationEvent, type IntegrationEvent } from '../webhooks/events';
import type { Fired } from './alertEvaluator';
import type { AlertRuleRecord, AlertStore } from './alertStore';

/** What an admin sends to make a rule. */
export interface AlertRuleInput {
  name: string;
  condition: AlertCondition;
  threshold: AlertThreshold | null;
  actions: AlertActions;
  muted: boolean;
}

const view = ({ tenantId: _t, armed: _a, ...rule }: AlertRuleRecord): AlertRule => rule;

/**
 * Alert rules of a workspace (admins, `alerts.manage`): create, change, mute,
 * delete, read firings; and what a firing does — an audit entry, the
 * `alert.fired` event for webhooks (when the rule asks), and notifications
 * to the members and roles it names.
 */
export class AlertService {
  constructor(
    private readonly d: {
      store: AlertStore;
      identity: Identity;
      notifications: NotificationService;
      publish(events: IntegrationEvent[]): void;
      now?: () => number;
    },
  ) {}

  async list(principal: Principal, workspaceId: string): Promise<AlertRule[]> {
    await this.d.identity.access.require(principal, workspaceId, 'alerts.manage');
    return (await this.d.store.listRules(principal.tenantId, workspaceId)).map(view);
  }

  async create(
    principal: Principal,
    workspaceId: string,
    input: AlertRuleInput,
    meta: RequestMeta,
  ): Promise<AlertRule> {
    await this.d.identity.access.require(principal, workspaceId, 'alerts.manage');
    const now = (this.d.now ?? Date.now)();
    const rule: AlertRuleRecord = {
      ...input,
      tenantId: principal.tenantId,
      id: newId(now),
      workspaceId,
      armed: true,
      createdAt: now,
      createdBy: actorOf(principal).id ?? '',
    };
    await this.d.store.insertRule(rule);
    await this.audit(principal, meta, 'alert.create', rule, { name: rule.name });
    return view(rule);
  }

  async update(
    principal: Principal,
    id: string,
    change: Partial<AlertRuleInput>,
    meta: RequestMeta,
  ): Promise<AlertRule> {
    await this.find(principal, id);
    const updated = await this.d.store.updateRule(principal.tenantId, id, change);
    if (!updated) throw notFound('Alert rule');
    await this.audit(principal, meta, 'alert.update', updated, { fields: Object.keys(change) });
    return view(updated);
  }

  async remove(principal: Principal, id: string, meta: RequestMeta): Promise<void> {
    const rule = await this.find(principal, id);
    await this.d.store.deleteRule(principal.tenantId, id);
    await this.audit(principal, meta, 'alert.delete', rule, { name: rule.name });
  }

  async firings(principal: Principal, id: string): Promise<AlertFiring[]> {
    await this.find(principal, id);
    return this.d.store.listFirings(principal.tenantId, id, 100);
  }

  /** Carries out a firing: audit entry, webhook event, notifications. */
  async act({ rule, firing, cause }: Fired): Promise<void> {
    const summary = {
      name: rule.name,
      count: firing.count,
      annotations: firing.annotations.slice(-10).map((a) => a.id),
    };
    await this.d.identity.audit.record(rule.tenantId, {
      actor: { type: 'system', id: null, label: 'alert rules' },
      action: 'alert.fire',
      outcome: 'success',
      resource: { type: 'alertRule', id: rule.id },
      workspaceId: rule.workspaceId,
      summary,
    });
    if (rule.actions.webhook)
      this.d.publish([
        integrationEvent({
          event: 'alert.fired',
          tenantId: rule.tenantId,
          workspaceId: rule.workspaceId,
          actor: cause.actor,
          occurredAt: firing.at,
          data: { rule: { id: rule.id, name: rule.name }, firing },
        }),
      ]);
    const users = new Set(rule.actions.notifyUsers);
    if (rule.actions.notifyRoles.length > 0) {
      const page = await this.d.identity.store.listMembers(
        rule.tenantId,
        rule.workspaceId,
        null,
        500,
      );
      for (const m of page.items)
        if (rule.actions.notifyRoles.includes(m.role)) users.add(m.userId);
    }
    const last = firing.annotations.at(-1);
    await this.d.notifications.notify(
      [...users].map((userId) => ({
        tenantId: rule.tenantId,
        userId,
        kind: 'alert.fired' as const,
        title: `Alert: ${rule.name}`,
        body: rule.threshold
          ? `${firing.count} matching annotations within ${Math.round(rule.threshold.windowMs / 60_000)} min${last ? `, latest “${last.title}”` : ''}.`
          : `“${last?.title ?? 'An annotation'}” matches the rule.`,
        link: {
          workspaceId: rule.workspaceId,
          docId: last?.docId ?? null,
          annotationId: last?.id ?? null,
          page: 'document' as const,
          targetId: null,
        },
        actor: cause.actor,
      })),
    );
  }

  private async find(principal: Principal, id: string): Promise<AlertRuleRecord> {
    const rule = await this.d.store.getRule(principal.tenantId, id);
    if (!rule || !(await this.d.identity.access.grantFor(principal, rule.workspaceId)))
      throw notFound('Alert rule');
    await this.d.identity.access.require(principal, rule.workspaceId, 'alerts.manage');
    return rule;
  }

  private async audit(
    principal: Principal,
    meta: RequestMeta,
    action: string,
    rule: AlertRuleRecord,
    summary: Record<string, unknown>,
  ) {
    await this.d.identity.audit.record(principal.tenantId, {
      actor: actorOf(principal),
      action,
      outcome: 'success',
      resource: { type: 'alertRule', id: rule.id },
      workspaceId: rule.workspaceId,
      summary,
      ...meta,
    });
  }
}

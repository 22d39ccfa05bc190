import { newId, type AlertCondition, type AlertFiring } from '@fieldbook/shared';
import type { IntegrationEvent } from '../webhooks/events';
import type { AlertRuleRecord, AlertStore } from './alertStore';

/** The annotation fields an event carries (see webhooks/annotationEvents). */
export interface WatchedAnnotation {
  id: string;
  kind?: string;
  title?: string;
  body?: string;
  tags?: string[];
  channels?: string[];
  status?: string;
}

const WATCHED = new Set([
  'annotation.created',
  'annotation.updated',
  'annotation.approved',
  'annotation.reopened',
]);

/** Whether `a` meets `c`: every given field must match (tags, keywords, channels: any of them). */
export function conditionMatches(c: AlertCondition, a: WatchedAnnotation): boolean {
  if (c.kinds?.length && !c.kinds.includes(a.kind as never)) return false;
  if (c.tags?.length && !c.tags.some((t) => a.tags?.includes(t))) return false;
  if (c.channels?.length && !c.channels.some((ch) => a.channels?.includes(ch))) return false;
  if (c.status && a.status !== c.status) return false;
  if (c.keywords?.length) {
    const text = `${a.title ?? ''}\n${a.body ?? ''}`.toLowerCase();
    if (!c.keywords.some((k) => text.includes(k.toLowerCase()))) return false;
  }
  return true;
}

/** A firing and the rule it belongs to, for the actions to carry out. */
export interface Fired {
  rule: AlertRuleRecord;
  firing: AlertFiring;
  cause: IntegrationEvent;
}

/**
 * Evaluates a workspace's alert rules against annotation events: each
 * annotation counts once per rule; a rule without threshold fires for each
 * new match; a rule with one fires when its matches within the window reach
 * the count, once per crossing (it re-arms when the count falls below).
 * Muted rules record nothing. Runs off the sync path, after the bus.
 */
export async function evaluateAlerts(store: AlertStore, e: IntegrationEvent): Promise<Fired[]> {
  if (!WATCHED.has(e.event)) return [];
  const a = (e.data as { annotation?: WatchedAnnotation }).annotation;
  const docId = (e.data as { docId?: string }).docId;
  if (!a || !docId) return [];
  const fired: Fired[] = [];
  for (const rule of await store.listRules(e.tenantId, e.workspaceId)) {
    if (rule.muted || !conditionMatches(rule.condition, a)) continue;
    const title = a.title ?? '';
    const isNew = await store.addMatch(e.tenantId, rule.id, {
      docId,
      annotationId: a.id,
      title,
      at: e.occurredAt,
    });
    if (!rule.threshold) {
      if (isNew) fired.push(await fire(store, rule, e, [{ docId, id: a.id, title }]));
      continue;
    }
    const recent = await store.matchesSince(
      e.tenantId,
      rule.id,
      e.occurredAt - rule.threshold.windowMs,
    );
    const reached = recent.length >= rule.threshold.count;
    if (reached && rule.armed) {
      await store.updateRule(e.tenantId, rule.id, { armed: false });
      fired.push(
        await fire(
          store,
          rule,
          e,
          recent.map(({ docId: d, id, title: t }) => ({ docId: d, id, title: t })),
        ),
      );
    } else if (!reached && !rule.armed) {
      await store.updateRule(e.tenantId, rule.id, { armed: true });
    }
  }
  return fired;
}

async function fire(
  store: AlertStore,
  rule: AlertRuleRecord,
  cause: IntegrationEvent,
  annotations: AlertFiring['annotations'],
): Promise<Fired> {
  const firing: AlertFiring = {
    id: newId(cause.occurredAt),
    ruleId: rule.id,
    at: cause.occurredAt,
    count: annotations.length,
    annotations: annotations.slice(-100),
  };
  await store.addFiring(rule.tenantId, firing);
  return { rule, firing, cause };
}

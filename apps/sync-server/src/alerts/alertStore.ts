import type { AlertFiring, AlertRule } from '@fieldbook/shared';

/** A rule as stored: the API's view plus its tenant and whether it may fire again. */
export interface AlertRuleRecord extends AlertRule {
  tenantId: string;
  /** False after a threshold firing, until the count drops below the threshold again. */
  armed: boolean;
}

/** The fields of a rule that change after creation. */
export type AlertRulePatch = Partial<
  Pick<AlertRuleRecord, 'name' | 'condition' | 'threshold' | 'actions' | 'muted' | 'armed'>
>;

/**
 * Storage of alert rules, the annotations each rule matched (each counted
 * once per rule) and the rule's firings. Every call is scoped by tenant.
 */
export interface AlertStore {
  insertRule(rule: AlertRuleRecord): Promise<void>;
  getRule(tenantId: string, id: string): Promise<AlertRuleRecord | null>;
  /** The workspace's rules, oldest first. */
  listRules(tenantId: string, workspaceId: string): Promise<AlertRuleRecord[]>;
  updateRule(tenantId: string, id: string, patch: AlertRulePatch): Promise<AlertRuleRecord | null>;
  /** Deletes the rule, its matches and firings; false when there was none. */
  deleteRule(tenantId: string, id: string): Promise<boolean>;
  /** Records that the rule matched an annotation at `at`; false when it had matched it before. */
  addMatch(
    tenantId: string,
    ruleId: string,
    match: { docId: string; annotationId: string; title: string; at: number },
  ): Promise<boolean>;
  /** The rule's matches at or after `since`, oldest first. */
  matchesSince(
    tenantId: string,
    ruleId: string,
    since: number,
  ): Promise<{ docId: string; id: string; title: string; at: number }[]>;
  addFiring(tenantId: string, firing: AlertFiring): Promise<void>;
  /** The rule's firings, newest first. */
  listFirings(tenantId: string, ruleId: string, limit: number): Promise<AlertFiring[]>;
  close(): Promise<void>;
}

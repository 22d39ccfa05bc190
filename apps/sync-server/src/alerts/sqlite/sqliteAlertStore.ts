import type Database from 'better-sqlite3';
import type { AlertFiring } from '@fieldbook/shared';
import { openIntegrationsDb } from '../../webhooks/sqlite/openIntegrationsDb';
import type { AlertRulePatch, AlertRuleRecord, AlertStore } from '../alertStore';

interface RuleRow {
  tenant_id: string;
  id: string;
  workspace_id: string;
  name: string;
  condition: string;
  threshold: string | null;
  actions: string;
  muted: number;
  armed: number;
  created_at: number;
  created_by: string;
}

const toRule = (r: RuleRow): AlertRuleRecord => ({
  tenantId: r.tenant_id,
  id: r.id,
  workspaceId: r.workspace_id,
  name: r.name,
  condition: JSON.parse(r.condition) as AlertRuleRecord['condition'],
  threshold: r.threshold ? (JSON.parse(r.threshold) as AlertRuleRecord['threshold']) : null,
  actions: JSON.parse(r.actions) as AlertRuleRecord['actions'],
  muted: r.muted === 1,
  armed: r.armed === 1,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

const COLUMNS: Record<keyof AlertRulePatch, [string, (v: unknown) => unknown]> = {
  name: ['name', (v) => v],
  condition: ['condition', (v) => JSON.stringify(v)],
  threshold: ['threshold', (v) => (v === null ? null : JSON.stringify(v))],
  actions: ['actions', (v) => JSON.stringify(v)],
  muted: ['muted', (v) => (v ? 1 : 0)],
  armed: ['armed', (v) => (v ? 1 : 0)],
};

/** Opens the SQLite alert store on integrations.db at `file`. */
export function openSqliteAlertStore(options: {
  file: string;
  durability?: 'normal' | 'power';
}): AlertStore {
  return sqliteAlertStore(openIntegrationsDb(options));
}

/** The alert store on an open, migrated integrations.db connection (closed by `close`). */
export function sqliteAlertStore(db: Database.Database): AlertStore {
  const getRule = db.prepare<[string, string], RuleRow>(
    'SELECT * FROM alert_rules WHERE tenant_id = ? AND id = ?',
  );
  const dropRule = db.transaction((tenantId: string, id: string) => {
    for (const table of ['alert_matches', 'alert_firings'])
      db.prepare(`DELETE FROM ${table} WHERE tenant_id = ? AND rule_id = ?`).run(tenantId, id);
    return db.prepare('DELETE FROM alert_rules WHERE tenant_id = ? AND id = ?').run(tenantId, id)
      .changes;
  });
  return {
    async insertRule(r) {
      db.prepare(
        `INSERT INTO alert_rules (tenant_id, id, workspace_id, name, condition, threshold, actions, muted, armed, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        r.tenantId,
        r.id,
        r.workspaceId,
        r.name,
        JSON.stringify(r.condition),
        r.threshold ? JSON.stringify(r.threshold) : null,
        JSON.stringify(r.actions),
        r.muted ? 1 : 0,
        r.armed ? 1 : 0,
        r.createdAt,
        r.createdBy,
      );
    },
    async getRule(tenantId, id) {
      const row = getRule.get(tenantId, id);
      return row ? toRule(row) : null;
    },
    async listRules(tenantId, workspaceId) {
      return db
        .prepare<[string, string], RuleRow>(
          'SELECT * FROM alert_rules WHERE tenant_id = ? AND workspace_id = ? ORDER BY created_at, id',
        )
        .all(tenantId, workspaceId)
        .map(toRule);
    },
    async updateRule(tenantId, id, patch) {
      const sets: string[] = [];
      const values: unknown[] = [];
      for (const [key, value] of Object.entries(patch) as [keyof AlertRulePatch, unknown][]) {
        if (value === undefined) continue;
        const [column, encode] = COLUMNS[key];
        sets.push(`${column} = ?`);
        values.push(encode(value));
      }
      if (sets.length > 0)
        db.prepare(`UPDATE alert_rules SET ${sets.join(', ')} WHERE tenant_id = ? AND id = ?`).run(
          ...values,
          tenantId,
          id,
        );
      const row = getRule.get(tenantId, id);
      return row ? toRule(row) : null;
    },
    async deleteRule(tenantId, id) {
      return dropRule(tenantId, id) > 0;
    },
    async addMatch(tenantId, ruleId, m) {
      return (
        db
          .prepare(
            `INSERT OR IGNORE INTO alert_matches (tenant_id, rule_id, doc_id, annotation_id, title, at)
             VALUES (?, ?, ?, ?, ?, ?)`,
          )
          .run(tenantId, ruleId, m.docId, m.annotationId, m.title, m.at).changes > 0
      );
    },
    async matchesSince(tenantId, ruleId, since) {
      return db
        .prepare<
          [string, string, number],
          { doc_id: string; annotation_id: string; title: string; at: number }
        >(
          'SELECT * FROM alert_matches WHERE tenant_id = ? AND rule_id = ? AND at >= ? ORDER BY at, annotation_id',
        )
        .all(tenantId, ruleId, since)
        .map((r) => ({ docId: r.doc_id, id: r.annotation_id, title: r.title, at: r.at }));
    },
    async addFiring(tenantId, f) {
      db.prepare(
        'INSERT INTO alert_firings (tenant_id, id, rule_id, at, count, annotations) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(tenantId, f.id, f.ruleId, f.at, f.count, JSON.stringify(f.annotations));
    },
    async listFirings(tenantId, ruleId, limit) {
      return db
        .prepare<
          [string, string, number],
          { id: string; rule_id: string; at: number; count: number; annotations: string }
        >(
          'SELECT * FROM alert_firings WHERE tenant_id = ? AND rule_id = ? ORDER BY at DESC, id DESC LIMIT ?',
        )
        .all(tenantId, ruleId, limit)
        .map((r) => ({
          id: r.id,
          ruleId: r.rule_id,
          at: r.at,
          count: r.count,
          annotations: JSON.parse(r.annotations) as AlertFiring['annotations'],
        }));
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

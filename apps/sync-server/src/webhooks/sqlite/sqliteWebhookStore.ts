import type Database from 'better-sqlite3';
import type { DeliveryAttempt, DeliveryState, WebhookEvent } from '@fieldbook/shared';
import type {
  DeliveryRecord,
  NewDelivery,
  WebhookPatch,
  WebhookRecord,
  WebhookStore,
} from '../webhookStore';
import { openIntegrationsDb } from './openIntegrationsDb';

interface WebhookRow {
  tenant_id: string;
  id: string;
  workspace_id: string;
  url: string;
  description: string;
  events: string;
  active: number;
  disabled_reason: string | null;
  failing_since: number | null;
  created_at: number;
  created_by: string;
  secret_rotated_at: number;
  sealed_secret: string;
}

interface DeliveryRow {
  id: string;
  tenant_id: string;
  webhook_id: string;
  event_id: string;
  event: string;
  payload: string;
  state: string;
  created_at: number;
  next_attempt_at: number | null;
  redelivery_of: string | null;
}

interface AttemptRow {
  delivery_id: string;
  attempt: number;
  at: number;
  status: number | null;
  response: string;
  latency_ms: number;
}

const toWebhook = (r: WebhookRow): WebhookRecord => ({
  tenantId: r.tenant_id,
  id: r.id,
  workspaceId: r.workspace_id,
  url: r.url,
  description: r.description,
  events: JSON.parse(r.events) as WebhookEvent[],
  active: r.active === 1,
  disabledReason: r.disabled_reason,
  failingSince: r.failing_since,
  createdAt: r.created_at,
  createdBy: r.created_by,
  secretRotatedAt: r.secret_rotated_at,
  sealedSecret: r.sealed_secret,
});

const COLUMNS: Record<keyof WebhookPatch, string> = {
  url: 'url',
  description: 'description',
  events: 'events',
  active: 'active',
  disabledReason: 'disabled_reason',
  failingSince: 'failing_since',
  secretRotatedAt: 'secret_rotated_at',
  sealedSecret: 'sealed_secret',
};

/** Opens the SQLite webhook store on integrations.db at `file` (migrated at open). */
export function openSqliteWebhookStore(options: {
  file: string;
  durability?: 'normal' | 'power';
}): WebhookStore {
  return sqliteWebhookStore(openIntegrationsDb(options));
}

/** The webhook store on an open, migrated integrations.db connection (closed by `close`). */
export function sqliteWebhookStore(db: Database.Database): WebhookStore {
  const getHook = db.prepare<[string, string], WebhookRow>(
    'SELECT * FROM webhooks WHERE tenant_id = ? AND id = ?',
  );
  const attemptsOf = db.prepare<[string], AttemptRow>(
    'SELECT * FROM webhook_attempts WHERE delivery_id = ? ORDER BY attempt',
  );
  const withAttempts = (rows: DeliveryRow[]): DeliveryRecord[] =>
    rows.map((r) => ({
      tenantId: r.tenant_id,
      id: r.id,
      webhookId: r.webhook_id,
      eventId: r.event_id,
      event: r.event as WebhookEvent,
      payload: r.payload,
      state: r.state as DeliveryState,
      createdAt: r.created_at,
      nextAttemptAt: r.next_attempt_at,
      redeliveryOf: r.redelivery_of,
      attempts: attemptsOf.all(r.id).map((a) => ({
        attempt: a.attempt,
        at: a.at,
        status: a.status,
        response: a.response,
        latencyMs: a.latency_ms,
      })),
    }));
  const insertDelivery = db.prepare(
    `INSERT INTO webhook_deliveries (id, tenant_id, webhook_id, event_id, event, payload, state, created_at, next_attempt_at, redelivery_of)
     VALUES (@id, @tenantId, @webhookId, @eventId, @event, @payload, 'pending', @createdAt, @createdAt, @redeliveryOf)`,
  );
  const enqueueAll = db.transaction((list: readonly NewDelivery[]) => {
    for (const d of list) insertDelivery.run(d);
  });
  const due = db.prepare<[number, number, number], DeliveryRow>(
    `SELECT * FROM webhook_deliveries WHERE state = 'pending' AND next_attempt_at <= ?
       AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at, id LIMIT ?`,
  );
  const lease = db.prepare('UPDATE webhook_deliveries SET lease_until = ? WHERE id = ?');
  const claim = db.transaction((now: number, limit: number, until: number) => {
    const rows = due.all(now, now, limit);
    for (const r of rows) lease.run(until, r.id);
    return rows;
  });
  const insertAttempt = db.prepare(
    `INSERT OR REPLACE INTO webhook_attempts (delivery_id, attempt, at, status, response, latency_ms)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const settle = db.prepare(
    'UPDATE webhook_deliveries SET state = ?, next_attempt_at = ?, lease_until = NULL WHERE id = ?',
  );
  const finish = db.transaction(
    (id: string, a: DeliveryAttempt, state: DeliveryState, next: number | null) => {
      insertAttempt.run(id, a.attempt, a.at, a.status, a.response, a.latencyMs);
      settle.run(state, next, id);
    },
  );
  const dropHook = db.transaction((tenantId: string, id: string) => {
    db.prepare(
      `DELETE FROM webhook_attempts WHERE delivery_id IN
         (SELECT id FROM webhook_deliveries WHERE tenant_id = ? AND webhook_id = ?)`,
    ).run(tenantId, id);
    db.prepare('DELETE FROM webhook_deliveries WHERE tenant_id = ? AND webhook_id = ?').run(
      tenantId,
      id,
    );
    return db.prepare('DELETE FROM webhooks WHERE tenant_id = ? AND id = ?').run(tenantId, id)
      .changes;
  });

  return {
    async insertWebhook(w) {
      db.prepare(
        `INSERT INTO webhooks (tenant_id, id, workspace_id, url, description, events, active, disabled_reason,
           failing_since, created_at, created_by, secret_rotated_at, sealed_secret)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        w.tenantId,
        w.id,
        w.workspaceId,
        w.url,
        w.description,
        JSON.stringify(w.events),
        w.active ? 1 : 0,
        w.disabledReason,
        w.failingSince,
        w.createdAt,
        w.createdBy,
        w.secretRotatedAt,
        w.sealedSecret,
      );
    },
    async getWebhook(tenantId, id) {
      const row = getHook.get(tenantId, id);
      return row ? toWebhook(row) : null;
    },
    async listWebhooks(tenantId, workspaceId) {
      return db
        .prepare<[string, string], WebhookRow>(
          'SELECT * FROM webhooks WHERE tenant_id = ? AND workspace_id = ? ORDER BY created_at, id',
        )
        .all(tenantId, workspaceId)
        .map(toWebhook);
    },
    async updateWebhook(tenantId, id, patch) {
      const sets: string[] = [];
      const values: unknown[] = [];
      for (const [key, value] of Object.entries(patch) as [keyof WebhookPatch, unknown][]) {
        if (value === undefined) continue;
        sets.push(`${COLUMNS[key]} = ?`);
        values.push(
          key === 'events' ? JSON.stringify(value) : key === 'active' ? (value ? 1 : 0) : value,
        );
      }
      if (sets.length > 0)
        db.prepare(`UPDATE webhooks SET ${sets.join(', ')} WHERE tenant_id = ? AND id = ?`).run(
          ...values,
          tenantId,
          id,
        );
      const row = getHook.get(tenantId, id);
      return row ? toWebhook(row) : null;
    },
    async switchOffWebhook(tenantId, id, reason) {
      const { changes } = db
        .prepare(
          'UPDATE webhooks SET active = 0, disabled_reason = ? WHERE tenant_id = ? AND id = ? AND active = 1',
        )
        .run(reason, tenantId, id);
      const row = changes === 1 ? getHook.get(tenantId, id) : undefined;
      return row ? toWebhook(row) : null;
    },
    async deleteWebhook(tenantId, id) {
      return dropHook(tenantId, id) > 0;
    },
    async subscribers(tenantId, workspaceId, event) {
      return db
        .prepare<[string, string, string], WebhookRow>(
          `SELECT w.* FROM webhooks w WHERE w.tenant_id = ? AND w.workspace_id = ? AND w.active = 1
             AND EXISTS (SELECT 1 FROM json_each(w.events) e WHERE e.value = ?)`,
        )
        .all(tenantId, workspaceId, event)
        .map(toWebhook);
    },
    async enqueue(deliveries) {
      enqueueAll(deliveries);
    },
    async claimDue(now, limit, leaseUntil) {
      return withAttempts(claim(now, limit, leaseUntil));
    },
    async releaseLeases() {
      db.prepare(
        'UPDATE webhook_deliveries SET lease_until = NULL WHERE lease_until IS NOT NULL',
      ).run();
    },
    async finishAttempt(id, attempt, outcome) {
      finish(
        id,
        attempt,
        outcome.state,
        outcome.state === 'pending' ? outcome.nextAttemptAt : null,
      );
    },
    async listDeliveries(tenantId, webhookId, before, limit) {
      const rows = db
        .prepare<[string, string, string, number], DeliveryRow>(
          `SELECT * FROM webhook_deliveries WHERE tenant_id = ? AND webhook_id = ? AND id < ?
             ORDER BY id DESC LIMIT ?`,
        )
        .all(tenantId, webhookId, before ?? '\uffff', limit);
      return withAttempts(rows);
    },
    async getDelivery(tenantId, webhookId, id) {
      const row = db
        .prepare<[string, string, string], DeliveryRow>(
          'SELECT * FROM webhook_deliveries WHERE tenant_id = ? AND webhook_id = ? AND id = ?',
        )
        .get(tenantId, webhookId, id);
      return row ? withAttempts([row])[0]! : null;
    },
    async pendingCount() {
      return (
        db
          .prepare<[], { n: number }>(
            "SELECT count(*) AS n FROM webhook_deliveries WHERE state = 'pending'",
          )
          .get()?.n ?? 0
      );
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

import { TERMINAL_COMMAND_STATES, type CommandState, type WebhookEvent } from '@fieldbook/shared';
import type { AuditEntry } from '../audit/types';
import { integrationEvent, type IntegrationEvent } from './events';

const DIRECT: Record<string, WebhookEvent> = {
  'document.create': 'document.created',
  'document.trash': 'document.trashed',
  'document.restore': 'document.restored',
  'member.add': 'member.added',
  'invitation.accept': 'member.added',
  'member.remove': 'member.removed',
  'member.role': 'member.roleChanged',
  'command.request': 'command.requested',
  'run.finish': 'run.finished',
  'version.restore': 'version.restored',
  'annotation.restore': 'version.restored',
};

/** The webhook event an audit entry stands for, or null (sign-ins, edits, reads…). */
function eventOf(entry: AuditEntry): WebhookEvent | null {
  if (entry.outcome !== 'success' || !entry.workspaceId) return null;
  const direct = DIRECT[entry.action];
  if (direct) return direct;
  if (entry.action.startsWith('command.')) {
    const to = entry.summary?.to as CommandState | undefined;
    if (to === 'awaiting_approval') return 'command.awaitingApproval';
    if (to && TERMINAL_COMMAND_STATES.includes(to)) return 'command.completed';
  }
  return null;
}

/**
 * Integration events derived from audit entries: documents created, trashed
 * and restored; members added, removed, re-roled; commands requested,
 * awaiting approval, completed; runs finished; versions restored. An
 * accepted invitation is a member added (its resource: the user). The data
 * is the entry's resource and summary (never a secret: audit entries hold none).
 */
export function eventsFromAudit(entries: readonly AuditEntry[]): IntegrationEvent[] {
  const out: IntegrationEvent[] = [];
  for (const entry of entries) {
    const event = eventOf(entry);
    if (!event) continue;
    // Accepting an invitation makes a member: told as member.added about that user.
    const joined = entry.action === 'invitation.accept' && entry.summary?.userId;
    const resource = joined ? { type: 'user', id: String(entry.summary!.userId) } : entry.resource;
    out.push(
      integrationEvent({
        event,
        tenantId: entry.tenantId,
        workspaceId: entry.workspaceId!,
        actor: entry.actor,
        occurredAt: entry.ts,
        data: {
          resource,
          ...(entry.summary ?? {}),
          auditSeq: entry.seq,
        },
      }),
    );
  }
  return out;
}

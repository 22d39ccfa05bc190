import { can } from '@fieldbook/shared';
import type { IntegrationEvent } from '../webhooks/events';
import { actorName } from './actorNames';
import { membersOf } from './mentions';
import type { NotificationDraft } from './notificationService';
import type { TriggerContext } from './notificationTriggers';

interface AnnotationOfEvent {
  id?: string;
  title?: string;
  status?: string;
  author?: string;
  t?: number;
  t2?: number | null;
}

/**
 * The review requests an `annotation.created` event calls for: when the
 * workspace asks for review (`annotationsNeedReview`) and the author may not
 * approve the draft themselves, every member who may (`annotation.approve`),
 * author and actor aside, gets one `approval.annotation` notification linking
 * to the collection and the annotation. Creation is the one moment a draft
 * starts waiting, so later edits never repeat it; only approvers reopen.
 */
export async function reviewRequestsFor(
  ctx: TriggerContext,
  e: IntegrationEvent,
): Promise<NotificationDraft[]> {
  const data = e.data as { docId?: string; annotation?: AnnotationOfEvent };
  const a = data.annotation;
  if (e.event !== 'annotation.created' || !data.docId || !a?.id || a.status !== 'draft') return [];
  const workspace = await ctx.identity.getWorkspace(e.tenantId, e.workspaceId);
  if (!workspace?.annotationsNeedReview || workspace.archivedAt !== null) return [];
  const actorId = e.actor?.id ?? null;
  const actorGrant = actorId
    ? await ctx.identity.getMembership(e.tenantId, e.workspaceId, actorId)
    : null;
  if (can(actorGrant, 'annotation.approve')) return [];
  const skip = new Set([actorId, a.author ?? null]);
  const members = await membersOf(ctx.identity, e.tenantId, e.workspaceId);
  const title = a.title?.trim() || 'Untitled annotation';
  const name = await actorName(ctx.identity, e.tenantId, e.actor);
  return members
    .filter((m) => !skip.has(m.userId) && can(m, 'annotation.approve'))
    .map((m) => ({
      tenantId: e.tenantId,
      userId: m.userId,
      kind: 'approval.annotation' as const,
      title: `Review needed: “${title.slice(0, 200)}”`,
      body: `${name} added an annotation that awaits approval.`,
      link: {
        workspaceId: e.workspaceId,
        docId: data.docId!,
        annotationId: a.id!,
        page: 'document' as const,
        targetId: null,
        ...(typeof a.t === 'number' && { at: { from: a.t, to: a.t2 ?? a.t } }),
      },
      actor: e.actor,
    }));
}

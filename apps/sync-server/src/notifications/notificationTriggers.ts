import type { NotificationLink } from '@fieldbook/shared';
import type { IdentityStore } from '../identity/identityStore';
import type { IntegrationEvent } from '../webhooks/events';
import { actorName } from './actorNames';
import { membersOf, mentioned, mentionsIn } from './mentions';
import type { NotificationDraft } from './notificationService';
import { reviewRequestsFor } from './reviewRequests';

/** What the triggers need to know beyond the event. */
export interface TriggerContext {
  identity: IdentityStore;
  /** Users with a sync socket open on the document now. */
  openBy(workspaceId: string, docId: string): string[];
}

const link = (e: IntegrationEvent, over: Partial<NotificationLink>): NotificationLink => ({
  workspaceId: e.workspaceId,
  docId: null,
  annotationId: null,
  page: 'document',
  targetId: null,
  ...over,
});

/**
 * The notifications an integration event calls for: a mention in a comment
 * (its members named by @handle), a hazardous command awaiting a second
 * operator (every operator but the requester), a document trashed or
 * restored while you have it open, your role changed, a contributor's new
 * annotation awaiting review (see reviewRequests). Never to the actor.
 */
export async function notificationsFor(
  ctx: TriggerContext,
  e: IntegrationEvent,
): Promise<NotificationDraft[]> {
  const base = { tenantId: e.tenantId, actor: e.actor };
  const notActor = (userId: string) => userId !== e.actor?.id;
  const d = e.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- event data is open JSON
  const who = () => actorName(ctx.identity, e.tenantId, e.actor);
  switch (e.event) {
    case 'comment.created': {
      const handles = mentionsIn(String(d.comment?.body ?? ''));
      if (handles.size === 0) return [];
      const members = await membersOf(ctx.identity, e.tenantId, e.workspaceId);
      const name = await who();
      return members
        .filter((m) => notActor(m.userId) && mentioned(m, handles))
        .map((m) => ({
          ...base,
          userId: m.userId,
          kind: 'mention' as const,
          title: `${name} mentioned you on “${String(d.annotation?.title ?? 'an annotation')}”`,
          body: String(d.comment.body).slice(0, 500),
          link: link(e, { docId: d.docId ?? null, annotationId: d.annotation?.id ?? null }),
        }));
    }
    case 'command.awaitingApproval': {
      const members = await membersOf(ctx.identity, e.tenantId, e.workspaceId);
      const name = await who();
      return members
        .filter((m) => notActor(m.userId) && m.capabilities.includes('operator'))
        .map((m) => ({
          ...base,
          userId: m.userId,
          kind: 'approval.command' as const,
          title: `Approval needed: ${String(d.command ?? 'a hazardous command')}`,
          body: `${name} asks a second operator to release a hazardous command.`,
          link: link(e, { page: 'command', targetId: d.resource?.id ?? null }),
        }));
    }
    case 'document.trashed':
    case 'document.restored': {
      const docId = String(d.resource?.id ?? '');
      const trashed = e.event === 'document.trashed';
      const openBy = [...new Set(ctx.openBy(e.workspaceId, docId))].filter(notActor);
      if (openBy.length === 0) return [];
      const name = await who();
      return openBy.map((userId) => ({
        ...base,
        userId,
        kind: trashed ? ('document.trashed' as const) : ('document.restored' as const),
        title: trashed
          ? 'A document you have open was moved to the trash'
          : 'A document you have open was restored',
        body: `${name} ${trashed ? 'trashed' : 'restored'} it.`,
        link: link(e, { docId }),
      }));
    }
    case 'annotation.created':
      return reviewRequestsFor(ctx, e);
    case 'member.roleChanged': {
      const userId = String(d.resource?.id ?? '');
      if (!userId || !notActor(userId)) return [];
      const name = await who();
      return [
        {
          ...base,
          userId,
          kind: 'role.changed',
          title: `Your role is now ${String(d.to?.role ?? 'changed')}`,
          body: `${name} changed your role from ${String(d.from?.role ?? '?')} to ${String(d.to?.role ?? '?')}.`,
          link: link(e, { page: 'members' }),
        },
      ];
    }
    default:
      return [];
  }
}

import type { EventActor } from '@fieldbook/shared';
import type { IdentityStore } from '../identity/identityStore';

/**
 * How a notification names who did something: a user by the name people see
 * in the app (an event's actor label is the e-mail, for audit and webhooks),
 * an API key by its label, else "Someone".
 */
export async function actorName(
  identity: IdentityStore,
  tenantId: string,
  actor: EventActor | null | undefined,
): Promise<string> {
  if (actor?.type === 'user' && actor.id) {
    const user = await identity.getUser(tenantId, actor.id);
    if (user?.name) return user.name;
  }
  return actor?.label ?? 'Someone';
}

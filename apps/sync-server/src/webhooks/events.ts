import type { EventActor, WebhookEvent, WebhookPayload } from '@fieldbook/shared';
import { newId } from '@fieldbook/shared';

/** Something that happened in a workspace, told to webhooks, alert rules and notifications. */
export interface IntegrationEvent {
  /** Unique per event (UUIDv7): the payload's `id`. */
  id: string;
  event: WebhookEvent;
  tenantId: string;
  workspaceId: string;
  actor: EventActor | null;
  /** Epoch ms. */
  occurredAt: number;
  data: Record<string, unknown>;
}

/** An event with a fresh id. */
export function integrationEvent(fields: Omit<IntegrationEvent, 'id'>): IntegrationEvent {
  return { id: newId(fields.occurredAt), ...fields };
}

/** The JSON body of a delivery of `e`. */
export function payloadOf(e: IntegrationEvent): WebhookPayload {
  return {
    id: e.id,
    event: e.event,
    occurredAt: new Date(e.occurredAt).toISOString(),
    workspace: { id: e.workspaceId },
    actor: e.actor,
    data: e.data,
  };
}

/** A listener of integration events; it queues work, never throws. */
export type EventListener = (events: readonly IntegrationEvent[]) => void;

/**
 * The in-process bus integration events travel on: sources (audit entries,
 * annotation changes, alert rules) publish; webhooks, alert rules and
 * notifications listen.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  /** Starts telling `listener`; returns the unsubscribe. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener; one that throws does not stop the others. */
  publish(events: readonly IntegrationEvent[], onError: (err: unknown) => void): void {
    if (events.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(events);
      } catch (err) {
        onError(err);
      }
    }
  }
}

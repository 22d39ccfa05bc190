import {
  WebhookDeliverySchema,
  WebhookSchema,
  type Webhook,
  type WebhookDelivery,
  type WebhookEvent,
} from '@fieldbook/shared';
import { z } from 'zod';
import type { ServerApi } from '../session/serverApi';

/** What the form sends. */
export interface WebhookForm {
  url: string;
  description: string;
  events: WebhookEvent[];
}

const Created = z.object({ webhook: WebhookSchema, secret: z.string() });
const Changed = z.object({ webhook: WebhookSchema, secret: z.string().optional() });

/** The REST calls of the webhooks screen (admins of the workspace). */
export class WebhooksApi {
  constructor(private readonly api: ServerApi) {}

  async list(workspaceId: string): Promise<Webhook[]> {
    const reply = await this.api.request(
      'GET',
      `/workspaces/${workspaceId}/webhooks`,
      z.object({ items: z.array(WebhookSchema) }),
    );
    return reply.items;
  }

  /** Creates one; the answer holds the secret, shown this once. */
  create(workspaceId: string, form: WebhookForm) {
    return this.api.request('POST', `/workspaces/${workspaceId}/webhooks`, Created, form);
  }

  update(id: string, change: Partial<WebhookForm> & { active?: boolean; rotateSecret?: boolean }) {
    return this.api.request('PATCH', `/webhooks/${id}`, Changed, change);
  }

  async remove(id: string): Promise<void> {
    await this.api.request('DELETE', `/webhooks/${id}`, z.unknown());
  }

  async deliveries(id: string): Promise<WebhookDelivery[]> {
    const reply = await this.api.request(
      'GET',
      `/webhooks/${id}/deliveries?limit=50`,
      z.object({ items: z.array(WebhookDeliverySchema), nextCursor: z.string().nullable() }),
    );
    return reply.items;
  }

  redeliver(id: string, deliveryId: string) {
    return this.api.request(
      'POST',
      `/webhooks/${id}/deliveries/${deliveryId}/redeliver`,
      WebhookDeliverySchema,
    );
  }

  ping(id: string) {
    return this.api.request('POST', `/webhooks/${id}/ping`, WebhookDeliverySchema);
  }
}

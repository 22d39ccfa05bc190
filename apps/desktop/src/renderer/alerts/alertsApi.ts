import {
  AlertFiringSchema,
  AlertRuleSchema,
  type AlertFiring,
  type AlertRule,
} from '@fieldbook/shared';
import { z } from 'zod';
import type { ServerApi } from '../session/serverApi';

/** What the form sends for a new rule. */
export type AlertRuleForm = Pick<AlertRule, 'name' | 'condition' | 'threshold' | 'actions'>;

/** The REST calls of the alert-rules screen (admins of the workspace). */
export class AlertsApi {
  constructor(private readonly api: ServerApi) {}

  async list(workspaceId: string): Promise<AlertRule[]> {
    const reply = await this.api.request(
      'GET',
      `/workspaces/${workspaceId}/alert-rules`,
      z.object({ items: z.array(AlertRuleSchema) }),
    );
    return reply.items;
  }

  create(workspaceId: string, form: AlertRuleForm) {
    return this.api.request(
      'POST',
      `/workspaces/${workspaceId}/alert-rules`,
      AlertRuleSchema,
      form,
    );
  }

  setMuted(id: string, muted: boolean) {
    return this.api.request('PATCH', `/alert-rules/${id}`, AlertRuleSchema, { muted });
  }

  async remove(id: string): Promise<void> {
    await this.api.request('DELETE', `/alert-rules/${id}`, z.unknown());
  }

  async firings(id: string): Promise<AlertFiring[]> {
    const reply = await this.api.request(
      'GET',
      `/alert-rules/${id}/firings`,
      z.object({ items: z.array(AlertFiringSchema) }),
    );
    return reply.items;
  }
}

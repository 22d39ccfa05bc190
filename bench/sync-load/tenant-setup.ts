/**
 * The signed-in variants' setup (server-process.ts SIGNED_IN): a tenant signed up over REST, the
 * workspace its clients sync in, and webhooks subscribed to every event of that workspace,
 * pointing at a loopback receiver in this process that answers 200 and counts deliveries.
 */
import { WEBHOOK_EVENTS } from '@fieldbook/shared';
import { createWorkspace, signUp } from '../desktop/seed';
import { receiver } from '../webhooks/receiver';

/** A signed-up tenant's workspace on the server under test, and its webhooks' receiver. */
export interface TenantWorkspace {
  workspaceId: string;
  /** The admin's access token, offered by every client as a `bearer.<token>` subprotocol. */
  token: string;
  /** Deliveries the receiver has had so far (each delivery id once). */
  deliveries: () => number;
  close: () => Promise<void>;
}

/** Signs up a tenant on the server at `port`, creates a workspace and `webhooks` webhooks. */
export async function setUpTenant(port: number, webhooks: number): Promise<TenantWorkspace> {
  const base = `http://127.0.0.1:${port}`;
  const account = await signUp(base);
  const workspaceId = await createWorkspace(account, 'Sync load');
  const rx = await receiver(0);
  const events = WEBHOOK_EVENTS.filter((e) => e !== 'webhook.ping');
  for (let i = 0; i < webhooks; i++) {
    const res = await fetch(`${base}/api/v1/workspaces/${workspaceId}/webhooks`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${account.accessToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ url: `http://127.0.0.1:${rx.port}/hook/${i}`, events }),
    });
    if (!res.ok) throw new Error(`creating webhook ${i}: ${res.status} ${await res.text()}`);
  }
  return {
    workspaceId,
    token: account.accessToken,
    deliveries: () => rx.seen.size,
    close: async () => {
      await rx.close();
    },
  };
}

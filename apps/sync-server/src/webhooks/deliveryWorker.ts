import type { DeliveryAttempt } from '@fieldbook/shared';
import { nextAttemptAt, type RetryPolicy } from './backoff';
import type { SecretBox } from './secretBox';
import type { SendLimits, SendResult, Outgoing } from './sender';
import type { AttemptOutcome, DeliveryRecord, WebhookRecord, WebhookStore } from './webhookStore';

/** What the worker needs and how hard it works. */
export interface DeliveryWorkerOptions {
  store: WebhookStore;
  box: SecretBox;
  send: (out: Outgoing, limits: SendLimits) => Promise<SendResult>;
  limits: SendLimits;
  retry: RetryPolicy;
  /** Deliveries in flight at once. */
  concurrency: number;
  /** How often the queue is looked at when nothing wakes the worker. */
  pollMs: number;
  /** A webhook whose every delivery has failed for this long is switched off (24 h). */
  disableAfterMs: number;
  /** Called once when a webhook is switched off for failing (its admins are told). */
  onDisabled(hook: WebhookRecord): void;
  onError(err: unknown): void;
  now?: () => number;
}

/**
 * Sends queued deliveries from the store: leases due ones, POSTs each (at
 * most `concurrency` at a time), records the attempt, and either marks it
 * delivered, schedules a retry (exponential backoff with jitter) or, after
 * `giveUpAfterMs`, marks it failed. A 2xx is success; anything else, a
 * timeout or a refused target is a failure. Leases make it at-least-once: a
 * delivery whose sender died is handed out again.
 */
export class DeliveryWorker {
  private inFlight = 0;
  private claiming = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private readonly idle = new Set<() => void>();
  private readonly now: () => number;

  constructor(private readonly o: DeliveryWorkerOptions) {
    this.now = o.now ?? Date.now;
  }

  /** Ends leases a killed process left, then starts polling. */
  async start(): Promise<void> {
    await this.o.store.releaseLeases();
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.o.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** Looks at the queue now (after an enqueue). */
  wake(): void {
    if (!this.stopped) void this.pump();
  }

  /** Stops taking new deliveries and waits for those in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    if (this.inFlight > 0 || this.claiming) await new Promise<void>((r) => this.idle.add(r));
  }

  private settleIdle(): void {
    if (this.inFlight === 0 && !this.claiming) for (const r of this.drainIdle()) r();
  }

  private drainIdle(): (() => void)[] {
    const all = [...this.idle];
    this.idle.clear();
    return all;
  }

  private async pump(): Promise<void> {
    if (this.claiming) return;
    this.claiming = true;
    try {
      while (!this.stopped && this.inFlight < this.o.concurrency) {
        const now = this.now();
        const leaseMs = this.o.limits.connectTimeoutMs + this.o.limits.responseTimeoutMs + 30_000;
        const batch = await this.o.store.claimDue(
          now,
          this.o.concurrency - this.inFlight,
          now + leaseMs,
        );
        if (batch.length === 0) break;
        for (const d of batch) {
          this.inFlight++;
          void this.deliver(d)
            .catch((err) => this.o.onError(err))
            .finally(() => {
              this.inFlight--;
              this.settleIdle();
              this.wake();
            });
        }
      }
    } catch (err) {
      this.o.onError(err);
    } finally {
      this.claiming = false;
      this.settleIdle();
    }
  }

  private async deliver(d: DeliveryRecord): Promise<void> {
    const attemptNo = d.attempts.length + 1;
    const hook = await this.o.store.getWebhook(d.tenantId, d.webhookId);
    if (!hook || !hook.active) {
      const at = this.now();
      const why = hook ? 'webhook is switched off' : 'webhook deleted';
      await this.o.store.finishAttempt(
        d.id,
        { attempt: attemptNo, at, status: null, response: why, latencyMs: 0 },
        { state: 'failed' },
      );
      return;
    }
    const result = await this.o.send(
      {
        url: hook.url,
        secret: this.o.box.open(hook.sealedSecret),
        deliveryId: d.id,
        event: d.event,
        body: d.payload,
      },
      this.o.limits,
    );
    const at = this.now();
    const attempt: DeliveryAttempt = { attempt: attemptNo, at, ...result };
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    let outcome: AttemptOutcome = { state: 'delivered' };
    if (!ok) {
      const next = nextAttemptAt(this.o.retry, attemptNo, d.createdAt, at);
      outcome = next === null ? { state: 'failed' } : { state: 'pending', nextAttemptAt: next };
    }
    await this.o.store.finishAttempt(d.id, attempt, outcome);
    await this.track(hook, ok, at);
  }

  /** Keeps `failingSince`; switches a webhook off once it has failed for `disableAfterMs`. */
  private async track(hook: WebhookRecord, ok: boolean, at: number): Promise<void> {
    if (ok) {
      if (hook.failingSince !== null)
        await this.o.store.updateWebhook(hook.tenantId, hook.id, { failingSince: null });
      return;
    }
    if (hook.failingSince === null) {
      await this.o.store.updateWebhook(hook.tenantId, hook.id, { failingSince: at });
    } else if (at - hook.failingSince >= this.o.disableAfterMs) {
      await this.switchOff(hook, hook.failingSince, at);
    }
  }

  /**
   * Switches `hook` off and tells of it once: the store's conditional write
   * lets one of the deliveries failing at the same moment, on any node, do it.
   */
  private async switchOff(hook: WebhookRecord, failingSince: number, at: number): Promise<void> {
    const hours = Math.round((at - failingSince) / 3_600_000);
    const off = await this.o.store.switchOffWebhook(
      hook.tenantId,
      hook.id,
      `every delivery failed for ${hours} h`,
    );
    if (off) this.o.onDisabled(off);
  }
}

import type { AuditLog } from '../audit/auditLog';
import type { AuditInput } from '../audit/types';
import type { Logger } from '../log';

/**
 * Audit entries of commands and runs, written off the hot path: entries
 * added in one event-loop turn go to each tenant's chain in one append
 * (one transaction), in the order they were added — the way edits are
 * audited in batches. `flush` waits for everything added so far.
 */
export class AuditBatch {
  private pending = new Map<string, AuditInput[]>();
  private writing: Promise<void> = Promise.resolve();
  private scheduled = false;

  constructor(
    private readonly audit: AuditLog,
    private readonly log: Logger,
  ) {}

  add(tenantId: string, input: AuditInput): void {
    const list = this.pending.get(tenantId);
    if (list) list.push(input);
    else this.pending.set(tenantId, [input]);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  /** Writes what is pending now; resolves when it (and every earlier write) is stored. */
  flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = new Map();
    this.writing = this.writing.then(async () => {
      for (const [tenantId, inputs] of batch) {
        try {
          await this.audit.recordMany(tenantId, inputs);
        } catch (err) {
          this.log.error(
            { err, tenantId, entries: inputs.length },
            'instrument audit entries lost',
          );
        }
      }
    });
    return this.writing;
  }
}

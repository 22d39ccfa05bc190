import type { AuditStore } from './auditStore';
import { appendCheckpointLines, postCheckpoints, readCheckpointLines } from './checkpointSinks';
import type { CheckpointSigner } from './checkpointSigner';
import { signCheckpoint, timestampedData, type Checkpoint } from './checkpoints';
import { requestTimestamp, verifyTimestampToken, type TsaSettings } from './timestamp';

/** Where checkpoints go besides the database, and how often they are made. */
export interface CheckpointSettings {
  intervalMs: number;
  /** Append-only JSON-lines file outside DATA_DIR. */
  file?: string;
  /** A URL that receives each round's checkpoints as a JSON POST. */
  url?: string;
  /** An RFC 3161 time-stamp authority. */
  tsa?: TsaSettings;
}

export interface CheckpointServiceOptions extends CheckpointSettings {
  store: AuditStore;
  signer: CheckpointSigner;
  now: () => number;
  /** A publication that failed (file, URL, TSA); the checkpoint is kept in the database regardless. */
  onError(err: unknown, what: string): void;
}

/** Every checkpoint known for a tenant: the database's and, when configured, the file's. */
export interface CheckpointEvidence {
  stored: Checkpoint[];
  /** Null when no checkpoint file is configured. */
  external: Checkpoint[] | null;
  /** File lines that did not parse. */
  unreadable: number;
}

/**
 * Makes signed checkpoints of every tenant's chain head whose head moved since
 * its last checkpoint — on a timer, at start and at stop — stores them,
 * time-stamps them (RFC 3161) and publishes them (file, URL) when configured.
 */
export class CheckpointService {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<Checkpoint[]> = Promise.resolve([]);

  constructor(private readonly o: CheckpointServiceOptions) {}

  /** The key anyone checks checkpoints with. */
  get publicKey() {
    return this.o.signer.publicKey;
  }

  /** The TSA trust anchors (verification). */
  get tsa(): TsaSettings | undefined {
    return this.o.tsa;
  }

  start(): void {
    this.timer ??= setInterval(() => {
      this.runOnce().catch((err) => this.o.onError(err, 'checkpoint'));
    }, this.o.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer after one last round, so the newest head is checkpointed. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.runOnce();
  }

  /** One round now (rounds never overlap); returns the checkpoints it made. */
  runOnce(): Promise<Checkpoint[]> {
    this.round = this.round.catch(() => []).then(() => this.makeRound());
    return this.round;
  }

  list(tenantId: string, cursor: number | null, limit: number) {
    return this.o.store.listCheckpoints(tenantId, cursor, limit);
  }

  async evidence(tenantId: string): Promise<CheckpointEvidence> {
    const stored = await this.o.store.readCheckpoints(tenantId);
    if (!this.o.file) return { stored, external: null, unreadable: 0 };
    const { checkpoints, unreadable } = await readCheckpointLines(this.o.file, tenantId);
    return { stored, external: checkpoints, unreadable };
  }

  /** Whether a checkpoint's time-stamp token verifies (against the configured TSA trust anchors). */
  async timestampValid(cp: Checkpoint): Promise<boolean> {
    if (!cp.timestamp) return false;
    try {
      const token = new Uint8Array(Buffer.from(cp.timestamp.token, 'base64'));
      const { genTime } = await verifyTimestampToken(
        token,
        timestampedData(cp),
        this.o.tsa?.trusted ?? [],
      );
      return genTime === cp.timestamp.genTime;
    } catch {
      return false;
    }
  }

  private async makeRound(): Promise<Checkpoint[]> {
    const made: Checkpoint[] = [];
    for (const head of await this.o.store.heads()) {
      const last = await this.o.store.lastCheckpoint(head.tenantId);
      if (last && last.headSeq >= head.seq) continue;
      const cp = signCheckpoint(
        head.tenantId,
        (last?.seq ?? 0) + 1,
        head,
        this.o.now(),
        this.o.signer,
      );
      if (this.o.tsa) {
        try {
          const stamp = await requestTimestamp(timestampedData(cp), this.o.tsa);
          cp.timestamp = {
            tsa: this.o.tsa.url,
            token: Buffer.from(stamp.token).toString('base64'),
            genTime: stamp.genTime,
          };
        } catch (err) {
          this.o.onError(err, 'checkpoint time-stamp');
        }
      }
      await this.o.store.addCheckpoint(cp);
      made.push(cp);
    }
    if (this.o.file) {
      await appendCheckpointLines(this.o.file, made).catch((err) =>
        this.o.onError(err, 'checkpoint file'),
      );
    }
    if (this.o.url) {
      await postCheckpoints(this.o.url, made, this.publicKey).catch((err) =>
        this.o.onError(err, 'checkpoint URL'),
      );
    }
    return made;
  }
}

import type { AuditStore } from './auditStore';
import { appendCheckpointLines, postCheckpoints, readCheckpointLines } from './checkpointSinks';
import type { CheckpointSigner } from './checkpointSigner';
import { signCheckpoint, timestampedData, type Checkpoint } from './checkpoints';
import type * as Timestamps from './timestamp';
import type { TsaSettings } from './timestamp';

/** An RFC 3161 time-stamp authority as configured: its URL and trust anchors (PEM). */
export interface TsaConfig {
  url: string;
  caPem?: string;
}

/** The RFC 3161 client (pkijs, ~4 MB of heap) with its trust anchors, loaded only when a TSA is set. */
interface Stamping {
  client: typeof Timestamps;
  settings: TsaSettings;
}

/** Where checkpoints go besides the database, and how often they are made. */
export interface CheckpointSettings {
  intervalMs: number;
  /** Append-only JSON-lines file outside DATA_DIR. */
  file?: string;
  /** A URL that receives each round's checkpoints as a JSON POST. */
  url?: string;
  /** An RFC 3161 time-stamp authority. */
  tsa?: TsaConfig;
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
  private stamping: Promise<Stamping> | null = null;

  constructor(private readonly o: CheckpointServiceOptions) {}

  /** The key anyone checks checkpoints with. */
  get publicKey() {
    return this.o.signer.publicKey;
  }

  start(): void {
    // A TSA's trust anchors are read at start, so a bad AUDIT_TSA_CA_FILE is reported at once.
    this.stamper()?.catch((err) => this.o.onError(err, 'checkpoint time-stamp authority'));
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
      const stamping = this.stamper();
      const client = stamping ? (await stamping).client : await import('./timestamp');
      const trusted = stamping ? (await stamping).settings.trusted : [];
      const { genTime } = await client.verifyTimestampToken(token, timestampedData(cp), trusted);
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
      const stamping = this.stamper();
      if (stamping) {
        try {
          const { client, settings } = await stamping;
          const stamp = await client.requestTimestamp(timestampedData(cp), settings);
          cp.timestamp = {
            tsa: settings.url,
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

  private stamper(): Promise<Stamping> | null {
    const tsa = this.o.tsa;
    if (!tsa) return null;
    this.stamping ??= import('./timestamp').then((client) => ({
      client,
      settings: { url: tsa.url, trusted: tsa.caPem ? client.certificatesFromPem(tsa.caPem) : [] },
    }));
    return this.stamping;
  }
}

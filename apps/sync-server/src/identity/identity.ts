import { SigningTokens } from './signingTokens';
import { FieldbookError } from '@fieldbook/shared';
import { AuditLog } from '../audit/auditLog';
import { auditSetup, type AuditSetup } from '../audit/auditSetup';
import type { AuditStore } from '../audit/auditStore';
import { CheckpointService } from '../audit/checkpointService';
import { EditAggregator } from '../audit/editAggregator';
import {
  DEFAULT_RATE_LIMITS,
  RateLimiter,
  type RateLimitPolicies,
  type SharedBuckets,
} from '../rateLimit/rateLimiter';
import { Access } from './access';
import { AccessTokens } from './accessTokens';
import { looksLikeApiKey } from './apiKeyFormat';
import { ApiKeyService } from './apiKeyService';
import { AuthService } from './authService';
import { IdentityEvents } from './events';
import type { IdentityStore } from './identityStore';
import { InvitationService } from './invitationService';
import { LoggingMailer, type Mailer } from './mailer';
import { PasswordService } from './passwordService';
import type { Principal } from './principal';
import { DEFAULT_IDENTITY_SETTINGS, type IdentitySettings } from './settings';
import { TicketService, type TicketVault } from './ticketService';
import { WorkspaceService } from './workspaceService';

export interface IdentityOptions {
  store: IdentityStore;
  auditStore: AuditStore;
  /** FIELDBOOK_SECRET: signs access tokens. */
  secret: string;
  settings?: Partial<IdentitySettings>;
  rateLimits?: Partial<RateLimitPolicies>;
  now?: () => number;
  /** Audit keys and checkpoint publication; default: keys derived from `secret`, checkpoints in the database only. */
  audit?: AuditSetup;
  /** Called when a background write (edit audit, key last-used, checkpoint publication) fails. */
  onBackgroundError?: (err: unknown) => void;
  /** Sends password-reset mail; default: a LoggingMailer that logs nothing (no mail transport). */
  mailer?: Mailer;
  /** Rate-limit buckets and sync tickets shared by several nodes (Redis); default: this process and `store`. */
  shared?: { buckets: SharedBuckets; tickets: TicketVault };
}

/** The identity, tenancy and audit layer, wired together: what the HTTP API and the sync hooks use. */
export interface Identity {
  store: IdentityStore;
  audit: AuditLog;
  /** Signed checkpoints of every tenant's audit chain head. */
  checkpoints: CheckpointService;
  edits: EditAggregator;
  events: IdentityEvents;
  limiter: RateLimiter;
  access: Access;
  auth: AuthService;
  /** Password changes and administrators' reset links. */
  passwords: PasswordService;
  workspaces: WorkspaceService;
  invitations: InvitationService;
  keys: ApiKeyService;
  tickets: TicketService;
  /** Signing tokens from password re-entry, for approvals (21 CFR 11.200). */
  signing: SigningTokens;
  settings: IdentitySettings;
  now: () => number;
  /** The principal of a bearer credential: an API key (`fb_…`) or an access token. */
  authenticate(credential: string): Promise<Principal>;
  /**
   * Seals audit chains from before audit keys, checkpoints every chain head,
   * then starts background writers (edit aggregation, key last-used,
   * checkpoints). Answers how many chains it sealed.
   */
  start(): Promise<{ sealed: number }>;
  /** Flushes and stops background writers. */
  stop(): Promise<void>;
}

/** Expired tickets and ended sessions' tokens are deleted this often, this long after they ended. */
const PRUNE_INTERVAL_MS = 3_600_000;
const PRUNE_GRACE_MS = 3_600_000;

/** Builds the identity layer on the given stores. */
export function createIdentity(options: IdentityOptions): Identity {
  if (options.secret.length < 32)
    throw new FieldbookError('VALIDATION_ERROR', 'FIELDBOOK_SECRET must be at least 32 characters');
  const now = options.now ?? Date.now;
  const settings = { ...DEFAULT_IDENTITY_SETTINGS, ...options.settings };
  const store = options.store;
  const setup = options.audit ?? auditSetup(options.secret);
  const checkpoints = new CheckpointService({
    ...setup.checkpoints,
    store: options.auditStore,
    signer: setup.signer,
    now,
    onError: (err) => options.onBackgroundError?.(err),
  });
  const audit = new AuditLog(options.auditStore, setup.keys, now, checkpoints);
  const events = new IdentityEvents();
  const limiter = new RateLimiter(
    { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    now,
    options.shared?.buckets,
  );
  const access = new Access(store);
  const tokens = new AccessTokens(options.secret, settings.accessTokenTtlSeconds);
  const auth = new AuthService({ store, audit, tokens, events, limiter, settings, now });
  const keys = new ApiKeyService({ store, access, audit, events, settings, now });
  let pruneTimer: NodeJS.Timeout | undefined;
  const edits = new EditAggregator(audit, { now, onError: options.onBackgroundError });
  return {
    store,
    audit,
    checkpoints,
    edits,
    events,
    limiter,
    access,
    auth,
    keys,
    passwords: new PasswordService({
      store,
      audit,
      events,
      limiter,
      mailer: options.mailer ?? new LoggingMailer(() => {}),
      settings,
      now,
    }),
    workspaces: new WorkspaceService({ store, access, audit, events, now }),
    invitations: new InvitationService({ store, access, audit, events, settings, now }),
    tickets: new TicketService({ store, vault: options.shared?.tickets, access, settings, now }),
    signing: new SigningTokens(options.secret, { store, audit, limiter, now }),
    settings,
    now,
    authenticate: (credential) =>
      looksLikeApiKey(credential)
        ? keys.authenticate(credential)
        : auth.authenticateAccessToken(credential),
    async start() {
      const sealed = await audit.sealUnkeyed();
      await checkpoints.runOnce();
      checkpoints.start();
      edits.start();
      keys.start();
      pruneTimer ??= setInterval(() => {
        store.pruneExpired(now() - PRUNE_GRACE_MS).catch((err) => options.onBackgroundError?.(err));
      }, PRUNE_INTERVAL_MS);
      pruneTimer.unref();
      return { sealed };
    },
    async stop() {
      clearInterval(pruneTimer);
      pruneTimer = undefined;
      await Promise.all([
        edits.stop(),
        keys.stop().catch((err) => options.onBackgroundError?.(err)),
      ]);
      await checkpoints.stop().catch((err) => options.onBackgroundError?.(err));
    },
  };
}

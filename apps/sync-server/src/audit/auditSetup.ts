import type { AuditConfig } from '../config/auditConfig';
import type { CheckpointSettings } from './checkpointService';
import { derivedSigner, signerFromPem, type CheckpointSigner } from './checkpointSigner';
import { AuditKeyRing, derivedAuditKey } from './keys';

/** The audit trail's keys and where its checkpoints go. */
export interface AuditSetup {
  keys: AuditKeyRing;
  signer: CheckpointSigner;
  checkpoints: CheckpointSettings;
}

/** Ten minutes between checkpoint rounds unless AUDIT_CHECKPOINT_INTERVAL_MS says otherwise. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 600_000;

/**
 * The audit setup from configuration; keys and signing key not configured are
 * derived from `secret` (the server secret, or the development secret) — still
 * outside the database, but they change with it: `derived` lists which, so
 * the server can say so in its log.
 */
export function auditSetup(
  secret: string,
  config: Partial<AuditConfig> = {},
): AuditSetup & { derived: ('hmac key' | 'signing key')[] } {
  const [current, ...others] = config.keys ?? [];
  const keys = current
    ? new AuditKeyRing(current, others)
    : new AuditKeyRing(derivedAuditKey(secret), [], true);
  const signer = config.signingKeyPem
    ? signerFromPem(config.signingKeyPem, 'AUDIT_SIGNING_KEY_FILE')
    : derivedSigner(secret);
  return {
    keys,
    signer,
    checkpoints: {
      intervalMs: config.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS,
      file: config.checkpointFile,
      url: config.checkpointUrl,
      tsa: config.tsaUrl ? { url: config.tsaUrl, caPem: config.tsaCaPem } : undefined,
    },
    derived: [
      ...(keys.derived ? ['hmac key' as const] : []),
      ...(signer.derived ? ['signing key' as const] : []),
    ],
  };
}

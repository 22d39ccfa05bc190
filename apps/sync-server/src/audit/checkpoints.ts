import { z } from 'zod';
import { canonicalJson } from './canonicalJson';
import {
  verifySignature,
  type CheckpointPublicKey,
  type CheckpointSigner,
} from './checkpointSigner';
import type { AuditEntry, ChainFault, ChainHead } from './types';

/** An RFC 3161 time-stamp token on a checkpoint, from the TSA at `tsa`. */
export const CheckpointTimestampSchema = z.object({
  tsa: z.string(),
  /** The TimeStampToken (CMS ContentInfo), DER, base64. */
  token: z.string(),
  /** The TSA's genTime, epoch ms. */
  genTime: z.number(),
});

/**
 * A signed statement "tenant T's audit chain had head `headSeq` with hash
 * `headHash` at `ts`". Once published (a file outside DATA_DIR, a URL, a
 * TSA), a later rewrite of any entry up to `headSeq` shows — even to someone
 * holding the audit HMAC key, who cannot sign with the checkpoint key.
 */
export const CheckpointSchema = z.object({
  v: z.literal(1),
  tenantId: z.string(),
  /** Position among the tenant's checkpoints, from 1. */
  seq: z.number().int().min(1),
  headSeq: z.number().int().min(1),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
  ts: z.number().int(),
  /** Which Ed25519 key signed it (see GET /audit/checkpoints/key). */
  signingKeyId: z.string(),
  /** Ed25519 signature (base64url) of the canonical JSON of every field above. */
  signature: z.string(),
  timestamp: CheckpointTimestampSchema.nullable(),
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;
export type CheckpointTimestamp = z.infer<typeof CheckpointTimestampSchema>;

/** The text a checkpoint's signature covers: canonical JSON of all but signature and timestamp. */
export function signedText(cp: Omit<Checkpoint, 'signature' | 'timestamp'>): string {
  const { v, tenantId, seq, headSeq, headHash, ts, signingKeyId } = cp;
  return canonicalJson({ v, tenantId, seq, headSeq, headHash, ts, signingKeyId });
}

/** The bytes a TSA time-stamps for a checkpoint: its signed text and signature, as canonical JSON. */
export function timestampedData(cp: Omit<Checkpoint, 'timestamp'>): Uint8Array {
  return Buffer.from(canonicalJson({ payload: signedText(cp), signature: cp.signature }), 'utf8');
}

/** Signs a checkpoint of `head` as the tenant's checkpoint number `seq`. */
export function signCheckpoint(
  tenantId: string,
  seq: number,
  head: ChainHead,
  ts: number,
  signer: CheckpointSigner,
): Checkpoint {
  const payload = {
    v: 1 as const,
    tenantId,
    seq,
    headSeq: head.seq,
    headHash: head.hash,
    ts,
    signingKeyId: signer.publicKey.keyId,
  };
  return { ...payload, signature: signer.sign(signedText(payload)), timestamp: null };
}

/** What comparing a chain with its checkpoints found. */
export interface CheckpointCheck {
  /** Checkpoints with a valid signature by the published key, compared with the chain. */
  checked: number;
  /** Checkpoints signed by another key, which this server cannot check. */
  unverifiable: number;
  fault: { seq: number; reason: ChainFault; message: string; beforeSeq: number } | null;
}

/**
 * Compares a tenant's entries (seq order) with checkpoints from every source:
 * each validly signed checkpoint's entry must still carry the hash it signed.
 * A mismatch means entries after the last matching checkpoint, up to that
 * one, were rewritten: the fault names the first of them. A checkpoint that
 * names the published key but whose signature fails was forged or altered.
 */
export function checkAgainstCheckpoints(
  rows: readonly AuditEntry[],
  checkpoints: readonly Checkpoint[],
  publicKey: CheckpointPublicKey,
): CheckpointCheck {
  const bySeq = new Map(rows.map((r) => [r.seq, r]));
  const result: CheckpointCheck = { checked: 0, unverifiable: 0, fault: null };
  const valid: Checkpoint[] = [];
  for (const cp of checkpoints) {
    if (cp.signingKeyId !== publicKey.keyId) result.unverifiable++;
    else if (verifySignature(publicKey, signedText(cp), cp.signature)) valid.push(cp);
    else if (!result.fault || cp.headSeq < result.fault.beforeSeq) {
      result.fault = {
        seq: cp.headSeq,
        beforeSeq: cp.headSeq,
        reason: 'rewritten',
        message: `checkpoint ${cp.seq} (entry ${cp.headSeq}) has an invalid signature: checkpoints were altered`,
      };
    }
  }
  valid.sort((a, b) => a.headSeq - b.headSeq || a.ts - b.ts);
  result.checked = valid.length;
  let lastGood = 0;
  for (const cp of valid) {
    const row = bySeq.get(cp.headSeq);
    if (row?.hash === cp.headHash) {
      lastGood = Math.max(lastGood, cp.headSeq);
      continue;
    }
    const when = new Date(cp.ts).toISOString();
    const fault = row
      ? {
          seq: lastGood + 1,
          reason: 'rewritten' as const,
          message: `entries ${lastGood + 1}…${cp.headSeq} were rewritten: checkpoint ${cp.seq} signed at ${when} a different hash for entry ${cp.headSeq}`,
        }
      : {
          seq: cp.headSeq,
          reason: 'missing' as const,
          message: `entry ${cp.headSeq} is missing: checkpoint ${cp.seq} signed it at ${when}`,
        };
    if (!result.fault || cp.headSeq < result.fault.beforeSeq)
      result.fault = { ...fault, beforeSeq: cp.headSeq };
    break;
  }
  return result;
}

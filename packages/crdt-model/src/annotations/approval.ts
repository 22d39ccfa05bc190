import * as Y from 'yjs';
import { digest } from 'lib0/hash/sha256';
import { toHexString } from 'lib0/buffer';
import { z } from 'zod';
import { IdSchema } from '@fieldbook/shared';
import type { ModelOrigin } from '../origin';
import { beginChange } from '../schemaVersion';
import { invalidOperation, parseInput } from '../validate';
import { annotationsOf, requireAnnotation } from './structure';

// An approval is an electronic signature in the sense of 21 CFR Part 11 §11.50:
// who signed, when, and what the signature means, bound to the content signed
// (its hash). The record lives on the annotation (`approval`), and reopening
// leaves its own record (`reopened`); the server checks both on every update.

/** The meaning of every approval signature (§11.50(a)(3)). */
export const APPROVAL_MEANING = 'reviewed and approved';

/** The annotation fields an approval vouches for; changing any of them needs a reopen first. */
export const APPROVED_CONTENT_FIELDS = [
  'kind',
  'anchor',
  'title',
  'body',
  'tags',
  'style',
  'attachments',
] as const;

/** The approval record on an approved annotation. */
export interface ApprovalRecord {
  /** The approver's actor id. */
  by: string;
  /** Epoch ms. */
  at: number;
  meaning: typeof APPROVAL_MEANING;
  /** sha256 (hex) of the annotation's content when approved (`annotationContentHash`). */
  contentHash: string;
  /** The short-lived signing token from password re-entry, when the workspace asks for it. */
  signingToken?: string;
}

/** Who reopened an approved annotation, and when. */
export interface ReopenRecord {
  by: string;
  at: number;
}

function plain(value: unknown): unknown {
  if (value instanceof Y.Text) return value.toString();
  if (value instanceof Y.Map) {
    const out: Record<string, unknown> = {};
    for (const key of [...value.keys()].sort()) out[key] = plain(value.get(key));
    return out;
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record).sort()) out[key] = plain(record[key]);
    return out;
  }
  return value ?? null;
}

/**
 * The hash an approval binds to: sha256 over the canonical JSON (sorted keys)
 * of the annotation's content fields, hex. Comments, status and bookkeeping
 * are not content: discussing an approved annotation leaves it approved.
 */
export function annotationContentHash(annotation: Y.Map<unknown>): string {
  const content: Record<string, unknown> = {};
  for (const field of APPROVED_CONTENT_FIELDS) content[field] = plain(annotation.get(field));
  return toHexString(digest(new TextEncoder().encode(JSON.stringify(content))));
}

const ApproveInputSchema = z.strictObject({
  id: IdSchema,
  signingToken: z.string().min(1).max(4096).optional(),
});

/**
 * Approves a draft annotation: status approved plus the signature record
 * (who, when, meaning, content hash, and the signing token when the workspace
 * asks for password re-entry). The annotation is locked until reopened.
 */
export function approveAnnotation(
  doc: Y.Doc,
  input: z.input<typeof ApproveInputSchema>,
  origin: ModelOrigin,
): void {
  const now = beginChange(doc, 'annotations', origin);
  const { id, signingToken } = parseInput(ApproveInputSchema, input, 'annotation approval');
  const map = requireAnnotation(doc, id);
  if (map.get('status') === 'approved')
    throw invalidOperation('This annotation is already approved', { id });
  const record: ApprovalRecord = {
    by: origin.actor,
    at: now,
    meaning: APPROVAL_MEANING,
    contentHash: annotationContentHash(map),
    ...(signingToken ? { signingToken } : {}),
  };
  doc.transact(() => {
    map.set('status', 'approved');
    map.set('approval', record);
    map.set('updatedAt', now);
  }, origin);
}

/** Sends an approved annotation back to draft, recording who reopened it and when. */
export function reopenAnnotation(doc: Y.Doc, input: { id: string }, origin: ModelOrigin): void {
  const now = beginChange(doc, 'annotations', origin);
  const { id } = parseInput(z.strictObject({ id: IdSchema }), input, 'annotation id');
  const map = requireAnnotation(doc, id);
  if (map.get('status') !== 'approved')
    throw invalidOperation('This annotation is not approved', { id });
  const record: ReopenRecord = { by: origin.actor, at: now };
  doc.transact(() => {
    map.set('status', 'draft');
    map.set('reopened', record);
    map.set('updatedAt', now);
  }, origin);
}

/** The approval record of an annotation (the last one; check `status` for whether it holds). */
export function readApproval(annotation: Y.Map<unknown>): ApprovalRecord | null {
  const record = annotation.get('approval') as Partial<ApprovalRecord> | undefined;
  return record && typeof record.by === 'string' && typeof record.at === 'number'
    ? (record as ApprovalRecord)
    : null;
}

/** The last reopen record of an annotation, if it was ever reopened. */
export function readReopened(annotation: Y.Map<unknown>): ReopenRecord | null {
  const record = annotation.get('reopened') as Partial<ReopenRecord> | undefined;
  return record && typeof record.by === 'string' && typeof record.at === 'number'
    ? (record as ReopenRecord)
    : null;
}

/** An annotation's signature records by id, for showing "approved by … at …" (nulls when absent). */
export function approvalRecordsOf(
  doc: Y.Doc,
  id: string,
): { approval: ApprovalRecord | null; reopened: ReopenRecord | null } {
  const annotation = annotationsOf(doc).get(id);
  return {
    approval: annotation ? readApproval(annotation) : null,
    reopened: annotation ? readReopened(annotation) : null,
  };
}

import type * as Y from 'yjs';
import { z } from 'zod';
import { FieldbookError } from '@fieldbook/shared';

/**
 * Who makes a change. Every mutation passes its origin to `doc.transact`, so
 * a `Y.UndoManager` (tracking this object) and the audit trail can tell whose
 * change an update was. Reuse one object per user: UndoManager compares origins
 * by identity. `clock` (epoch ms) exists so tests and imports can fix time.
 */
export interface ModelOrigin {
  readonly actor: string;
  readonly clock?: () => number;
}

const ActorSchema = z.string().trim().min(1).max(200);

/** Makes the origin object of one user (or agent); keep and reuse it for that user's edits. */
export function actorOrigin(actor: string, clock?: () => number): ModelOrigin {
  const parsed = ActorSchema.safeParse(actor);
  if (!parsed.success) {
    throw new FieldbookError(
      'VALIDATION_ERROR',
      'Invalid origin: actor must be a non-empty string',
    );
  }
  return Object.freeze(clock ? { actor, clock } : { actor });
}

/** The actor behind a transaction, when it was made by a crdt-model function (for audit and history). */
export function actorOf(transaction: Y.Transaction): string | null {
  const origin: unknown = transaction.origin;
  if (origin && typeof origin === 'object' && 'actor' in origin) {
    const actor = (origin as { actor: unknown }).actor;
    return typeof actor === 'string' ? actor : null;
  }
  return null;
}

/** Checks the origin and returns the time (epoch ms, integer) the change is stamped with. */
export function stampOf(origin: ModelOrigin): number {
  if (!origin || typeof origin !== 'object' || !ActorSchema.safeParse(origin.actor).success) {
    throw new FieldbookError('VALIDATION_ERROR', 'Invalid origin: expected { actor: string }');
  }
  const now = origin.clock ? origin.clock() : Date.now();
  if (!Number.isFinite(now) || now < 0) {
    throw new FieldbookError('VALIDATION_ERROR', 'Invalid origin: clock returned a bad time', {
      now,
    });
  }
  return Math.floor(now);
}

import * as Y from 'yjs';
import {
  UpdateChecker,
  refusalReason,
  type CheckOptions,
  type DocChange,
} from '@fieldbook/crdt-model';
import type { Logger } from '../log';
import type { SyncMetrics } from '../metrics';
import type { Principal, SyncTarget } from './auth';
import type { SyncConnection } from './connection';
import { MALFORMED_CONTENT, encodePermissionDenied } from './protocol';

/** A write the gate refused, for the audit trail. */
export interface RefusedWrite {
  principal: Principal;
  target: SyncTarget;
  /** What was refused, in the document's terms (at most 20 items). */
  refused: DocChange[];
  /** Refusals on this socket left out of the audit trail since the previous entry (rate limit). */
  suppressed: number;
}

/** What the gates share with the server around them. */
export interface WriteGateContext {
  metrics: SyncMetrics;
  log: Logger;
  /** Records a refused write (audit); called at most once a minute per socket. */
  onRefused?(write: RefusedWrite): void;
  /** Per-sender options of the check (e.g. the signing-token test when approvals need a password). */
  checkOptions?(principal: Principal, target: SyncTarget): CheckOptions;
}

/**
 * What to do with an update: apply `update` (the one sent, or it merged with
 * the sender's held ones), hold it until what it depends on arrives, refuse
 * it (the sender was told), or close the sender.
 */
export type Admission =
  | { verdict: 'apply'; update: Uint8Array; merged: boolean }
  | { verdict: 'held' }
  | { verdict: 'refused' }
  | { verdict: 'malformed'; reason: string };

const AUDIT_INTERVAL_MS = 60_000;

/**
 * How many bytes of one socket's updates may wait for what they depend on. A
 * y-websocket client sends edits as they happen while its sync answer (its
 * older changes) is still on the way, so edits that build on those wait here.
 */
export const MAX_HELD_BYTES = 4 * 1024 * 1024;

/**
 * Authorization inside a document: every update is checked on a scratch copy
 * (crdt-model's UpdateChecker) before the hub applies, stores or relays it.
 * A refused update is dropped, its sender gets a permission-denied message
 * saying what was refused, and the refusal is counted and audited.
 */
export class WriteGate {
  private readonly checker: UpdateChecker;
  private readonly audited = new WeakMap<SyncConnection, { at: number; suppressed: number }>();
  /** Per socket: its updates still waiting for changes they depend on, merged into one. */
  private readonly held = new WeakMap<SyncConnection, Uint8Array>();

  constructor(
    doc: Y.Doc,
    private readonly ctx: WriteGateContext,
  ) {
    this.checker = new UpdateChecker(doc);
  }

  /** Checks `update` from `sender`, together with what it sent before that is held; see Admission. */
  admit(sender: SyncConnection, update: Uint8Array): Admission {
    const { principal, target } = sender;
    const earlier = this.held.get(sender);
    const candidate = earlier ? Y.mergeUpdates([earlier, update]) : update;
    this.held.delete(sender);
    const options = this.ctx.checkOptions?.(principal, target) ?? {};
    const result = this.checker.check(
      candidate,
      { id: principal.id, grant: principal.grant },
      options,
    );
    if (result.malformed)
      return { verdict: 'malformed', reason: `malformed message: ${result.malformed}` };
    if (result.incomplete) {
      if (candidate.byteLength <= MAX_HELD_BYTES) {
        this.held.set(sender, candidate);
        return { verdict: 'held' };
      }
      result.refused.push({
        what: 'changes that depend on others the server does not have',
        action: null,
        problem: 'the update is incomplete; reconnect to resync',
      });
    }
    if (result.refused.length === 0) {
      return { verdict: 'apply', update: candidate, merged: earlier !== undefined };
    }
    this.ctx.metrics.refusedWrites.inc();
    const reason = refusalReason(result);
    this.ctx.log.info(
      { docId: target.docId, conn: sender.id, principal: principal.id, reason },
      'write refused',
    );
    sender.send(encodePermissionDenied(`permission-denied: ${reason}`));
    this.audit(sender, result.refused);
    return { verdict: 'refused' };
  }

  /** Keeps the scratch copy in step with a change the server made to the document. */
  mirror(update: Uint8Array): void {
    this.checker.mirror(update);
  }

  destroy(): void {
    this.checker.destroy();
  }

  private audit(sender: SyncConnection, refused: DocChange[]): void {
    if (!this.ctx.onRefused) return;
    const now = Date.now();
    const last = this.audited.get(sender);
    if (last && now - last.at < AUDIT_INTERVAL_MS) {
      last.suppressed++;
      return;
    }
    this.audited.set(sender, { at: now, suppressed: 0 });
    this.ctx.onRefused({
      principal: sender.principal,
      target: sender.target,
      refused: refused.slice(0, 20),
      suppressed: last?.suppressed ?? 0,
    });
  }
}

/**
 * Admits `update` from `sender` through `gate`, or, with the checks off
 * (null), as long as it decodes: decoding reads every struct and the delete
 * set, so a malformed update is refused before any of it touches the
 * document the other peers share.
 */
export function admitUpdate(
  gate: WriteGate | null,
  sender: SyncConnection,
  update: Uint8Array,
): Admission {
  if (gate) return gate.admit(sender, update);
  try {
    Y.decodeUpdate(update);
  } catch {
    return { verdict: 'malformed', reason: MALFORMED_CONTENT };
  }
  return { verdict: 'apply', update, merged: false };
}

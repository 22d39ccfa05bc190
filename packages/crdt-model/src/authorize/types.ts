import type * as Y from 'yjs';
import type { Action, DocKind, Grant } from '@fieldbook/shared';

/** Who sends an update: the id new content must carry as its author, and the workspace grant. */
export interface WriteActor {
  id: string;
  grant: Grant | null;
}

/** One change an update makes, in the document's own terms, and what it needs to be allowed. */
export interface DocChange {
  /** What changes, for people: "annotation 01H… status draft → approved". */
  what: string;
  /** The matrix action it needs (`own`: for own-versus-all rules); null when no role may do it. */
  action: Action | null;
  own?: boolean;
  /** Why it is refused whatever the role (forged author, locked annotation); absent when the matrix decides. */
  problem?: string;
}

/** What `checkUpdate` needs beside the document, the update and the actor. */
export interface CheckOptions {
  /** Server time (epoch ms) that `createdAt` and approval times are compared with; default now. */
  now?: number;
  /**
   * Set when the workspace asks approvers to re-enter their password: whether
   * `token` is a valid signing token of `actor`. Absent: approvals need no token.
   */
  signingToken?: (token: unknown, actor: WriteActor) => boolean;
}

/** What checking one update found. */
export interface CheckResult {
  /** Every change the update makes (empty for an update that changes nothing). */
  changes: DocChange[];
  /** The changes refused: by the matrix or by a problem. Any one refuses the whole update. */
  refused: DocChange[];
  /** Set when the update could not be applied at all (decodable but not integrable). */
  malformed?: string;
  /**
   * Set when nothing is refused but part of the update waits for changes the
   * document lacks (they are on their way, e.g. in the sender's sync answer):
   * the update is checked again with them, and nothing of it is kept meanwhile.
   */
  incomplete?: boolean;
}

/** What a rule sees: the scratch document after the update, its transaction and who sent it. */
export interface RuleContext {
  doc: Y.Doc;
  tr: Y.Transaction;
  actor: WriteActor;
  options: CheckOptions;
  now: number;
  /** The kind before the update (null: it creates the document) and after. */
  kindBefore: DocKind | null;
  kind: DocKind;
  /** Records one change. */
  add(change: DocChange): void;
}

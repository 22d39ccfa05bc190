import * as Y from 'yjs';
import { can } from '@fieldbook/shared';
import { kindOf } from '../schemaVersion';
import { annotationChanges } from './annotationRules';
import { contentChanges } from './contentRules';
import { quickChanges } from './quickCheck';
import { updateTextProblem } from './textRule';
import { touchesOf } from './touches';
import type { CheckOptions, CheckResult, DocChange, RuleContext, WriteActor } from './types';
import { workspaceChanges } from './workspaceRules';

/** Every root of every kind, typed before content arrives so changes are read through the right type. */
const ROOTS: readonly [string, 'map' | 'text'][] = [
  ['meta', 'map'],
  ['documents', 'map'],
  ['folders', 'map'],
  ['tagColors', 'map'],
  ['savedSearches', 'map'],
  ['body', 'text'],
  ['tags', 'map'],
  ['attachments', 'map'],
  ['annotations', 'map'],
  ['panels', 'map'],
];

function scratchOf(state: Uint8Array | null): Y.Doc {
  const doc = new Y.Doc();
  for (const [name, shape] of ROOTS) {
    if (shape === 'map') doc.getMap(name);
    else doc.getText(name);
  }
  if (state) Y.applyUpdate(doc, state);
  return doc;
}

const RULES = {
  workspace: workspaceChanges,
  note: contentChanges,
  view: contentChanges,
  annotations: annotationChanges,
} as const;

/** Whether the matrix and the rules allow `change` for `actor`. */
function allowed(change: DocChange, actor: WriteActor): boolean {
  if (change.problem || change.action === null) return false;
  return can(actor.grant, change.action, { own: change.own === true });
}

/** Past this many bytes of small accepted updates not yet on the scratch copy, it is dropped instead. */
const MAX_BEHIND_BYTES = 1024 * 1024;
/** Changes of at least this size (a restore, a merge) reach the scratch copy soon after, off the caller's path. */
const MIRROR_LATER_BYTES = 64 * 1024;
/** How long after a large change its mirror waits: past the change's commit and answer. */
const MIRROR_LATER_MS = 20;

/**
 * Checks updates to one document before anyone applies them. Typing in a
 * note and writes to a non-Fieldbook document are read straight from the
 * update (quickCheck); everything else is applied to a scratch replica of
 * `source` (the document as accepted so far), whose transaction lists what
 * changes in the document's own terms (see the rule modules), each checked
 * with the permission matrix. When an update is refused, cannot be applied or
 * is incomplete, the scratch copy is dropped (and built again from `source`
 * when next needed), so nothing of it remains anywhere. Accepted changes
 * reach the scratch copy at the next full check, a large one a moment after
 * it was made; past 1 MiB of small ones the copy is dropped instead.
 * A caller that accepts an update must apply the same bytes to `source`
 * (and pass its own changes to `source` through `mirror`).
 */
export class UpdateChecker {
  private scratch: Y.Doc | null = null;
  /** Changes already in `source` and not yet in the scratch copy, oldest first. */
  private behind: Uint8Array[] = [];
  private behindBytes = 0;
  private catchUpTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly origin = Symbol('update check');

  constructor(private readonly source: Y.Doc) {}

  /** Checks `update` from `actor`; see CheckResult. Pure apart from the scratch copy. */
  check(update: Uint8Array, actor: WriteActor, options: CheckOptions = {}): CheckResult {
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(update);
    } catch {
      return { changes: [], refused: [], malformed: 'the update cannot be decoded' };
    }
    const problem = updateTextProblem(decoded.structs);
    if (problem) {
      const text: DocChange = {
        what: 'text in the update',
        action: null,
        problem: `text ${problem}`,
      };
      return { changes: [text], refused: [text] };
    }
    const quick = quickChanges(this.source, decoded, kindOf(this.source));
    if (quick) {
      const refused = quick.filter((change) => !allowed(change, actor));
      if (refused.length === 0) this.mirror(update);
      return { changes: quick, refused };
    }
    this.catchUp();
    this.scratch ??= scratchOf(Y.encodeStateAsUpdate(this.source));
    const result = this.apply(update, actor, options);
    if (result.malformed || result.refused.length > 0 || result.incomplete) this.drop();
    return result;
  }

  /** Notes a change accepted into `source` (a server change, a quick-checked update) for the scratch copy. */
  mirror(update: Uint8Array): void {
    if (this.scratch === null) return;
    this.behind.push(update);
    this.behindBytes += update.byteLength;
    if (update.byteLength >= MIRROR_LATER_BYTES) {
      this.catchUpTimer ??= setTimeout(this.catchUp, MIRROR_LATER_MS);
    } else if (this.behindBytes > MAX_BEHIND_BYTES && this.catchUpTimer === null) {
      this.drop();
    }
  }

  /** Frees the scratch copy. */
  destroy(): void {
    this.drop();
  }

  /** Applies the changes the scratch copy is behind on (see `mirror`). */
  private readonly catchUp = (): void => {
    if (this.catchUpTimer !== null) clearTimeout(this.catchUpTimer);
    this.catchUpTimer = null;
    const scratch = this.scratch;
    const updates = this.behind;
    this.behind = [];
    this.behindBytes = 0;
    if (scratch === null || updates.length === 0) return;
    try {
      Y.transact(scratch, () => {
        for (const update of updates) Y.applyUpdate(scratch, update);
      });
    } catch {
      this.drop(); // off the caller's path nothing may throw; a fresh copy of `source` is right too
    }
  };

  private drop(): void {
    if (this.catchUpTimer !== null) clearTimeout(this.catchUpTimer);
    this.catchUpTimer = null;
    this.scratch?.destroy();
    this.scratch = null;
    this.behind = [];
    this.behindBytes = 0;
  }

  private apply(update: Uint8Array, actor: WriteActor, options: CheckOptions): CheckResult {
    const doc = this.scratch!;
    const kindBefore = kindOf(doc);
    const pending = [doc.store.pendingStructs, doc.store.pendingDs];
    const changes: DocChange[] = [];
    let failure: string | null = null;
    const listen = (tr: Y.Transaction) => {
      if (tr.origin !== this.origin) return;
      try {
        const kind = kindOf(doc);
        if (kind === null && kindBefore === null) return; // not a Fieldbook document: sync.write alone
        if (kind === null || (kindBefore !== null && kind !== kindBefore)) {
          changes.push({
            what: 'the document kind',
            action: null,
            problem: "a document's kind never changes",
          });
          return;
        }
        const now = options.now ?? Date.now();
        const ctx: RuleContext = {
          doc,
          tr,
          actor,
          options,
          now,
          kindBefore,
          kind,
          add: (change) => changes.push(change),
        };
        for (const touch of touchesOf(doc, tr)) RULES[kind](touch, ctx);
      } catch (error) {
        failure = `the update's changes could not be read (${String(error)})`;
      }
    };
    doc.on('afterTransaction', listen);
    try {
      Y.applyUpdate(doc, update, this.origin);
    } catch {
      return { changes, refused: [], malformed: 'the update cannot be applied to this document' };
    } finally {
      doc.off('afterTransaction', listen);
    }
    if (failure) return { changes, refused: [], malformed: failure };
    const refused = changes.filter((change) => !allowed(change, actor));
    const { pendingStructs, pendingDs } = doc.store;
    const incomplete =
      (pendingStructs !== null && pendingStructs !== pending[0]) ||
      (pendingDs !== null && pendingDs !== pending[1]);
    if (incomplete && refused.length === 0) return { changes, refused, incomplete };
    return { changes, refused };
  }
}

/**
 * Checks one update against `doc` without changing it (on a throw-away scratch
 * copy): what it changes and which changes `actor` may not make.
 */
export function checkUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  actor: WriteActor,
  options: CheckOptions = {},
): CheckResult {
  const checker = new UpdateChecker(doc);
  try {
    return checker.check(update, actor, options);
  } finally {
    checker.destroy();
  }
}

/** The permission-denied text for a refused update: what was refused and why, cut to `max` characters. */
export function refusalReason(result: CheckResult, max = 1000): string {
  if (result.malformed) return `refused: ${result.malformed}`;
  const parts = result.refused.map((c) =>
    c.problem ? `${c.what}: ${c.problem}` : `${c.what}: needs permission ${c.action}`,
  );
  const text = `refused: ${parts.join('; ')}`;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

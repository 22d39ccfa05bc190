import * as Y from 'yjs';
import { can } from '@fieldbook/shared';
import { kindOf } from '../schemaVersion';
import { annotationChanges } from './annotationRules';
import { contentChanges } from './contentRules';
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

/** Server changes of at least this size are mirrored to the scratch copy later (UpdateChecker.mirror). */
const MIRROR_LATER_BYTES = 64 * 1024;
/** How long after a large server change its mirror waits: past the change's commit and answer. */
const MIRROR_LATER_MS = 20;

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

/**
 * Checks updates to one document before anyone applies them, on a scratch
 * replica kept equal to `source` (the document as accepted so far). `check`
 * applies the update to the scratch copy only, lists what it changes in the
 * document's own terms (see the rule modules) and checks each change with the
 * permission matrix; when the update is refused, cannot be applied or is
 * incomplete, the scratch copy is rebuilt from `source`, so nothing of it
 * remains anywhere.
 * A caller that accepts an update must apply the same bytes to `source`
 * (and pass its own changes to `source` through `mirror`).
 */
export class UpdateChecker {
  private scratch: Y.Doc;
  private readonly origin = Symbol('update check');
  /** Server changes already in `source` and not yet in the scratch copy, oldest first. */
  private behind: Uint8Array[] = [];
  private catchUpTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly source: Y.Doc) {
    this.scratch = scratchOf(Y.encodeStateAsUpdate(source));
  }

  /** Checks `update` from `actor`; see CheckResult. Pure apart from the scratch copy. */
  check(update: Uint8Array, actor: WriteActor, options: CheckOptions = {}): CheckResult {
    this.catchUp();
    let structs: ReturnType<typeof Y.decodeUpdate>['structs'];
    try {
      structs = Y.decodeUpdate(update).structs;
    } catch {
      return { changes: [], refused: [], malformed: 'the update cannot be decoded' };
    }
    const problem = updateTextProblem(structs);
    if (problem) {
      const text: DocChange = {
        what: 'text in the update',
        action: null,
        problem: `text ${problem}`,
      };
      return { changes: [text], refused: [text] };
    }
    const result = this.apply(update, actor, options);
    if (result.malformed || result.refused.length > 0 || result.incomplete) this.rebuild();
    return result;
  }

  /**
   * Applies a change already made to `source` (a server change) to the scratch
   * copy too. A large one (a restore, a merge) is applied a moment later, off
   * the caller's path, or at the start of the next `check`, whichever is first;
   * until then later small ones wait behind it, in order.
   */
  mirror(update: Uint8Array): void {
    if (this.behind.length === 0 && update.byteLength < MIRROR_LATER_BYTES) {
      Y.applyUpdate(this.scratch, update);
      return;
    }
    this.behind.push(update);
    this.catchUpTimer ??= setTimeout(this.catchUp, MIRROR_LATER_MS);
  }

  /** Applies the server changes the scratch copy is behind on (see `mirror`). */
  private readonly catchUp = (): void => {
    if (this.catchUpTimer !== null) clearTimeout(this.catchUpTimer);
    this.catchUpTimer = null;
    if (this.behind.length === 0) return;
    const updates = this.behind;
    this.behind = [];
    if (this.scratch.isDestroyed) return;
    try {
      Y.transact(this.scratch, () => {
        for (const update of updates) Y.applyUpdate(this.scratch, update);
      });
    } catch {
      this.rebuild(); // off the caller's path nothing may throw; a copy of `source` is right too
    }
  };

  /** Frees the scratch copy. */
  destroy(): void {
    this.scratch.destroy();
  }

  private rebuild(): void {
    this.scratch.destroy();
    this.scratch = scratchOf(Y.encodeStateAsUpdate(this.source));
  }

  private apply(update: Uint8Array, actor: WriteActor, options: CheckOptions): CheckResult {
    const doc = this.scratch;
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

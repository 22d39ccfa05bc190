import type * as Y from 'yjs';
import type { DocKind } from '@fieldbook/shared';
import type { ModelOrigin } from './origin';
import { stampOf } from './origin';
import { SCHEMA_VERSION, kindOf, metaOf, schemaVersionOf } from './schemaVersion';
import { invalidOperation } from './validate';

/**
 * One upgrade step of a document from version N to N+1. It runs inside the
 * migrating transaction. Replicas may migrate the same document concurrently,
 * so a step must be idempotent and should write plain values rather than
 * create nested shared types at existing keys (a concurrent twin would win).
 */
export type Migration = (doc: Y.Doc) => void;

/** The result of `migrate`: the version found and the version the document now has. */
export interface MigrationResult {
  from: number;
  to: number;
}

/**
 * Upgrade steps keyed by (kind, fromVersion). Opening a document runs the
 * steps from its stored `schemaVersion` up to the target version, as one
 * forward change (one transaction, one update) that syncs like any edit.
 */
export class MigrationRegistry {
  private readonly steps = new Map<string, Migration>();
  private readonly targets: Record<DocKind, number>;

  /** `targets` is the version each kind is brought to (defaults to SCHEMA_VERSION). */
  constructor(targets: Partial<Record<DocKind, number>> = {}) {
    this.targets = { ...SCHEMA_VERSION, ...targets };
  }

  /** Registers the step that takes `kind` documents from `fromVersion` to `fromVersion + 1`. */
  register(kind: DocKind, fromVersion: number, step: Migration): this {
    const key = `${kind}@${fromVersion}`;
    if (this.steps.has(key)) throw invalidOperation(`Migration ${key} is already registered`);
    this.steps.set(key, step);
    return this;
  }

  /** The version `migrate` brings documents of `kind` to. */
  targetVersion(kind: DocKind): number {
    return this.targets[kind];
  }

  /**
   * Brings `doc` up to the target version of `kind`. Refuses (leaving the doc
   * untouched) a document of another kind, an empty one, one written by a newer
   * Fieldbook, or one for which a step is missing.
   */
  migrate(doc: Y.Doc, kind: DocKind, origin: ModelOrigin): MigrationResult {
    stampOf(origin);
    const actual = kindOf(doc);
    if (actual !== kind) {
      throw invalidOperation(`Cannot migrate: document kind is ${actual ?? 'empty'}, not ${kind}`, {
        expected: kind,
        actual,
      });
    }
    const from = schemaVersionOf(doc);
    const to = this.targets[kind];
    if (from > to) {
      throw invalidOperation(
        `This ${kind} document has schema version ${from}, newer than this Fieldbook reads (${to})`,
        { from, to },
      );
    }
    const plan: Migration[] = [];
    for (let v = Math.max(from, 1); v < to; v++) {
      const step = this.steps.get(`${kind}@${v}`);
      if (!step) throw invalidOperation(`No migration for ${kind} from version ${v}`, { from: v });
      plan.push(step);
    }
    if (from === to) return { from, to };
    doc.transact(() => {
      for (const step of plan) step(doc);
      metaOf(doc).set('schemaVersion', to);
    }, origin);
    return { from, to };
  }
}

/** The migrations this Fieldbook ships (every kind is at its first version, so none yet). */
export const migrations = new MigrationRegistry();

/** Upgrades `doc` with the shipped migrations; call when opening a document. */
export function migrate(doc: Y.Doc, kind: DocKind, origin: ModelOrigin): MigrationResult {
  return migrations.migrate(doc, kind, origin);
}

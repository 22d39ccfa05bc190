import { readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { FieldbookError } from '@fieldbook/shared';
import { parseAuditKeys, type AuditKey } from '../audit/keys';
import type { Env } from './env';

/** Keys and publication of the audit trail (src/audit). */
export interface AuditConfig {
  /** HMAC keys, the current one first; empty: derive one from the server secret. */
  keys: AuditKey[];
  /** Ed25519 private key (PEM) that signs checkpoints; undefined: derive one from the server secret. */
  signingKeyPem: string | undefined;
  checkpointIntervalMs: number;
  /** Append-only JSON-lines file of checkpoints, outside DATA_DIR. */
  checkpointFile: string | undefined;
  /** URL each round of checkpoints is POSTed to. */
  checkpointUrl: string | undefined;
  /** RFC 3161 time-stamp authority for checkpoints. */
  tsaUrl: string | undefined;
  /** The TSA's trust anchors (PEM); without them a token is checked against the certificate it carries. */
  tsaCaPem: string | undefined;
}

/** A VALIDATION_ERROR naming the setting and what is wrong with it. */
const invalid = (name: string, message: string) =>
  new FieldbookError('VALIDATION_ERROR', `Invalid configuration: ${name}: ${message}`);

/** The real path of `path`, or of its nearest existing ancestor joined with the rest. */
function realish(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : resolve(realish(parent), relative(parent, abs));
  }
}

/** Refuses a path inside DATA_DIR: what anchors the audit trail must not live beside the database. */
function outsideDataDir(
  name: string,
  path: string | undefined,
  dataDir: string,
): string | undefined {
  if (path === undefined) return undefined;
  const rel = relative(realish(dataDir), realish(path));
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
    throw invalid(
      name,
      `must be outside DATA_DIR (${dataDir}), so it is not copied, restored or rewritten with the database`,
    );
  }
  return path;
}

/** The text of the file a setting names (undefined: unset); unreadable: a VALIDATION_ERROR naming it. */
function readSetting(name: string, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw invalid(name, `cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * The audit trail's settings: its keys (inline or from a file, not both), its
 * signing key and checkpoint files (all outside DATA_DIR) and where checkpoints go.
 */
export function auditConfig(e: Env): AuditConfig {
  if (e.AUDIT_KEYS && e.AUDIT_KEY_FILE)
    throw invalid('AUDIT_KEYS', 'set AUDIT_KEYS or AUDIT_KEY_FILE, not both');
  const keyFile = outsideDataDir('AUDIT_KEY_FILE', e.AUDIT_KEY_FILE, e.DATA_DIR);
  const keyText = e.AUDIT_KEYS ?? readSetting('AUDIT_KEY_FILE', keyFile);
  const signingFile = outsideDataDir(
    'AUDIT_SIGNING_KEY_FILE',
    e.AUDIT_SIGNING_KEY_FILE,
    e.DATA_DIR,
  );
  return {
    keys:
      keyText === undefined
        ? []
        : parseAuditKeys(keyText, e.AUDIT_KEYS ? 'AUDIT_KEYS' : 'AUDIT_KEY_FILE'),
    signingKeyPem: readSetting('AUDIT_SIGNING_KEY_FILE', signingFile),
    checkpointIntervalMs: e.AUDIT_CHECKPOINT_INTERVAL_MS,
    checkpointFile: outsideDataDir('AUDIT_CHECKPOINT_FILE', e.AUDIT_CHECKPOINT_FILE, e.DATA_DIR),
    checkpointUrl: e.AUDIT_CHECKPOINT_URL,
    tsaUrl: e.AUDIT_TSA_URL,
    tsaCaPem: readSetting('AUDIT_TSA_CA_FILE', e.AUDIT_TSA_CA_FILE),
  };
}

import { createHash, hkdfSync } from 'node:crypto';
import { FieldbookError } from '@fieldbook/shared';

/** One HMAC key of the audit chain, named by an id that is stored with every entry it seals. */
export interface AuditKey {
  id: string;
  secret: Buffer;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const MIN_KEY_BYTES = 32;

/**
 * The keys that seal audit entries. `current` seals every new entry; the
 * others stay so entries sealed before a rotation still verify. `derived`
 * says the key came from the server secret rather than its own setting.
 */
export class AuditKeyRing {
  private readonly byId: Map<string, AuditKey>;

  constructor(
    readonly current: AuditKey,
    others: readonly AuditKey[] = [],
    readonly derived = false,
  ) {
    this.byId = new Map([current, ...others].map((k) => [k.id, k]));
  }

  /** The key named `id`, or undefined when this server does not hold it. */
  get(id: string): AuditKey | undefined {
    return this.byId.get(id);
  }

  /** The ids of every key held, current first. */
  ids(): string[] {
    return [...this.byId.keys()];
  }
}

/**
 * Parses `id:base64` entries separated by commas or new lines (`#` starts a
 * comment) — the format of AUDIT_KEYS and of AUDIT_KEY_FILE. The first entry
 * is the current key. Each key holds at least 32 bytes; ids are unique.
 */
export function parseAuditKeys(text: string, where: string): AuditKey[] {
  const bad = (message: string) =>
    new FieldbookError('VALIDATION_ERROR', `Invalid configuration: ${where}: ${message}`);
  const entries = text
    .split(/[\n,]/)
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
  if (entries.length === 0) throw bad('no keys (expected id:base64, the current key first)');
  const keys = entries.map((entry, i) => {
    const colon = entry.indexOf(':');
    const id = entry.slice(0, colon);
    if (colon < 0 || !KEY_ID.test(id))
      throw bad(`entry ${i + 1}: expected id:base64 with an id of letters, digits, . _ -`);
    const secret = Buffer.from(entry.slice(colon + 1).trim(), 'base64');
    if (secret.length < MIN_KEY_BYTES)
      throw bad(`key ${id}: at least ${MIN_KEY_BYTES} bytes (openssl rand -base64 32)`);
    return { id, secret };
  });
  const ids = new Set(keys.map((k) => k.id));
  if (ids.size !== keys.length) throw bad('key ids must be unique');
  return keys;
}

/**
 * A key derived from the server secret (HKDF-SHA256), for servers without
 * AUDIT_KEYS: still outside the database, but it changes with the secret. Its
 * id carries a fingerprint, so entries sealed under another secret are named
 * as such by verification instead of looking forged.
 */
export function derivedAuditKey(secret: string): AuditKey {
  const key = Buffer.from(hkdfSync('sha256', secret, 'fieldbook', 'audit-chain-hmac', 32));
  const fingerprint = createHash('sha256').update(key).digest('hex').slice(0, 12);
  return { id: `derived-${fingerprint}`, secret: key };
}

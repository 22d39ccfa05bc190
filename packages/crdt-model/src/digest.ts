import { toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';

/**
 * A document's state encoded in one canonical form. Two replicas holding the
 * same state can encode it differently: the bytes depend on how the items
 * arrived (one update, or one keystroke at a time, kept as separate items).
 * Applying the state to a fresh doc in one transaction lets Yjs merge every
 * item that can merge, so equal states give equal bytes (digest.test.ts
 * checks this for replicas that received the same edits in different orders).
 */
export function canonicalState(doc: Y.Doc): Uint8Array {
  const fresh = new Y.Doc();
  try {
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(doc));
    return Y.encodeStateAsUpdate(fresh);
  } finally {
    fresh.destroy();
  }
}

/** A document's state vector (base64) and the sha256 (hex) of its canonical state. */
export interface DocDigest {
  readonly stateVector: string;
  readonly sha256: string;
}

/**
 * The digest a client and the server compare to verify their copies are
 * identical: state vectors first (who holds which edits), then the hash of
 * the canonical state (the same edits, with the same content and removals).
 * Uses Web Crypto, present in browsers, Electron and Node.
 */
export async function documentDigest(doc: Y.Doc): Promise<DocDigest> {
  const stateVector = toBase64(Y.encodeStateVector(doc));
  const hash = await crypto.subtle.digest('SHA-256', new Uint8Array(canonicalState(doc)));
  const sha256 = Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('');
  return { stateVector, sha256 };
}

import {
  createHash,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { FieldbookError } from '@fieldbook/shared';

/**
 * PKCS#8 of an Ed25519 private key is this fixed prefix and the 32-byte seed
 * (RFC 8410 §7: SEQUENCE { version 0, AlgorithmIdentifier id-Ed25519
 * (1.3.101.112), OCTET STRING { OCTET STRING seed } }).
 */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The published half of the checkpoint key: what anyone needs to check a checkpoint. */
export interface CheckpointPublicKey {
  /** `ed25519-` + the first 16 hex digits of sha256 of the raw public key. */
  keyId: string;
  algorithm: 'Ed25519';
  jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  pem: string;
}

/** Signs checkpoints with an Ed25519 key held outside the database. */
export interface CheckpointSigner {
  publicKey: CheckpointPublicKey;
  /** True when the key was derived from the server secret instead of AUDIT_SIGNING_KEY_FILE. */
  derived: boolean;
  /** The Ed25519 signature of `data`, base64url. */
  sign(data: string): string;
}

/** The published form of an Ed25519 public key. */
export function describePublicKey(key: KeyObject): CheckpointPublicKey {
  const jwk = key.export({ format: 'jwk' }) as { x: string };
  const raw = Buffer.from(jwk.x, 'base64url');
  return {
    keyId: `ed25519-${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`,
    algorithm: 'Ed25519',
    jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
    pem: key.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

function signerOf(privateKey: KeyObject, derived: boolean): CheckpointSigner {
  return {
    publicKey: describePublicKey(createPublicKey(privateKey)),
    derived,
    sign: (data) => sign(null, Buffer.from(data, 'utf8'), privateKey).toString('base64url'),
  };
}

/** A signer on an Ed25519 private key in PEM (PKCS#8), e.g. `openssl genpkey -algorithm ed25519`. */
export function signerFromPem(pem: string, where: string): CheckpointSigner {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new FieldbookError(
      'VALIDATION_ERROR',
      `Invalid configuration: ${where}: not a PEM private key`,
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new FieldbookError(
      'VALIDATION_ERROR',
      `Invalid configuration: ${where}: an Ed25519 key is required (openssl genpkey -algorithm ed25519)`,
    );
  }
  return signerOf(key, false);
}

/**
 * A signer whose Ed25519 seed is derived from the server secret (HKDF-SHA256),
 * for servers without AUDIT_SIGNING_KEY_FILE.
 */
export function derivedSigner(secret: string): CheckpointSigner {
  const seed = Buffer.from(hkdfSync('sha256', secret, 'fieldbook', 'audit-checkpoint-ed25519', 32));
  const der = Buffer.concat([ED25519_PKCS8_PREFIX, seed]);
  return signerOf(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }), true);
}

/** Whether `signature` (base64url) is `publicKey`'s Ed25519 signature of `data`. */
export function verifySignature(
  publicKey: CheckpointPublicKey,
  data: string,
  signature: string,
): boolean {
  try {
    const key = createPublicKey({ key: publicKey.jwk, format: 'jwk' });
    return verify(null, Buffer.from(data, 'utf8'), key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

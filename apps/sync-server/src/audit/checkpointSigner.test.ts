import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { derivedSigner, signerFromPem, verifySignature } from './checkpointSigner';

describe('checkpoint signers', () => {
  it('derives the same Ed25519 key from the same secret as every earlier release did', () => {
    // Checkpoints signed before an upgrade must still verify after it: the key is pinned.
    const signer = derivedSigner('a server secret of some length 123');
    expect(signer.derived).toBe(true);
    expect(signer.publicKey.keyId).toBe('ed25519-406bedce6ccd3af1');
    expect(signer.publicKey.jwk.x).toBe('HsUuD6Rk3eYUrwoI4JEL58MkFr-koETCOMp4YqQjE70');
    expect(derivedSigner('another secret, also long enough').publicKey.keyId).not.toBe(
      signer.publicKey.keyId,
    );
  });

  it('signs so that the published key verifies, and nothing else does', () => {
    const signer = derivedSigner('a server secret of some length 123');
    const signature = signer.sign('chain head 42');
    expect(verifySignature(signer.publicKey, 'chain head 42', signature)).toBe(true);
    expect(verifySignature(signer.publicKey, 'chain head 43', signature)).toBe(false);
    const { privateKey } = generateKeyPairSync('ed25519');
    const other = signerFromPem(
      privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      'k',
    );
    expect(verifySignature(other.publicKey, 'chain head 42', signature)).toBe(false);
  });
});

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deriveKey } from '../identity/secrets';

/**
 * Seals webhook signing secrets at rest (AES-256-GCM under a key derived from
 * the server secret), so a copy of integrations.db alone cannot sign as us.
 */
export class SecretBox {
  private readonly key: Uint8Array;

  constructor(serverSecret: string) {
    this.key = deriveKey(serverSecret, 'webhook-secrets');
  }

  /** `iv.tag.ciphertext`, base64url parts. */
  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
  }

  /** The secret `seal` produced; throws when it was sealed under another key or altered. */
  open(sealed: string): string {
    const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv!);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
  }
}

import { SignJWT, errors, jwtVerify } from 'jose';
import { FieldbookError } from '@fieldbook/shared';
import { deriveKey } from './secrets';

/** The claims of an access token. */
export interface AccessClaims {
  userId: string;
  tenantId: string;
  sessionId: string;
  /** Epoch ms at which the token stops being accepted. */
  expiresAt: number;
}

const ISSUER = 'fieldbook';
const AUDIENCE = 'fieldbook-api';

/** Signs and checks short-lived access tokens (HS256 JWT, key derived from FIELDBOOK_SECRET). */
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    /** Lifetime in seconds; at most 15 minutes. */
    private readonly ttlSeconds: number,
  ) {
    if (ttlSeconds <= 0 || ttlSeconds > 900)
      throw new RangeError('access token lifetime must be 1…900 s');
    this.key = deriveKey(secret, 'access-token');
  }

  /** A signed token for one session of one user. */
  async sign(
    claims: { userId: string; tenantId: string; sessionId: string },
    now: number,
  ): Promise<{ token: string; expiresAt: number }> {
    const iat = Math.floor(now / 1000);
    const exp = iat + this.ttlSeconds;
    const token = await new SignJWT({ tid: claims.tenantId, sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: exp * 1000 };
  }

  /** The claims of a valid token; AUTH_TOKEN_EXPIRED or AUTH_TOKEN_INVALID otherwise. */
  async verify(token: string, now: number): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: new Date(now),
        clockTolerance: 0,
      });
      const { sub, tid, sid, exp } = payload;
      if (
        typeof sub !== 'string' ||
        typeof tid !== 'string' ||
        typeof sid !== 'string' ||
        typeof exp !== 'number'
      ) {
        throw new FieldbookError('AUTH_TOKEN_INVALID', 'Invalid access token');
      }
      return { userId: sub, tenantId: tid, sessionId: sid, expiresAt: exp * 1000 };
    } catch (err) {
      if (err instanceof FieldbookError) throw err;
      if (err instanceof errors.JWTExpired)
        throw new FieldbookError('AUTH_TOKEN_EXPIRED', 'Access token expired');
      throw new FieldbookError('AUTH_TOKEN_INVALID', 'Invalid access token');
    }
  }
}

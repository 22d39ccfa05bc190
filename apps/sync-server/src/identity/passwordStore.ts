/** A single-use password-reset link an administrator issued for a user (stored as a token hash). */
export interface PasswordReset {
  id: string;
  tenantId: string;
  userId: string;
  tokenHash: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

/**
 * Storage of password changes and password-reset links. A new password and
 * the end of the user's other sessions happen together (one transaction), so
 * a stolen session never outlives the password change meant to end it.
 */
export interface PasswordStore {
  /**
   * Sets a user's password hash, clears their lockout and revokes their live
   * sessions except `keepSessionId`; returns the ids of the sessions revoked.
   * Null when no such user in the tenant (nothing changes then).
   */
  changePassword(
    tenantId: string,
    userId: string,
    passwordHash: string,
    options: { keepSessionId: string | null; reason: string; now: number },
  ): Promise<string[] | null>;
  /** Stores a reset link; the user's earlier links still pending end at `reset.createdAt`. */
  createPasswordReset(reset: PasswordReset): Promise<void>;
  /** The live (unused, unexpired at `now`) reset link of a token hash, across tenants; else null. */
  findPasswordReset(tokenHash: string, now: number): Promise<PasswordReset | null>;
  /**
   * Atomically uses a live reset link: marks it used, sets the user's new
   * password hash, clears their lockout and revokes every session of theirs.
   * Null when the token is unknown, used or expired (nothing changes then).
   */
  usePasswordReset(
    tokenHash: string,
    passwordHash: string,
    now: number,
  ): Promise<{ reset: PasswordReset; revokedSessions: string[] } | null>;
}

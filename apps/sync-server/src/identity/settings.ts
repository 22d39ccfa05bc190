/** Lifetimes and thresholds of the identity layer. */
export interface IdentitySettings {
  /** Access-token lifetime in seconds (≤ 900). */
  accessTokenTtlSeconds: number;
  /** How long a sign-in (refresh-token family) lives, in ms. */
  sessionTtlMs: number;
  /** Failed sign-ins in a row that lock an account (seed 002). */
  lockoutThreshold: number;
  /** How long a lock lasts, in ms (seed 002: 15 minutes). */
  lockoutMs: number;
  /** Sync-ticket lifetime in ms (≤ 60 s). */
  ticketTtlMs: number;
  /** Default invitation lifetime in ms. */
  invitationTtlMs: number;
  /** How often API-key last-used times are written, in ms. */
  keyTouchIntervalMs: number;
  /** How long a password-reset link works, in ms. */
  passwordResetTtlMs: number;
}

export const DEFAULT_IDENTITY_SETTINGS: IdentitySettings = {
  accessTokenTtlSeconds: 900,
  sessionTtlMs: 30 * 24 * 3600 * 1000,
  lockoutThreshold: 5,
  lockoutMs: 15 * 60 * 1000,
  ticketTtlMs: 60_000,
  invitationTtlMs: 7 * 24 * 3600 * 1000,
  keyTouchIntervalMs: 10_000,
  passwordResetTtlMs: 24 * 3600 * 1000,
};

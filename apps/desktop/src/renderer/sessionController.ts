import { FieldbookError, isFieldbookError } from '@fieldbook/shared';
import type { AppStateStore } from './appState';
import { ServerApi, normalizeServerUrl, tokensOf, type SignedIn } from './session/serverApi';
import { localSession, saveSession, type Session } from './session/session';

/** How long before expiry the access token is renewed. */
const REFRESH_AHEAD_MS = 60_000;

/**
 * Sign-in, sign-up, "work offline", and keeping the access token fresh. Holds
 * the session the rest of the app reads, and saves it for the next start.
 */
export class SessionController {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private renewing: Promise<boolean> | null = null;

  constructor(
    private readonly store: AppStateStore,
    private readonly onSession: (session: Session | null) => void,
  ) {}

  /** The current session, or null. */
  get session(): Session | null {
    return this.store.get().session;
  }

  /** The REST client for the signed-in server, or null for a local profile. */
  api(): ServerApi | null {
    const s = this.session;
    return s?.kind === 'server' ? new ServerApi(s.serverUrl, () => this.accessToken()) : null;
  }

  /** The current access token ('' for a local profile). */
  accessToken(): string {
    const s = this.session;
    return s?.kind === 'server' ? s.tokens.accessToken : '';
  }

  /** Adopts a session (restored, signed in, or offline) and starts keeping it fresh. */
  enter(session: Session): void {
    saveSession(session);
    this.store.update({ session, refusal: null, error: null });
    this.schedule(session);
    this.onSession(session);
  }

  private fromReply(serverUrl: string, reply: SignedIn): Session {
    return {
      kind: 'server',
      profileId: reply.user.id,
      serverUrl,
      userId: reply.user.id,
      userName: reply.user.name,
      email: reply.user.email,
      tokens: tokensOf(reply),
    };
  }

  /** Signs in to a server. */
  async signIn(input: { serverUrl: string; email: string; password: string }): Promise<void> {
    const serverUrl = normalizeServerUrl(input.serverUrl);
    const reply = await new ServerApi(serverUrl).login({
      email: input.email,
      password: input.password,
    });
    this.enter(this.fromReply(serverUrl, reply));
  }

  /** Creates a new organization (tenant) with this user as admin, and signs in. */
  async signUp(input: {
    serverUrl: string;
    tenant: string;
    name: string;
    email: string;
    password: string;
  }): Promise<void> {
    const serverUrl = normalizeServerUrl(input.serverUrl);
    const { serverUrl: _, ...body } = input;
    const reply = await new ServerApi(serverUrl).signup(body);
    this.enter(this.fromReply(serverUrl, reply));
  }

  /** Uses the app with a local profile and no account. */
  workOffline(userName: string): void {
    this.enter(localSession(userName));
  }

  /** Leaves the session (local copies stay on this machine). */
  signOut(): void {
    if (this.timer) clearTimeout(this.timer);
    saveSession(null);
    this.store.update({ session: null, refusal: null });
    this.onSession(null);
  }

  private schedule(session: Session): void {
    if (this.timer) clearTimeout(this.timer);
    if (session.kind !== 'server') return;
    const wait = Math.max(session.tokens.expiresAt - REFRESH_AHEAD_MS - Date.now(), 0);
    this.timer = setTimeout(() => void this.renew(), wait);
  }

  /**
   * Trades the refresh token for a new pair. True when a fresh token is in
   * place; false when the server refused (the session has ended, the UI says
   * so) or cannot be reached (retried later).
   */
  renew(): Promise<boolean> {
    this.renewing ??= this.doRenew().finally(() => (this.renewing = null));
    return this.renewing;
  }

  private async doRenew(): Promise<boolean> {
    const s = this.session;
    if (s?.kind !== 'server') return false;
    try {
      const reply = await new ServerApi(s.serverUrl).refresh(s.tokens.refreshToken);
      const next: Session = { ...s, tokens: tokensOf(reply), userName: reply.user.name };
      saveSession(next);
      this.store.update({ session: next });
      this.schedule(next);
      return true;
    } catch (err) {
      if (isFieldbookError(err) && err.code === 'SERVICE_UNAVAILABLE') {
        this.timer = setTimeout(() => void this.renew(), 15_000);
        return false;
      }
      this.store.update({ refusal: 'session-expired' });
      return false;
    }
  }
}

/** A user-facing sentence for a failed sign-in. */
export function signInProblem(err: unknown): string {
  if (!(err instanceof FieldbookError)) return 'Signing in failed.';
  if (err.code === 'AUTH_INVALID_CREDENTIALS') return 'Wrong email or password.';
  if (err.code === 'SERVICE_UNAVAILABLE') return `${err.message}.`;
  return err.message;
}

import { z } from 'zod';

/** Access and refresh token of a signed-in user, as the server issued them. */
export interface Tokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Epoch ms when the access token stops working. */
  readonly expiresAt: number;
}

/**
 * Who is using the app. `local`: a profile on this machine with no account,
 * nothing syncs. `server`: signed in to a sync server. Each profile keeps its
 * own local copies of documents (its own IndexedDB databases).
 */
export type Session =
  | { readonly kind: 'local'; readonly profileId: string; readonly userName: string }
  | {
      readonly kind: 'server';
      readonly profileId: string;
      readonly serverUrl: string;
      readonly userId: string;
      readonly userName: string;
      readonly email: string;
      readonly tokens: Tokens;
    };

const TokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresAt: z.number(),
});

const SessionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local'), profileId: z.string().min(1), userName: z.string() }),
  z.object({
    kind: z.literal('server'),
    profileId: z.string().min(1),
    serverUrl: z.string().url(),
    userId: z.string().min(1),
    userName: z.string(),
    email: z.string(),
    tokens: TokensSchema,
  }),
]);

const SESSION_KEY = 'fieldbook.session';

/** The session saved by the last sign-in on this machine, or null. A damaged entry counts as none. */
export function loadSession(storage: Storage = localStorage): Session | null {
  const raw = storage.getItem(SESSION_KEY);
  if (!raw) return null;
  try {
    const parsed = SessionSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Remembers the session (tokens included) so a reload, or a start without network, keeps it. */
export function saveSession(session: Session | null, storage: Storage = localStorage): void {
  if (session) storage.setItem(SESSION_KEY, JSON.stringify(session));
  else storage.removeItem(SESSION_KEY);
}

/** The local profile a user gets with "Work offline". */
export function localSession(userName: string): Session {
  return { kind: 'local', profileId: 'local', userName: userName.trim() || 'Me' };
}

// White initials on each stay readable (WCAG AA contrast >= 4.5).
const PALETTE = ['#c2410c', '#1971c2', '#237032', '#9c36b5', '#b54708', '#0b7285', '#c2255c'];

/** A stable colour for a user, used for their cursor and avatar on every screen. */
export function userColor(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}

/** The user's initials for an avatar, e.g. "AL" for "Ada Lovelace". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    parts.length > 1 ? parts[0]![0]! + parts.at(-1)![0]! : (parts[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}

/** The id changes are recorded under: the account, or the local profile. */
export function actorId(session: Session): string {
  return session.kind === 'server' ? session.userId : `local:${session.profileId}`;
}

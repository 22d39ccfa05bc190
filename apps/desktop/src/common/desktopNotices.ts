import type { Notification } from '@fieldbook/shared';

/** What a desktop notification shows: the app's notification id, a title and a short body. */
export interface DesktopNotice {
  readonly id: string;
  readonly title: string;
  readonly body: string;
}

/** The longest title and body a desktop notice carries (the OS cuts them shorter anyway). */
export const NOTICE_TITLE_MAX = 200;
export const NOTICE_BODY_MAX = 500;

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/**
 * Decides which of the notifications an open app hears live become desktop
 * notifications: only while the user's preference is on, only unread ones
 * made in the last `maxAgeMs` (a reconnect's backlog is for the bell, not a
 * burst of pop-ups), and each at most once (the live stream and a second
 * tab may tell the same one twice). Plain logic: the renderer raises what
 * it answers through main (Electron) or the browser's Notification API.
 */
export class DesktopNoticeGate {
  private readonly seen = new Set<string>();

  constructor(
    private readonly options: {
      /** The user's preference, read at each decision. */
      enabled: () => boolean;
      maxAgeMs?: number;
      /** How many ids it remembers for dedupe. */
      remember?: number;
      now?: () => number;
    },
  ) {}

  /** The notice to raise for `n`, or null. */
  decide(n: Notification): DesktopNotice | null {
    if (this.seen.has(n.id)) return null;
    this.seen.add(n.id);
    if (this.seen.size > (this.options.remember ?? 500)) {
      this.seen.delete(this.seen.values().next().value!);
    }
    if (!this.options.enabled() || n.readAt !== null) return null;
    const now = (this.options.now ?? Date.now)();
    if (now - n.createdAt > (this.options.maxAgeMs ?? 120_000)) return null;
    return {
      id: n.id,
      title: clip(n.title, NOTICE_TITLE_MAX),
      body: clip(n.body, NOTICE_BODY_MAX),
    };
  }
}

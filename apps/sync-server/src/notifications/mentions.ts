import type { IdentityStore } from '../identity/identityStore';
import type { Membership } from '../identity/types';

/** A workspace member with what @handles match against. */
export type Member = Membership & { email: string; name: string };

const MAX_MEMBERS = 2000;

/** The workspace's members (up to 2,000), page by page. */
export async function membersOf(
  identity: IdentityStore,
  tenantId: string,
  workspaceId: string,
): Promise<Member[]> {
  const out: Member[] = [];
  let cursor: string | null = null;
  do {
    const page = await identity.listMembers(tenantId, workspaceId, cursor, 200);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && out.length < MAX_MEMBERS);
  return out;
}

/** One `@handle` in a text: the handle in lower case and where the whole `@handle` stands. */
export interface MentionMatch {
  handle: string;
  start: number;
  end: number;
}

/** Every `@handle` in `text`, in order (not after a letter or digit, so e-mail addresses are not mentions). */
export function mentionMatches(text: string): MentionMatch[] {
  return [...text.matchAll(/(?<![\p{L}\p{N}._-])@([\p{L}\p{N}._-]{2,64})/gu)].map((m) => ({
    handle: m[1]!.toLowerCase().replace(/[._-]+$/, ''),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** The `@handles` in `text`, lower case. */
export function mentionsIn(text: string): Set<string> {
  return new Set(mentionMatches(text).map((m) => m.handle));
}

/** Whether `member` answers to one of `handles`: e-mail local part, name without spaces, or first name. */
export function mentioned(member: Member, handles: ReadonlySet<string>): boolean {
  const name = member.name.toLowerCase();
  return [
    member.email.split('@')[0]!.toLowerCase(),
    name.replace(/\s+/g, ''),
    name.split(/\s+/)[0]!,
  ].some((h) => h && handles.has(h));
}

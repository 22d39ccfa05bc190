// Words the team screens share: roles, what each adds, times.
import { ROLES, type Role } from '@fieldbook/shared';

/** Each role's name as the screens show it. */
export const ROLE_LABEL: Record<Role, string> = {
  viewer: 'Viewer',
  contributor: 'Contributor',
  reviewer: 'Reviewer',
  admin: 'Admin',
};

/** What a role adds to the one below it (the permission matrix in words). */
const ROLE_ADDS: Record<Role, string> = {
  viewer: 'read every note, chart and annotation',
  contributor: 'create documents and annotations and edit their own',
  reviewer: 'edit everyone’s documents and approve annotations',
  admin: 'manage members, API keys, the audit trail and workspace settings',
};

/** The role choices for a Select, each with a one-line summary. */
export const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r], text: r }));

/** A sentence for the role's reach: "Can read every note…". */
export function roleSummary(role: Role): string {
  const upTo = ROLES.slice(0, ROLES.indexOf(role) + 1).map((r) => ROLE_ADDS[r]);
  return `Can ${upTo.join('; ')}.`;
}

/** What a person loses going from `from` down to `to`; empty when nothing (same or higher). */
export function lostByDemotion(from: Role, to: Role): string[] {
  return ROLES.slice(ROLES.indexOf(to) + 1, ROLES.indexOf(from) + 1).map((r) => ROLE_ADDS[r]);
}

/** "just now", "5 min ago", "3 h ago", or the date for older times; "Never" for null. */
export function sinceText(at: number | null | undefined, now = Date.now()): string {
  if (at === null || at === undefined) return 'Never';
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return 'Just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ago`;
  return new Date(at).toLocaleDateString();
}

/** A local date and time, e.g. for expiry. */
export function whenText(at: number): string {
  return new Date(at).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

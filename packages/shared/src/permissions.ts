import { z } from 'zod';

/** Workspace roles, weakest first; each role holds every right of the ones before it. */
export const ROLES = ['viewer', 'contributor', 'reviewer', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Capabilities granted beside a role; `operator` may control instruments. */
export const CAPABILITIES = ['operator'] as const;
export const CapabilitySchema = z.enum(CAPABILITIES);
export type Capability = z.infer<typeof CapabilitySchema>;

/** What a principal holds in one workspace: its role and extra capabilities. */
export interface Grant {
  role: Role;
  capabilities: readonly Capability[];
}

interface Rule {
  /** The weakest role allowed. */
  minRole: Role;
  /** Below this role the action is allowed only on the principal's own resources. */
  allRequires?: Role;
  /** A capability required in addition to the role. */
  capability?: Capability;
}

/**
 * The permission matrix: the one place that says who may do what. The server
 * enforces it on every REST route and socket message; the UI reads it to hide
 * what a user cannot do. Seed 000's roles, plus the operator capability.
 */
export const PERMISSIONS = {
  'workspace.read': { minRole: 'viewer' },
  'workspace.update': { minRole: 'admin' },
  'workspace.archive': { minRole: 'admin' },
  'workspace.export': { minRole: 'viewer' },
  'workspace.import': { minRole: 'reviewer' },
  'members.read': { minRole: 'viewer' },
  'members.manage': { minRole: 'admin' },
  'apiKeys.manage': { minRole: 'admin' },
  'webhooks.manage': { minRole: 'admin' },
  /** Alert rules on annotation patterns: create, change, mute, delete, read firings. */
  'alerts.manage': { minRole: 'admin' },
  'audit.read': { minRole: 'admin' },
  'document.read': { minRole: 'viewer' },
  'document.create': { minRole: 'contributor' },
  /** Listing changes (rename, move, tag an index entry): one's own, or everyone's from reviewer up. */
  'document.edit': { minRole: 'contributor', allRequires: 'reviewer' },
  /**
   * A note's title, body, tags and attachments, a chart's panels and a collection's name:
   * every contributor, whoever made the document (seed 003: members edit all notes and
   * delete only their own). A notebook page and a chart layout are shared work, each edit is
   * attributed in history and the audit trail, and removing a document (`document.trash`)
   * stays own-only below reviewer.
   */
  'document.editContent': { minRole: 'contributor' },
  'document.trash': { minRole: 'contributor', allRequires: 'reviewer' },
  'document.delete': { minRole: 'admin' },
  'annotation.create': { minRole: 'contributor' },
  'annotation.edit': { minRole: 'contributor', allRequires: 'reviewer' },
  'annotation.approve': { minRole: 'reviewer' },
  'annotation.delete': { minRole: 'admin' },
  'comment.create': { minRole: 'contributor' },
  'comment.edit': { minRole: 'contributor', allRequires: 'admin' },
  /** Deleting a comment: one's own (like editing it); anyone's as admin. */
  'comment.delete': { minRole: 'contributor', allRequires: 'admin' },
  'comment.resolve': { minRole: 'contributor', allRequires: 'reviewer' },
  'version.read': { minRole: 'viewer' },
  'version.create': { minRole: 'contributor' },
  'version.restore': { minRole: 'reviewer' },
  /** Forking an annotation collection at a version into a new document (a branch). */
  'branch.create': { minRole: 'contributor' },
  /** Merging a branch back into its source: a forward change to everyone's annotations, like a restore. */
  'branch.merge': { minRole: 'reviewer' },
  'search.query': { minRole: 'viewer' },
  /** Rebuilding a workspace's search index from its documents (heavy, admin only). */
  'search.rebuild': { minRole: 'admin' },
  /** Read (download, preview) the workspace's attachments. */
  'attachment.read': { minRole: 'viewer' },
  /** Upload attachments (content-addressed blobs) to the workspace. */
  'attachment.upload': { minRole: 'contributor' },
  'telemetry.read': { minRole: 'viewer' },
  'instrument.read': { minRole: 'viewer' },
  'instrument.command': { minRole: 'contributor', capability: 'operator' },
  'instrument.approveCommand': { minRole: 'contributor', capability: 'operator' },
  /** Sync socket: sync step 1, awareness and query-awareness. */
  'sync.read': { minRole: 'viewer' },
  /** Sync socket: sync step 2 and update messages (document content changes). */
  'sync.write': { minRole: 'contributor' },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/** Where the resource an action touches came from, for own-versus-all rules. */
export interface ActionContext {
  /** True when the principal created the resource (note, annotation, comment). */
  own?: boolean;
}

/** Compares roles: positive when `a` is stronger than `b`. */
export function compareRoles(a: Role, b: Role): number {
  return ROLES.indexOf(a) - ROLES.indexOf(b);
}

/**
 * Whether a principal with `grant` (null: not a member) may perform `action`.
 * Own-only rules pass when `ctx.own` is true, or when the role is strong
 * enough to act on everyone's resources.
 */
export function can(grant: Grant | null, action: Action, ctx: ActionContext = {}): boolean {
  if (!grant) return false;
  const rule: Rule = PERMISSIONS[action];
  if (compareRoles(grant.role, rule.minRole) < 0) return false;
  if (rule.capability && !grant.capabilities.includes(rule.capability)) return false;
  if (rule.allRequires && !ctx.own && compareRoles(grant.role, rule.allRequires) < 0) return false;
  return true;
}

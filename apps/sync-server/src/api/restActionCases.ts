import type { Action } from '@fieldbook/shared';

/** What a case needs prepared by the workspace's admin before the request. */
export type CasePrecondition =
  'targetIsMember' | 'targetIsNotMember' | 'workspaceKeyExists' | 'none';

/** Ids a case's request refers to. */
export interface CaseFixture {
  workspaceId: string;
  /** A user of the tenant the case acts upon (add, change, remove). */
  targetUserId: string;
  /** A key scoped to the workspace (for revocation). */
  workspaceKeyId: string;
  /** A valid `.fieldbook` file of the workspace (for import). */
  workspaceFile: Uint8Array;
  /** The sha256 of an attachment uploaded to the workspace by its admin. */
  blobSha256: string;
}

/** One REST route guarded by one action of the permission matrix. */
export interface RestActionCase {
  action: Action;
  name: string;
  precondition: CasePrecondition;
  request(fx: CaseFixture): { method: string; path: string; body?: unknown };
}

/**
 * Every REST route that is authorized by a workspace action, with the action
 * that guards it. The authorization-matrix tests cross this table with every
 * role and expect exactly what `can()` says. Routes of later issues (documents,
 * search, export, telemetry, instruments, webhooks) join by adding rows.
 */
export const REST_ACTION_CASES: RestActionCase[] = [
  {
    action: 'workspace.export',
    name: 'GET workspace export (.fieldbook)',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/workspaces/${f.workspaceId}/export` }),
  },
  {
    action: 'workspace.import',
    name: 'POST workspace import (.fieldbook)',
    precondition: 'none',
    request: (f) => ({
      method: 'POST',
      path: `/workspaces/${f.workspaceId}/import`,
      body: f.workspaceFile,
    }),
  },
  {
    action: 'workspace.export',
    name: 'GET workspace export (.eln)',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/workspaces/${f.workspaceId}/export?format=eln` }),
  },
  {
    action: 'workspace.export',
    name: 'GET workspace export (Markdown ZIP)',
    precondition: 'none',
    request: (f) => ({
      method: 'GET',
      path: `/workspaces/${f.workspaceId}/export?format=markdown`,
    }),
  },
  {
    action: 'workspace.export',
    name: 'GET annotations export (CSV)',
    precondition: 'none',
    request: (f) => ({
      method: 'GET',
      path: `/workspaces/${f.workspaceId}/annotations/export?format=csv`,
    }),
  },
  {
    action: 'attachment.upload',
    name: 'POST attachment',
    precondition: 'none',
    request: (f) => ({
      method: 'POST',
      path: `/workspaces/${f.workspaceId}/blobs`,
      body: new TextEncoder().encode(`matrix upload ${f.workspaceId}`),
    }),
  },
  {
    action: 'attachment.read',
    name: 'GET attachment',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/workspaces/${f.workspaceId}/blobs/${f.blobSha256}` }),
  },
  {
    action: 'workspace.read',
    name: 'GET workspace',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/workspaces/${f.workspaceId}` }),
  },
  {
    action: 'workspace.update',
    name: 'PATCH workspace name',
    precondition: 'none',
    request: (f) => ({
      method: 'PATCH',
      path: `/workspaces/${f.workspaceId}`,
      body: { name: 'Renamed' },
    }),
  },
  {
    action: 'workspace.archive',
    name: 'DELETE workspace (archive)',
    precondition: 'none',
    request: (f) => ({ method: 'DELETE', path: `/workspaces/${f.workspaceId}` }),
  },
  {
    action: 'members.read',
    name: 'GET members',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/workspaces/${f.workspaceId}/members` }),
  },
  {
    action: 'members.manage',
    name: 'POST member',
    precondition: 'targetIsNotMember',
    request: (f) => ({
      method: 'POST',
      path: `/workspaces/${f.workspaceId}/members`,
      body: { userId: f.targetUserId, role: 'viewer' },
    }),
  },
  {
    action: 'members.manage',
    name: 'PATCH member role',
    precondition: 'targetIsMember',
    request: (f) => ({
      method: 'PATCH',
      path: `/workspaces/${f.workspaceId}/members/${f.targetUserId}`,
      body: { role: 'reviewer' },
    }),
  },
  {
    action: 'members.manage',
    name: 'DELETE member',
    precondition: 'targetIsMember',
    request: (f) => ({
      method: 'DELETE',
      path: `/workspaces/${f.workspaceId}/members/${f.targetUserId}`,
    }),
  },
  {
    action: 'members.manage',
    name: 'POST invitation',
    precondition: 'none',
    request: (f) => ({
      method: 'POST',
      path: `/workspaces/${f.workspaceId}/invitations`,
      body: { role: 'viewer' },
    }),
  },
  {
    action: 'apiKeys.manage',
    name: 'GET workspace API keys',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/api-keys?workspaceId=${f.workspaceId}` }),
  },
  {
    action: 'apiKeys.manage',
    name: 'POST workspace API key',
    precondition: 'none',
    request: (f) => ({
      method: 'POST',
      path: '/api-keys',
      body: { name: 'k', workspaceId: f.workspaceId, access: 'read' },
    }),
  },
  {
    action: 'apiKeys.manage',
    name: 'DELETE workspace API key',
    precondition: 'workspaceKeyExists',
    request: (f) => ({ method: 'DELETE', path: `/api-keys/${f.workspaceKeyId}` }),
  },
  {
    action: 'audit.read',
    name: 'GET workspace audit',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/audit?workspaceId=${f.workspaceId}` }),
  },
  {
    action: 'audit.read',
    name: 'GET workspace audit export',
    precondition: 'none',
    request: (f) => ({
      method: 'GET',
      path: `/audit/export?format=csv&workspaceId=${f.workspaceId}`,
    }),
  },
  {
    action: 'sync.read',
    name: 'POST sync ticket',
    precondition: 'none',
    request: (f) => ({
      method: 'POST',
      path: '/sync-tickets',
      body: { workspaceId: f.workspaceId },
    }),
  },
  {
    action: 'telemetry.read',
    name: 'GET channels',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/workspaces/${f.workspaceId}/channels` }),
  },
  {
    action: 'instrument.read',
    name: 'GET instruments',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/workspaces/${f.workspaceId}/instruments` }),
  },
];

import type { RestActionCase } from './restActionCases';

/**
 * The workspace, member, invitation, webhook, alert-rule, API-key, audit and
 * sync-ticket routes with the actions guarding them (rows of REST_ACTION_CASES).
 */
export const WORKSPACE_CASES: RestActionCase[] = [
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
    action: 'workspace.update',
    name: 'PATCH workspace setting: annotations need review',
    precondition: 'none',
    request: (f) => ({
      method: 'PATCH',
      path: `/workspaces/${f.workspaceId}`,
      body: { annotationsNeedReview: true },
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
    action: 'webhooks.manage',
    name: 'GET workspace webhooks',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/workspaces/${f.workspaceId}/webhooks` }),
  },
  {
    action: 'webhooks.manage',
    name: 'POST workspace webhook',
    precondition: 'none',
    request: (f) => ({
      method: 'POST',
      path: `/workspaces/${f.workspaceId}/webhooks`,
      body: { url: 'https://hooks.example.org/fieldbook', events: ['document.created'] },
    }),
  },
  {
    action: 'alerts.manage',
    name: 'GET workspace alert rules',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/workspaces/${f.workspaceId}/alert-rules` }),
  },
  {
    action: 'alerts.manage',
    name: 'POST workspace alert rule',
    precondition: 'none',
    request: (f) => ({
      method: 'POST',
      path: `/workspaces/${f.workspaceId}/alert-rules`,
      body: { name: 'Anomalies', condition: { tags: ['anomaly'] } },
    }),
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
];

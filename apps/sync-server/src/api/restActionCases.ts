import type { Action, Capability } from '@fieldbook/shared';
import { DOCUMENT_CASES } from './documentActionCases';

/** What a case needs prepared by the workspace's admin before the request. */
export type CasePrecondition =
  | 'targetIsMember'
  | 'targetIsNotMember'
  | 'workspaceKeyExists'
  | 'commandAwaitingApproval'
  | 'runRunning'
  | 'none';

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
  /** An instrument of the workspace, with a normal (`ping`) and a hazardous (`arm`) command. */
  instrumentId: string;
  /** A hazardous command awaiting approval, requested by someone else (precondition). */
  commandId: string;
  /** A running run of the instrument (precondition). */
  runId: string;
  /** An annotation collection of the workspace with one annotation (`annotationId`) and version "1". */
  documentId: string;
  annotationId: string;
}

/** One REST route guarded by one action of the permission matrix. */
export interface RestActionCase {
  action: Action;
  name: string;
  precondition: CasePrecondition;
  /** Capabilities the member holds during the case besides its role (default none). */
  capabilities?: Capability[];
  request(fx: CaseFixture): { method: string; path: string; body?: unknown };
}

/**
 * Every REST route that is authorized by a workspace action, with the action
 * that guards it. The authorization-matrix tests cross this table with every
 * role and expect exactly what `can()` says. Routes of later issues (documents,
 * search, export, telemetry, instruments, webhooks) join by adding rows.
 */
export const REST_ACTION_CASES: RestActionCase[] = [
  ...DOCUMENT_CASES,
  {
    action: 'search.query',
    name: 'GET workspace search',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/workspaces/${f.workspaceId}/search?q=rover` }),
  },
  {
    action: 'search.query',
    name: 'GET workspace search index status',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/workspaces/${f.workspaceId}/search/status` }),
  },
  {
    action: 'search.rebuild',
    name: 'POST workspace search rebuild',
    precondition: 'none',
    request: (f) => ({ method: 'POST', path: `/workspaces/${f.workspaceId}/search/rebuild` }),
  },
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
  {
    action: 'instrument.read',
    name: 'GET instrument',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/instruments/${f.instrumentId}` }),
  },
  {
    action: 'instrument.read',
    name: "GET instrument's commands",
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/instruments/${f.instrumentId}/commands` }),
  },
  {
    action: 'instrument.read',
    name: "GET workspace's commands (approvals queue)",
    precondition: 'none',
    request: (f) => ({
      method: 'GET',
      path: `/workspaces/${f.workspaceId}/commands?state=awaiting_approval`,
    }),
  },
  {
    action: 'instrument.read',
    name: 'GET command',
    precondition: 'commandAwaitingApproval',
    request: (f) => ({ method: 'GET', path: `/commands/${f.commandId}` }),
  },
  {
    action: 'instrument.read',
    name: "GET instrument's runs",
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/instruments/${f.instrumentId}/runs` }),
  },
  {
    action: 'instrument.read',
    name: 'GET run',
    precondition: 'runRunning',
    request: (f) => ({ method: 'GET', path: `/runs/${f.runId}` }),
  },
  {
    action: 'instrument.command',
    name: 'POST command, without the operator capability',
    precondition: 'none',
    request: (f) => ({
      method: 'POST',
      path: `/instruments/${f.instrumentId}/commands`,
      body: { command: 'ping', params: {} },
    }),
  },
  {
    action: 'instrument.command',
    name: 'POST command, as an operator',
    precondition: 'none',
    capabilities: ['operator'],
    request: (f) => ({
      method: 'POST',
      path: `/instruments/${f.instrumentId}/commands`,
      body: { command: 'ping', params: {} },
    }),
  },
  {
    action: 'instrument.command',
    name: 'POST command cancel, as an operator',
    precondition: 'commandAwaitingApproval',
    capabilities: ['operator'],
    request: (f) => ({ method: 'POST', path: `/commands/${f.commandId}/cancel` }),
  },
  {
    action: 'instrument.approveCommand',
    name: 'POST command approve, without the operator capability',
    precondition: 'commandAwaitingApproval',
    request: (f) => ({ method: 'POST', path: `/commands/${f.commandId}/approve` }),
  },
  {
    action: 'instrument.approveCommand',
    name: 'POST command approve, as an operator',
    precondition: 'commandAwaitingApproval',
    capabilities: ['operator'],
    request: (f) => ({ method: 'POST', path: `/commands/${f.commandId}/approve` }),
  },
  {
    action: 'instrument.approveCommand',
    name: 'POST command reject, as an operator',
    precondition: 'commandAwaitingApproval',
    capabilities: ['operator'],
    request: (f) => ({
      method: 'POST',
      path: `/commands/${f.commandId}/reject`,
      body: { reason: 'no' },
    }),
  },
  {
    action: 'instrument.command',
    name: 'POST run (start), as an operator',
    precondition: 'none',
    capabilities: ['operator'],
    request: (f) => ({
      method: 'POST',
      path: '/runs',
      body: { instrumentId: f.instrumentId, protocol: 'matrix' },
    }),
  },
  {
    action: 'instrument.command',
    name: 'PUT run stop, as an operator',
    precondition: 'runRunning',
    capabilities: ['operator'],
    request: (f) => ({ method: 'PUT', path: `/runs/${f.runId}/stop` }),
  },
];

import { DOCUMENT_PROBES } from './documentProbes';

/** Ids of another tenant's resources (or random ids of the same shape). */
export interface ForeignIds {
  workspaceId: string;
  userId: string;
  apiKeyId: string;
  invitationToken: string;
  /** A pending invitation's id. */
  invitationId: string;
  channelId: string;
  instrumentId: string;
  /** The sha256 of an attachment of the foreign workspace. */
  blobSha256: string;
  /** A hazardous command awaiting approval. */
  commandId: string;
  /** A running run. */
  runId: string;
  /** A document (an annotation collection) of the foreign workspace. */
  documentId: string;
}

/** One request that names a resource by id; across tenants it must be a 404 identical to a random id's. */
export interface IsolationProbe {
  name: string;
  request(
    ids: ForeignIds,
    own: { workspaceId: string },
  ): { method: string; path: string; body?: unknown };
}

/**
 * Every REST route that takes a resource id. The isolation tests send each
 * with another tenant's ids and with random ids, as a tenant admin, and
 * require the same 404. Later routes (documents, search, exports, …) join
 * by adding rows here.
 */
export const ISOLATION_PROBES: IsolationProbe[] = [
  ...DOCUMENT_PROBES,
  {
    name: 'search workspace',
    request: (i) => ({ method: 'GET', path: `/workspaces/${i.workspaceId}/search?q=secret` }),
  },
  {
    name: 'search index status',
    request: (i) => ({ method: 'GET', path: `/workspaces/${i.workspaceId}/search/status` }),
  },
  {
    name: 'rebuild search index',
    request: (i) => ({ method: 'POST', path: `/workspaces/${i.workspaceId}/search/rebuild` }),
  },
  {
    name: 'export workspace file',
    request: (i) => ({ method: 'GET', path: `/workspaces/${i.workspaceId}/export` }),
  },
  {
    name: 'import workspace file',
    request: (i) => ({
      method: 'POST',
      path: `/workspaces/${i.workspaceId}/import`,
      body: new TextEncoder().encode('not even a workspace file'),
    }),
  },
  {
    name: 'export annotations',
    request: (i) => ({
      method: 'GET',
      path: `/workspaces/${i.workspaceId}/annotations/export?format=csv`,
    }),
  },
  {
    name: 'export workspace as .eln',
    request: (i) => ({ method: 'GET', path: `/workspaces/${i.workspaceId}/export?format=eln` }),
  },
  {
    name: 'upload attachment to foreign workspace',
    request: (i) => ({
      method: 'POST',
      path: `/workspaces/${i.workspaceId}/blobs`,
      body: new TextEncoder().encode('probe'),
    }),
  },
  {
    name: 'download foreign attachment from foreign workspace',
    request: (i) => ({ method: 'GET', path: `/workspaces/${i.workspaceId}/blobs/${i.blobSha256}` }),
  },
  {
    name: 'download foreign attachment through own workspace',
    request: (i, own) => ({
      method: 'GET',
      path: `/workspaces/${own.workspaceId}/blobs/${i.blobSha256}`,
    }),
  },
  {
    name: 'read workspace',
    request: (i) => ({ method: 'GET', path: `/workspaces/${i.workspaceId}` }),
  },
  {
    name: 'rename workspace',
    request: (i) => ({
      method: 'PATCH',
      path: `/workspaces/${i.workspaceId}`,
      body: { name: 'x' },
    }),
  },
  {
    name: 'archive workspace',
    request: (i) => ({ method: 'DELETE', path: `/workspaces/${i.workspaceId}` }),
  },
  {
    name: 'list members',
    request: (i) => ({ method: 'GET', path: `/workspaces/${i.workspaceId}/members` }),
  },
  {
    name: 'add member to foreign workspace',
    request: (i) => ({
      method: 'POST',
      path: `/workspaces/${i.workspaceId}/members`,
      body: { userId: i.userId, role: 'viewer' },
    }),
  },
  {
    name: 'add foreign user to own workspace',
    request: (i, own) => ({
      method: 'POST',
      path: `/workspaces/${own.workspaceId}/members`,
      body: { userId: i.userId, role: 'admin' },
    }),
  },
  {
    name: 'change member role',
    request: (i) => ({
      method: 'PATCH',
      path: `/workspaces/${i.workspaceId}/members/${i.userId}`,
      body: { role: 'admin' },
    }),
  },
  {
    name: 'remove member',
    request: (i) => ({
      method: 'DELETE',
      path: `/workspaces/${i.workspaceId}/members/${i.userId}`,
    }),
  },
  {
    name: 'create invitation',
    request: (i) => ({
      method: 'POST',
      path: `/workspaces/${i.workspaceId}/invitations`,
      body: { role: 'admin' },
    }),
  },
  {
    name: 'list pending invitations',
    request: (i) => ({ method: 'GET', path: `/workspaces/${i.workspaceId}/invitations` }),
  },
  {
    name: 'revoke invitation',
    request: (i) => ({
      method: 'DELETE',
      path: `/workspaces/${i.workspaceId}/invitations/${i.invitationId}`,
    }),
  },
  {
    name: "revoke another tenant's invitation through an own workspace",
    request: (i, own) => ({
      method: 'DELETE',
      path: `/workspaces/${own.workspaceId}/invitations/${i.invitationId}`,
    }),
  },
  {
    name: 'accept invitation',
    request: (i) => ({
      method: 'POST',
      path: '/invitations/accept',
      body: { token: i.invitationToken },
    }),
  },
  {
    name: 'list workspace keys',
    request: (i) => ({ method: 'GET', path: `/api-keys?workspaceId=${i.workspaceId}` }),
  },
  {
    name: 'create workspace key',
    request: (i) => ({
      method: 'POST',
      path: '/api-keys',
      body: { name: 'x', workspaceId: i.workspaceId, access: 'write' },
    }),
  },
  { name: 'revoke key', request: (i) => ({ method: 'DELETE', path: `/api-keys/${i.apiKeyId}` }) },
  {
    name: 'sync ticket',
    request: (i) => ({
      method: 'POST',
      path: '/sync-tickets',
      body: { workspaceId: i.workspaceId },
    }),
  },
  {
    name: 'read workspace audit',
    request: (i) => ({ method: 'GET', path: `/audit?workspaceId=${i.workspaceId}` }),
  },
  {
    name: 'export workspace audit',
    request: (i) => ({
      method: 'GET',
      path: `/audit/export?format=json&workspaceId=${i.workspaceId}`,
    }),
  },
  {
    name: 'list channels',
    request: (i) => ({ method: 'GET', path: `/workspaces/${i.workspaceId}/channels` }),
  },
  {
    name: 'read channel samples',
    request: (i) => ({
      method: 'GET',
      path: `/channels/${i.channelId}/samples?from=0&to=2000000000000&maxPoints=10`,
    }),
  },
  {
    name: 'list instruments',
    request: (i) => ({ method: 'GET', path: `/workspaces/${i.workspaceId}/instruments` }),
  },
  {
    name: 'read instrument',
    request: (i) => ({ method: 'GET', path: `/instruments/${i.instrumentId}` }),
  },
  {
    name: "list instrument's commands",
    request: (i) => ({ method: 'GET', path: `/instruments/${i.instrumentId}/commands` }),
  },
  {
    name: 'list workspace commands',
    request: (i) => ({ method: 'GET', path: `/workspaces/${i.workspaceId}/commands` }),
  },
  {
    name: 'command an instrument',
    request: (i) => ({
      method: 'POST',
      path: `/instruments/${i.instrumentId}/commands`,
      body: { command: 'ping', params: {} },
    }),
  },
  {
    name: 'read command',
    request: (i) => ({ method: 'GET', path: `/commands/${i.commandId}` }),
  },
  {
    name: 'approve command',
    request: (i) => ({ method: 'POST', path: `/commands/${i.commandId}/approve` }),
  },
  {
    name: 'reject command',
    request: (i) => ({ method: 'POST', path: `/commands/${i.commandId}/reject`, body: {} }),
  },
  {
    name: 'cancel command',
    request: (i) => ({ method: 'POST', path: `/commands/${i.commandId}/cancel`, body: {} }),
  },
  {
    name: "list instrument's runs",
    request: (i) => ({ method: 'GET', path: `/instruments/${i.instrumentId}/runs` }),
  },
  {
    name: 'read run',
    request: (i) => ({ method: 'GET', path: `/runs/${i.runId}` }),
  },
  {
    name: 'start run',
    request: (i) => ({
      method: 'POST',
      path: '/runs',
      body: { instrumentId: i.instrumentId, protocol: 'x' },
    }),
  },
  {
    name: 'stop run',
    request: (i) => ({ method: 'PUT', path: `/runs/${i.runId}/stop` }),
  },
];

import type { RestActionCase } from './restActionCases';

/** The search, export, import and attachment routes with the actions guarding them (rows of REST_ACTION_CASES). */
export const CONTENT_CASES: RestActionCase[] = [
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
];

import type { RestActionCase } from './restActionCases';

const doc = (f: { workspaceId: string; documentId: string }) =>
  `/workspaces/${f.workspaceId}/documents/${f.documentId}`;

/** The documents and history routes with the actions guarding them (rows of REST_ACTION_CASES). */
export const DOCUMENT_CASES: RestActionCase[] = [
  {
    action: 'document.read',
    name: 'GET workspace documents',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/workspaces/${f.workspaceId}/documents` }),
  },
  {
    action: 'document.read',
    name: 'GET document metadata',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: doc(f) }),
  },
  {
    action: 'version.read',
    name: 'GET document history',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `${doc(f)}/history` }),
  },
  {
    action: 'version.read',
    name: 'GET document versions',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `${doc(f)}/versions` }),
  },
  {
    action: 'version.read',
    name: 'GET document version snapshot',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `${doc(f)}/versions/1` }),
  },
  {
    action: 'version.read',
    name: 'GET document version diff',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `${doc(f)}/versions/1/diff/1` }),
  },
  {
    action: 'version.read',
    name: 'GET annotation history',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `${doc(f)}/annotations/${f.annotationId}/history` }),
  },
  {
    action: 'version.create',
    name: 'POST document version (name it)',
    precondition: 'none',
    request: (f) => ({ method: 'POST', path: `${doc(f)}/versions`, body: { name: 'Matrix' } }),
  },
  {
    action: 'version.restore',
    name: 'POST document version restore',
    precondition: 'none',
    request: (f) => ({ method: 'POST', path: `${doc(f)}/versions/1/restore` }),
  },
  {
    action: 'version.restore',
    name: 'POST annotation restore',
    precondition: 'none',
    request: (f) => ({
      method: 'POST',
      path: `${doc(f)}/annotations/${f.annotationId}/restore`,
      body: { version: '1' },
    }),
  },
];

import type { IsolationProbe } from './isolationProbes';

const inForeign = (i: { workspaceId: string; documentId: string }) =>
  `/workspaces/${i.workspaceId}/documents/${i.documentId}`;
const inOwn = (i: { documentId: string }, own: { workspaceId: string }) =>
  `/workspaces/${own.workspaceId}/documents/${i.documentId}`;

/**
 * The documents and history routes, probed with a foreign document both in
 * its own workspace and under the caller's workspace (rows of ISOLATION_PROBES).
 */
export const DOCUMENT_PROBES: IsolationProbe[] = [
  {
    name: 'list foreign workspace documents',
    request: (i) => ({ method: 'GET', path: `/workspaces/${i.workspaceId}/documents` }),
  },
  ...(
    [
      ['metadata', 'GET', ''],
      ['digest', 'GET', '/digest'],
      ['history', 'GET', '/history'],
      ['versions', 'GET', '/versions'],
      ['version snapshot', 'GET', '/versions/1'],
      ['version diff', 'GET', '/versions/1/diff/1'],
      ['name a version', 'POST', '/versions', { name: 'probe' }],
      ['restore', 'POST', '/versions/1/restore'],
    ] as const
  ).flatMap(
    ([what, method, tail, body]: readonly [string, string, string, unknown?]) =>
      [
        {
          name: `foreign document ${what}`,
          request: (i) => ({ method, path: inForeign(i) + tail, body }),
        },
        {
          name: `foreign document ${what} under own workspace`,
          request: (i, own) => ({ method, path: inOwn(i, own) + tail, body }),
        },
      ] satisfies IsolationProbe[],
  ),
];

import { describe, expect, it } from 'vitest';
import { exportPath, type ExportRequest } from './exportTargets';

const base: ExportRequest = {
  kind: 'annotations',
  format: 'xlsx',
  filter: {},
  folderId: null,
  docId: null,
  withAttachments: false,
};

describe('export paths', () => {
  it('puts the annotation filters in the query as the server reads them', () => {
    expect(
      exportPath('w', {
        ...base,
        filter: { tags: ['a b', 'c'], status: 'approved', from: 1, to: 2, author: 'u' },
      }),
    ).toBe(
      '/workspaces/w/annotations/export?format=xlsx&tags=a+b%2Cc&author=u&status=approved&from=1&to=2',
    );
    expect(exportPath('w', { ...base, format: 'pdf' })).toBe(
      '/workspaces/w/annotations/export?format=pdf',
    );
  });

  it('names the workspace, folder and note exports', () => {
    expect(exportPath('w', { ...base, kind: 'eln' })).toBe('/workspaces/w/export?format=eln');
    expect(exportPath('w', { ...base, kind: 'markdown', folderId: 'f' })).toBe(
      '/workspaces/w/export?format=markdown&folder=f',
    );
    expect(exportPath('w', { ...base, kind: 'note', docId: 'd', withAttachments: true })).toBe(
      '/workspaces/w/documents/d/markdown?bundle=zip',
    );
  });
});

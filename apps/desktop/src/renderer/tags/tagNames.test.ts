import type { DocumentEntry } from '@fieldbook/shared';
import { describe, expect, it } from 'vitest';
import { cleanTag, displayTag, groupTags, hasTag, resolveTag } from './tagNames';

const entry = (tags: string[]): DocumentEntry => ({
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  kind: 'note',
  title: 't',
  tags,
  folderId: null,
  createdBy: 'a',
  createdAt: 0,
  updatedAt: 0,
  trashedAt: null,
});

describe('tag names', () => {
  it('shows a tag with one hash however it was typed', () => {
    expect(cleanTag('#hash')).toBe('hash');
    expect(cleanTag('  ##  Needs   Review ')).toBe('Needs Review');
    expect(displayTag('hash')).toBe('#hash');
    expect(displayTag('#hash')).toBe('#hash');
  });

  it('keeps the case typed, and merges a new spelling into the one the workspace uses', () => {
    const groups = groupTags([entry(['Needs Review']), entry(['Needs Review', 'ops'])]);
    expect(resolveTag('Needs Review', groups)).toEqual({ tag: 'Needs Review', mergedInto: null });
    expect(resolveTag('needs review', groups)).toEqual({
      tag: 'Needs Review',
      mergedInto: 'Needs Review',
    });
    expect(resolveTag('Thermal', groups)).toEqual({ tag: 'Thermal', mergedInto: null });
    expect(resolveTag(' # ', groups)).toBeNull();
  });

  it('groups spellings typed on two machines and matches either', () => {
    const docs = [entry(['Needs Review']), entry(['needs review']), entry(['needs review'])];
    const [group] = groupTags(docs);
    expect(group).toEqual({
      key: 'needs review',
      spelling: 'needs review',
      spellings: ['Needs Review', 'needs review'],
      count: 3,
    });
    expect(docs.every((d) => hasTag(d, 'NEEDS REVIEW'))).toBe(true);
    expect(hasTag(entry(['ops']), 'needs review')).toBe(false);
  });
});

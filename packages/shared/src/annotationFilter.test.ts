import { describe, expect, it } from 'vitest';
import { annotationMatches, AnnotationFilterSchema, isFiltering } from './annotationFilter';
import { attachmentMarkdown, attachmentRefs, rewriteAttachmentRefs } from './attachments';
import type { Annotation } from './documents';
import { newId } from './ids';

const collection = newId();
const base: Annotation = {
  id: newId(),
  kind: 'range',
  anchor: { channels: ['temp'], t: 1000, t2: 2000 },
  title: 'Drift',
  body: '',
  tags: ['thermal', 'review'],
  style: {},
  status: 'draft',
  author: 'ada',
  createdAt: 1,
  updatedAt: 1,
  comments: [],
  attachments: [],
};

describe('annotationMatches', () => {
  it('matches everything with an empty filter', () => {
    expect(annotationMatches({}, base, collection)).toBe(true);
    expect(isFiltering({})).toBe(false);
  });

  it('applies each field', () => {
    const cases: [object, boolean][] = [
      [{ collections: [collection] }, true],
      [{ collections: [newId()] }, false],
      [{ tags: ['nope', 'review'] }, true],
      [{ tags: ['nope'] }, false],
      [{ author: 'ada' }, true],
      [{ author: 'bob' }, false],
      [{ status: 'draft' }, true],
      [{ status: 'approved' }, false],
      [{ channels: ['temp', 'volt'] }, true],
      [{ channels: ['volt'] }, false],
      [{ from: 1500, to: 1600 }, true],
      [{ from: 2001 }, false],
      [{ to: 999 }, false],
      [{ from: 2000, to: 2000 }, true],
    ];
    for (const [f, expected] of cases) {
      const filter = AnnotationFilterSchema.parse(f);
      expect(annotationMatches(filter, base, collection), JSON.stringify(f)).toBe(expected);
      expect(isFiltering(filter)).toBe(true);
    }
  });
});

describe('attachment references', () => {
  const hash = 'a'.repeat(64);
  it('writes images as images and other files as links, and finds them again', () => {
    const img = attachmentMarkdown({ hash, name: 'plot [1].png', mimeType: 'image/png' });
    expect(img).toBe(`![plot \\[1\\].png](fieldbook://attachment/${hash})`);
    const doc = attachmentMarkdown({ hash, name: 'log.txt', mimeType: 'text/plain' });
    expect(doc.startsWith('[log.txt]')).toBe(true);
    expect(attachmentRefs(`${img}\n${doc}`)).toEqual([hash]);
    expect(rewriteAttachmentRefs(img, () => 'files/plot.png')).toBe(
      '![plot \\[1\\].png](files/plot.png)',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { noteFromMarkdown } from './markdownNotes';

describe('Markdown files as notes', () => {
  it('takes the title from front matter, then the first heading, then the file name', () => {
    expect(noteFromMarkdown('a.md', '---\ntitle: "Drive log"\ntags: [x]\n---\nBody\n')).toEqual({
      title: 'Drive log',
      text: 'Body\n',
    });
    expect(noteFromMarkdown('a.md', '\n# Sol 12\n\nWent north.')).toEqual({
      title: 'Sol 12',
      text: 'Went north.',
    });
    expect(noteFromMarkdown('Wheel check.md', 'Just text')).toEqual({
      title: 'Wheel check',
      text: 'Just text',
    });
  });

  it('reads Windows line ends and a byte-order mark, and keeps titles short', () => {
    expect(noteFromMarkdown('x.md', '\uFEFF# T\r\nline\r\n')).toEqual({
      title: 'T',
      text: 'line\n',
    });
    expect(noteFromMarkdown(`${'n'.repeat(300)}.md`, '').title).toHaveLength(200);
  });
});

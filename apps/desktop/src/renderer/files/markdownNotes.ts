/** A note read from a Markdown file, ready to be created. */
export interface ImportedNote {
  readonly title: string;
  readonly text: string;
}

/** Longest title a note may have. */
const MAX_TITLE = 200;

/**
 * A Markdown file as a note: the title from its front matter (`title:`),
 * else its first `# ` heading (taken out of the body), else the file name;
 * the body without the front matter. Fieldbook's own Markdown export reads
 * back the same way.
 */
export function noteFromMarkdown(fileName: string, markdown: string): ImportedNote {
  let text = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let title: string | null = null;
  const front = /^---\n([\s\S]*?)\n---\n?/.exec(text);
  if (front) {
    const line = /^title:\s*(.+)$/m.exec(front[1]!);
    if (line) title = line[1]!.trim().replace(/^(["'])(.*)\1$/, '$2');
    text = text.slice(front[0].length);
  }
  if (!title) {
    const heading = /^#\s+(.+)\n?/.exec(text.replace(/^\n+/, ''));
    if (heading) {
      title = heading[1]!.trim();
      text = text.replace(/^\n+/, '').slice(heading[0].length);
    }
  }
  title ||= fileName.replace(/\.(md|markdown|txt)$/i, '').trim() || 'Imported note';
  return { title: title.slice(0, MAX_TITLE), text: text.replace(/^\n+/, '') };
}

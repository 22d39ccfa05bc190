import * as Y from 'yjs';

const HEADING = /^#{1,6}[ \t]+(.*\S)/;
/** How far up (characters) to look for a heading before giving up. */
const MAX_SCAN = 50_000;

function headingOf(line: string): string | null {
  const match = HEADING.exec(line);
  return match ? match[1]!.slice(0, 120) : null;
}

const visibleText = (item: Y.Item | null): string =>
  item && !item.deleted && item.content instanceof Y.ContentString ? item.content.str : '';

/**
 * The Markdown heading the text at `id` falls under: the nearest line
 * starting with `#` at or above that place, reading the text as it is in
 * `doc` (deleted text skipped; `id` itself may be deleted). Null when there
 * is none near.
 */
export function headingAbove(doc: Y.Doc, id: Y.ID): string | null {
  const found = Y.getItem(doc.store, id);
  if (!(found instanceof Y.Item)) return null;
  const offset = id.clock - found.id.clock;
  const own = visibleText(found);
  // The rest of the line the place is on, to its right.
  let right = own.slice(offset);
  for (
    let n = found.right;
    n !== null && right.length < 200 && !right.includes('\n');
    n = n.right
  ) {
    right += visibleText(n);
  }
  right = right.split('\n')[0]!;
  let scanned = 0;
  let chunk = own.slice(0, offset);
  for (let n = found.left; scanned < MAX_SCAN; n = n.left) {
    scanned += chunk.length;
    let end = chunk.length;
    for (let i = chunk.lastIndexOf('\n', end - 1); i >= 0 && end > 0;) {
      const heading = headingOf(chunk.slice(i + 1, end) + right);
      if (heading) return heading;
      right = '';
      end = i;
      i = end > 0 ? chunk.lastIndexOf('\n', end - 1) : -1;
    }
    right = chunk.slice(0, end) + right;
    if (n === null) return headingOf(right);
    chunk = visibleText(n);
  }
  return null;
}

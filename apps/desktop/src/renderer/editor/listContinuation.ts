import { deleteMarkupBackward, insertNewlineContinueMarkup } from '@codemirror/lang-markdown';
import { indentLess, indentMore } from '@codemirror/commands';
import { EditorView, keymap, type KeyBinding } from '@codemirror/view';
import { Prec } from '@codemirror/state';

const MARKER = String.raw`[-*+]|\d+[.)]`;
const CHECKBOX = String.raw`\[[ xX]\] `;
/** A marker typed after a continued item: "- - ", "2. 2. ", "- [ ] - ". */
const TYPED_MARKER = new RegExp(`^(\\s*)(${MARKER}) (${CHECKBOX})?(${MARKER}) $`);
/** A checkbox typed after a continued task item: "- [ ] [ ] ". */
const TYPED_CHECKBOX = new RegExp(`^(\\s*)(${MARKER}) (${CHECKBOX})${CHECKBOX}$`);

/**
 * A list marker (or task checkbox) typed at the start of an item that Enter
 * already started: "- " on "- " would give "- - b", "2." on "2. " "2. 2.
 * second"; the typed marker is taken as the one already there. `before` is
 * the line up to the cursor including the space just typed; the answer is
 * the line to keep, or null to leave the input alone.
 */
export function duplicateMarker(before: string): string | null {
  const bullet = (s: string) => /^[-*+]$/.test(s);
  const typed = TYPED_MARKER.exec(before);
  if (typed) {
    const [, indent, auto, box = '', again] = typed;
    return bullet(auto!) === bullet(again!) ? `${indent}${auto} ${box}` : null;
  }
  const box = TYPED_CHECKBOX.exec(before);
  return box ? `${box[1]}${box[2]} ${box[3]}` : null;
}

/** Swallows a list marker typed right after the one Enter continued the list with. */
const collapseDuplicateMarker = EditorView.inputHandler.of((view, from, to, text) => {
  if (text !== ' ' || from !== to) return false;
  const line = view.state.doc.lineAt(from);
  const replaced = duplicateMarker(view.state.sliceDoc(line.from, from) + ' ');
  if (replaced === null) return false;
  view.dispatch({
    changes: { from: line.from, to, insert: replaced },
    selection: { anchor: line.from + replaced.length },
    userEvent: 'input.type',
  });
  return true;
});

const keys: KeyBinding[] = [
  // Enter continues lists ("- ", "2. ", "- [ ] ", quotes), ends an empty item, else a plain newline.
  { key: 'Enter', run: insertNewlineContinueMarkup },
  { key: 'Backspace', run: deleteMarkupBackward },
  // Tab nests a list item (or indents), Shift+Tab takes it out again.
  { key: 'Tab', run: indentMore, shift: indentLess },
];

/** Markdown list editing: continuation on Enter, nesting on Tab, no doubled markers. */
export const listEditing = [Prec.high(keymap.of(keys)), collapseDuplicateMarker];

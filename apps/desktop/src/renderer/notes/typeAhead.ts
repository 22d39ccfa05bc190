import type { EditorView } from '@codemirror/view';

/** Keys pressed on the way to a character (Shift for a capital, a dead key for an accent). */
const ON_THE_WAY = new Set(['Shift', 'CapsLock', 'AltGraph', 'Dead', 'Compose']);

/**
 * `text` after one key, for the keys held text understands: printable
 * characters, Enter, Tab and Backspace; null for any other key or shortcut.
 */
export function typedInto(
  text: string,
  key: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean },
): string | null {
  if (ON_THE_WAY.has(key.key)) return text;
  if (key.ctrlKey || key.metaKey || key.altKey) return null;
  if (key.key === 'Enter') return `${text}\n`;
  if (key.key === 'Tab') return `${text}\t`;
  if (key.key === 'Backspace') return text.slice(0, -1);
  return [...key.key].length === 1 ? text + key.key : null;
}

/**
 * Keys typed on from a new note's title into its text before the editor is
 * there (its code or the note's local copy still on the way, as on a busy
 * machine right after opening a workspace). Enter in the title starts it;
 * the keys are held, and written into the editor with the cursor after them
 * once it appears. A click anywhere, or any shortcut, ends it: the held text
 * is still written, and the keys go where the user sent them.
 */
export class TypeAhead {
  private text = '';
  private active = false;
  private docId: string | null = null;

  private readonly onKey = (e: KeyboardEvent) => {
    const next = typedInto(this.text, e);
    if (next === null) {
      this.stopListening();
      return;
    }
    e.preventDefault();
    e.stopPropagation();
    this.text = next;
  };

  private readonly onPointer = () => this.stopListening();

  /** Starts holding keys for `docId` (its title gave up the keyboard, its editor is not there yet). */
  start(docId: string): void {
    if (this.docId !== docId) this.text = '';
    this.docId = docId;
    if (this.active) return;
    this.active = true;
    window.addEventListener('keydown', this.onKey, true);
    window.addEventListener('pointerdown', this.onPointer, true);
  }

  /** `docId`'s editor is there: the held text goes in at its end, the keyboard with it. */
  flushInto(docId: string, view: EditorView): void {
    if (docId !== this.docId) return;
    const wasActive = this.active;
    this.stopListening();
    const text = this.text;
    this.text = '';
    this.docId = null;
    if (!wasActive && text === '') return;
    const end = view.state.doc.length;
    view.dispatch({
      changes: text ? { from: end, insert: text } : undefined,
      selection: { anchor: end + text.length },
      scrollIntoView: true,
    });
    if (wasActive) view.focus();
  }

  /** Stops holding keys; what was held waits for `flushInto`. */
  stopListening(): void {
    if (!this.active) return;
    this.active = false;
    window.removeEventListener('keydown', this.onKey, true);
    window.removeEventListener('pointerdown', this.onPointer, true);
  }
}

import { syntaxTree } from '@codemirror/language';
import { StateField, type EditorState, type Range } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view';

/** Cells of one Markdown table row ("| a | b |" → ["a", "b"]). */
export function tableCells(line: string): string[] {
  const trimmed = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** Column alignment from a delimiter row ("| :-- | --: |"). */
export function tableAlignments(delimiter: string): ('left' | 'center' | 'right' | null)[] {
  return tableCells(delimiter).map((c) => {
    const left = c.startsWith(':');
    const right = c.endsWith(':');
    return left && right ? 'center' : right ? 'right' : left ? 'left' : null;
  });
}

/** A GFM table drawn as a table; a click puts the cursor in its source to edit it. */
class TableWidget extends WidgetType {
  constructor(private readonly source: string) {
    super();
  }
  override eq(other: TableWidget): boolean {
    return other.source === this.source;
  }
  toDOM(view: EditorView): HTMLElement {
    // Inside a quote or a list the lines carry its markers; the cells come after them.
    const lines = this.source.split('\n').map((l) => l.replace(/^\s*(?:>\s?)*/, ''));
    const [head = '', delimiter = '', ...rows] = lines;
    const align = tableAlignments(delimiter);
    const frame = document.createElement('div');
    frame.className = 'cm-md-table-frame';
    const table = document.createElement('table');
    table.className = 'cm-md-table';
    const row = (cells: string[], tag: 'th' | 'td') => {
      const tr = document.createElement('tr');
      cells.forEach((text, i) => {
        const cell = document.createElement(tag);
        cell.textContent = text;
        if (tag === 'th') cell.setAttribute('scope', 'col');
        const a = align[i];
        if (a) cell.style.textAlign = a;
        tr.append(cell);
      });
      return tr;
    };
    const thead = document.createElement('thead');
    thead.append(row(tableCells(head), 'th'));
    const tbody = document.createElement('tbody');
    for (const r of rows) tbody.append(row(tableCells(r), 'td'));
    table.append(thead, tbody);
    frame.append(table);
    frame.addEventListener('mousedown', (e) => {
      e.preventDefault();
      const pos = view.posAtDOM(frame);
      view.dispatch({ selection: { anchor: pos } });
      view.focus();
    });
    return frame;
  }
  override ignoreEvent(): boolean {
    return true;
  }
}

function build(state: EditorState): DecorationSet {
  const out: Range<Decoration>[] = [];
  syntaxTree(state).iterate({
    enter: (node) => {
      if (node.name !== 'Table') return;
      const from = state.doc.lineAt(node.from).from;
      const to = state.doc.lineAt(node.to).to;
      const inside = state.selection.ranges.some((r) => r.from <= to && r.to >= from);
      if (!inside) {
        out.push(
          Decoration.replace({
            widget: new TableWidget(state.sliceDoc(from, to)),
            block: true,
          }).range(from, to),
        );
      }
      return false;
    },
  });
  return Decoration.set(out, true);
}

/** Tables shown as tables while the cursor is elsewhere (block widgets need a state field). */
export const tablePreview = StateField.define<DecorationSet>({
  create: (state) => build(state),
  update: (value, tr) =>
    tr.docChanged || tr.selection || syntaxTree(tr.startState) !== syntaxTree(tr.state)
      ? build(tr.state)
      : value,
  provide: (field) => EditorView.decorations.from(field),
});

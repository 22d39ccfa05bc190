import { syntaxTree } from '@codemirror/language';
import type { EditorState, Range } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  ViewPlugin,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view';
import type { SyntaxNodeRef } from '@lezer/common';
import { linkTargets, WIKI_LINK } from './linkTargets';
import { BulletWidget, CheckboxWidget, DocLinkWidget, ImageWidget, RuleWidget } from './widgets';
import { attachmentHashOf, openAttachment } from '../files/editorAttachments';

// Obsidian-style live preview: the Markdown stays in the text; decorations
// hide its syntax and draw headings, emphasis, links, bullets, checkboxes,
// images and rules. Line-level syntax (heading marks, bullets, quotes) shows
// raw on the lines the selection is on; inline syntax (emphasis, links,
// [[…]]) shows raw while the selection touches it, so it can be edited.

const hidden = Decoration.replace({});
const INLINE_MARKS = new Set(['EmphasisMark', 'StrikethroughMark', 'CodeMark']);

/** Whether the selection touches [from, to] (inclusive ends: a cursor beside it counts). */
function touched(state: EditorState, from: number, to: number): boolean {
  return state.selection.ranges.some((r) => r.from <= to && r.to >= from);
}

/** Line numbers the selection is on (where line syntax shows raw). */
function activeLines(state: EditorState): Set<number> {
  const lines = new Set<number>();
  for (const r of state.selection.ranges) {
    const first = state.doc.lineAt(r.from).number;
    const last = state.doc.lineAt(r.to).number;
    for (let n = first; n <= last; n++) lines.add(n);
  }
  return lines;
}

function build(view: EditorView): DecorationSet {
  const { state } = view;
  const focused = view.hasFocus;
  const active = focused ? activeLines(state) : new Set<number>();
  const isActive = (pos: number) => active.has(state.doc.lineAt(pos).number);
  const touches = (from: number, to: number) => focused && touched(state, from, to);
  const out: Range<Decoration>[] = [];
  const wikiRanges: [number, number][] = [];
  const targets = state.field(linkTargets, false);

  for (const { from, to } of view.visibleRanges) {
    // [[<id>]] links, found in the text (the Markdown parser has no such syntax).
    const text = state.sliceDoc(from, to);
    for (const m of text.matchAll(WIKI_LINK)) {
      const start = from + m.index;
      const end = start + m[0].length;
      wikiRanges.push([start, end]);
      if (touches(start, end)) {
        out.push(Decoration.mark({ class: 'cm-md-doclink-source' }).range(start, end));
      } else {
        const target = targets?.get(m[1]!);
        const title = target ? target.title || 'Untitled' : null;
        out.push(Decoration.replace({ widget: new DocLinkWidget(m[1]!, title) }).range(start, end));
      }
    }
    const inWiki = (a: number, b: number) => wikiRanges.some(([s, e]) => a < e && b > s);

    syntaxTree(state).iterate({
      from,
      to,
      enter: (node: SyntaxNodeRef) => {
        const name = node.name;
        if (name === 'Table') return false;
        if (/^ATXHeading\d$/.test(name)) {
          const level = name.slice(-1);
          out.push(
            Decoration.line({ class: `cm-md-h cm-md-h${level}` }).range(
              state.doc.lineAt(node.from).from,
            ),
          );
        } else if (name === 'HeaderMark' && node.node.parent?.name.startsWith('ATXHeading')) {
          if (!isActive(node.from)) {
            const after = state.sliceDoc(node.to, node.to + 1) === ' ' ? node.to + 1 : node.to;
            out.push(hidden.range(node.from, after));
          }
        } else if (INLINE_MARKS.has(name)) {
          const parent = node.node.parent;
          if (parent && parent.name !== 'FencedCode' && !touches(parent.from, parent.to)) {
            out.push(hidden.range(node.from, node.to));
          }
        } else if (name === 'InlineCode') {
          out.push(Decoration.mark({ class: 'cm-md-code' }).range(node.from, node.to));
        } else if (name === 'Link' && !inWiki(node.from, node.to)) {
          linkDecorations(node, state, touches(node.from, node.to), out);
          return false;
        } else if (name === 'Image') {
          if (!touches(node.from, node.to)) {
            const url = node.node.getChild('URL');
            const alt = state.sliceDoc(
              node.from + 2,
              node.node.getChild('LinkMark', 'LinkMark')?.from ?? node.from + 2,
            );
            if (url) {
              const src = state.sliceDoc(url.from, url.to);
              out.push(
                Decoration.replace({ widget: new ImageWidget(src, alt.replace(/\]$/, '')) }).range(
                  node.from,
                  node.to,
                ),
              );
            }
          }
          return false;
        } else if (name === 'ListMark') {
          listMarkDecorations(node, state, isActive(node.from), out);
        } else if (name === 'TaskMarker') {
          if (!touches(node.from, node.to)) {
            const checked = /x/i.test(state.sliceDoc(node.from, node.to));
            out.push(
              Decoration.replace({ widget: new CheckboxWidget(checked) }).range(node.from, node.to),
            );
            if (checked) {
              const line = state.doc.lineAt(node.to);
              if (node.to + 1 < line.to) {
                out.push(Decoration.mark({ class: 'cm-md-task-done' }).range(node.to + 1, line.to));
              }
            }
          }
        } else if (name === 'Blockquote') {
          for (let pos = node.from; pos <= node.to;) {
            const line = state.doc.lineAt(pos);
            out.push(Decoration.line({ class: 'cm-md-quote' }).range(line.from));
            pos = line.to + 1;
          }
        } else if (name === 'QuoteMark') {
          if (!isActive(node.from)) {
            const after = state.sliceDoc(node.to, node.to + 1) === ' ' ? node.to + 1 : node.to;
            out.push(hidden.range(node.from, after));
          }
        } else if (name === 'HorizontalRule') {
          if (!isActive(node.from))
            out.push(Decoration.replace({ widget: new RuleWidget() }).range(node.from, node.to));
        } else if (name === 'FencedCode') {
          const first = state.doc.lineAt(node.from).number;
          const last = state.doc.lineAt(node.to).number;
          for (let n = first; n <= last; n++) {
            const cls = `cm-md-codeblock${n === first ? ' cm-md-codeblock--first' : ''}${n === last ? ' cm-md-codeblock--last' : ''}`;
            out.push(Decoration.line({ class: cls }).range(state.doc.line(n).from));
          }
        } else if (
          name === 'CodeInfo' ||
          (name === 'CodeMark' && node.node.parent?.name === 'FencedCode')
        ) {
          out.push(Decoration.mark({ class: 'cm-md-fence' }).range(node.from, node.to));
        }
        return undefined;
      },
    });
  }
  return Decoration.set(out, true);
}

function linkDecorations(
  node: SyntaxNodeRef,
  state: EditorState,
  raw: boolean,
  out: Range<Decoration>[],
) {
  const link = node.node;
  const marks = link.getChildren('LinkMark');
  const url = link.getChild('URL');
  const href = url ? state.sliceDoc(url.from, url.to) : '';
  const labelFrom = marks[0]?.to ?? node.from;
  const labelTo = marks[1]?.from ?? node.to;
  if (labelTo > labelFrom) {
    out.push(
      Decoration.mark({
        class: 'cm-md-link',
        attributes: { 'data-href': href, title: href ? `${href} — Ctrl+click to open` : '' },
      }).range(labelFrom, labelTo),
    );
  }
  if (raw || !href) return;
  out.push(hidden.range(node.from, labelFrom));
  out.push(hidden.range(labelTo, node.to));
}

function listMarkDecorations(
  node: SyntaxNodeRef,
  state: EditorState,
  active: boolean,
  out: Range<Decoration>[],
) {
  const item = node.node.parent;
  const list = item?.parent;
  const task = item?.getChild('Task');
  if (list?.name === 'OrderedList') {
    out.push(Decoration.mark({ class: 'cm-md-listmark' }).range(node.from, node.to));
    return;
  }
  if (active) return;
  const after = state.sliceDoc(node.to, node.to + 1) === ' ' ? node.to + 1 : node.to;
  if (task) out.push(hidden.range(node.from, after));
  else out.push(Decoration.replace({ widget: new BulletWidget() }).range(node.from, node.to));
}

/** The live preview's decorations, rebuilt as text, selection, focus or the parse change. */
export const livePreview = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = build(view);
    }
    update(u: ViewUpdate) {
      if (
        u.docChanged ||
        u.viewportChanged ||
        u.selectionSet ||
        u.focusChanged ||
        syntaxTree(u.startState) !== syntaxTree(u.state) ||
        u.startState.field(linkTargets, false) !== u.state.field(linkTargets, false)
      ) {
        this.decorations = build(u.view);
      }
    }
  },
  { decorations: (v) => v.decorations },
);

/**
 * Ctrl/⌘+click on a link opens it: a web link in the browser, fieldbook://doc/<id>
 * and app locations (#/<workspace>/…, e.g. an instrument run) in the app.
 */
export function linkClickHandler(open: (id: string) => void) {
  return EditorView.domEventHandlers({
    click(event) {
      if (!(event.ctrlKey || event.metaKey)) return false;
      const el = (event.target as HTMLElement).closest<HTMLElement>('.cm-md-link');
      const href = el?.dataset.href;
      if (!href) return false;
      event.preventDefault();
      const internal = /^fieldbook:\/\/doc\/(.+)$/.exec(href);
      if (internal) open(internal[1]!);
      else if (/^https?:\/\//.test(href)) window.open(href, '_blank', 'noopener,noreferrer');
      else if (href.startsWith('#/')) window.location.hash = href;
      else if (attachmentHashOf(href))
        void openAttachment(attachmentHashOf(href)!, el.textContent ?? '');
      return true;
    },
  });
}

import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

/**
 * How Markdown looks in the note: proportional prose, real heading sizes,
 * emphasis, links, monospace code with the theme's code colours. Colours are
 * the design tokens, so light and dark follow the app's theme.
 */
const markdownStyle = HighlightStyle.define([
  { tag: t.heading1, fontSize: '1.75em', fontWeight: '700', lineHeight: '1.3' },
  { tag: t.heading2, fontSize: '1.4em', fontWeight: '700', lineHeight: '1.35' },
  { tag: t.heading3, fontSize: '1.2em', fontWeight: '650' },
  { tag: [t.heading4, t.heading5, t.heading6], fontWeight: '650' },
  { tag: t.strong, fontWeight: '700' },
  { tag: t.emphasis, fontStyle: 'italic' },
  { tag: t.strikethrough, textDecoration: 'line-through', color: 'var(--color-text-muted)' },
  { tag: t.link, color: 'var(--color-accent-fg)', textDecoration: 'underline' },
  { tag: t.url, color: 'var(--color-text-subtle)' },
  { tag: t.monospace, fontFamily: 'var(--font-mono)', fontSize: '0.88em' },
  { tag: t.quote, color: 'var(--color-text-muted)' },
  { tag: [t.processingInstruction, t.contentSeparator], color: 'var(--color-text-subtle)' },
  { tag: t.meta, color: 'var(--color-text-subtle)' },
  // Code inside fenced blocks (language-data parsers).
  { tag: [t.keyword, t.operatorKeyword, t.modifier], color: 'var(--code-keyword)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--code-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--code-number)' },
  {
    tag: [t.comment, t.lineComment, t.blockComment],
    color: 'var(--code-comment)',
    fontStyle: 'italic',
  },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: 'var(--code-function)' },
  { tag: [t.typeName, t.className, t.namespace], color: 'var(--code-type)' },
  { tag: [t.propertyName, t.attributeName], color: 'var(--code-property)' },
  { tag: t.invalid, color: 'var(--color-danger-fg)' },
]);

const layout = EditorView.theme({
  '&': { backgroundColor: 'transparent', color: 'var(--color-text)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--font-prose)', lineHeight: 'var(--leading-prose)' },
  '.cm-content': { padding: '0', caretColor: 'var(--color-text)' },
  '.cm-line': { padding: '0' },
  '.cm-cursor': { borderLeftColor: 'var(--color-text)' },
  '.cm-placeholder': { color: 'var(--color-text-subtle)' },
  '.cm-ySelectionInfo': {
    opacity: '1',
    top: '-1.3em',
    fontSize: '11px',
    fontFamily: 'var(--font-sans)',
    fontWeight: '500',
    padding: '1px 5px',
    borderRadius: '3px 3px 3px 0',
    color: '#fff',
  },
  '.cm-tooltip': {
    border: '1px solid var(--color-border)',
    borderRadius: 'var(--radius-md)',
    backgroundColor: 'var(--color-surface)',
    boxShadow: 'var(--shadow-md)',
    overflow: 'hidden',
  },
  '.cm-tooltip.cm-tooltip-autocomplete > ul': {
    fontFamily: 'var(--font-sans)',
    fontSize: 'var(--text-md)',
  },
  '.cm-tooltip-autocomplete > ul > li': { padding: '4px 10px' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    backgroundColor: 'var(--color-accent-subtle)',
    color: 'var(--color-accent-fg)',
  },
  '.cm-completionDetail': {
    color: 'var(--color-text-muted)',
    fontStyle: 'normal',
    marginLeft: '8px',
  },
});

/** The editor's look: layout, tooltip and the Markdown highlight style. */
export const noteTheme = [layout, syntaxHighlighting(markdownStyle)];

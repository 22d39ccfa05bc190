import { tokenMatches, type SearchTerm } from './queryParser';
import { tokensOf, type TextToken } from './tokenize';

/** Opening and closing marks around a matched word in a snippet. */
export const MARK_OPEN = '<mark>';
export const MARK_CLOSE = '</mark>';
/** Words a snippet shows around its best match. */
const SNIPPET_WORDS = 24;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Which tokens of `tokens` belong to a match of a positive term (whole phrases only). */
function matchedTokens(tokens: readonly TextToken[], terms: readonly SearchTerm[]): boolean[] {
  const marked = new Array<boolean>(tokens.length).fill(false);
  for (const term of terms) {
    if (term.negated) continue;
    const n = term.tokens.length;
    for (let start = 0; start + n <= tokens.length; start++) {
      let ok = true;
      for (let k = 0; k < n && ok; k++) ok = tokenMatches(term, k, tokens[start + k]!.word);
      if (ok) for (let k = 0; k < n; k++) marked[start + k] = true;
    }
  }
  return marked;
}

/** `text[from, to)` escaped, with every matched token inside wrapped in marks. */
function render(
  text: string,
  tokens: readonly TextToken[],
  marked: readonly boolean[],
  from: number,
  to: number,
): string {
  let out = '';
  let at = from;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!marked[i] || t.start < from || t.end > to) continue;
    out += escapeHtml(text.slice(at, t.start)) + MARK_OPEN + escapeHtml(text.slice(t.start, t.end));
    out += MARK_CLOSE;
    at = t.end;
  }
  return out + escapeHtml(text.slice(at, to));
}

/**
 * The whole of a short text (a title) with the words the query matched
 * marked: HTML-escaped text with `<mark>…</mark>` around each match.
 */
export function highlight(text: string, terms: readonly SearchTerm[]): string {
  const tokens = tokensOf(text);
  return render(text, tokens, matchedTokens(tokens, terms), 0, text.length);
}

/**
 * A short passage of `text` around its densest run of matches: about
 * SNIPPET_WORDS words, HTML-escaped, each matched word in
 * `<mark>…</mark>`, `…` where the text was cut. Without a match, the start
 * of the text. Used by the server and the offline index alike, so both
 * give the same hit.
 */
export function snippet(text: string, terms: readonly SearchTerm[]): string {
  const tokens = tokensOf(text);
  if (tokens.length === 0) return escapeHtml(text.trim().slice(0, 200));
  const marked = matchedTokens(tokens, terms);
  const n = tokens.length;
  const sums = [0];
  for (let i = 0; i < n; i++) sums.push(sums[i]! + (marked[i] ? 1 : 0));
  let best = 0;
  for (let s = 1; s + SNIPPET_WORDS <= n; s++) {
    if (sums[s + SNIPPET_WORDS]! - sums[s]! > sums[best + SNIPPET_WORDS]! - sums[best]!) best = s;
  }
  // Start a few words before the window's first match, so it reads in context.
  const first = marked.indexOf(true, best);
  if (first !== -1) best = Math.max(0, Math.min(first - 3, n - SNIPPET_WORDS));
  const lastIndex = Math.min(tokens.length, best + SNIPPET_WORDS) - 1;
  const from = best === 0 ? 0 : tokens[best]!.start;
  const to = lastIndex === tokens.length - 1 ? text.length : tokens[lastIndex]!.end;
  const body = render(text, tokens, marked, from, to).trim().replace(/\s+/g, ' ');
  return (from > 0 ? '…' : '') + body + (to < text.length ? '…' : '');
}

/** A snippet or highlight split into plain and marked parts, for a UI to render as text. */
export function snippetParts(marked: string): { text: string; mark: boolean }[] {
  const parts: { text: string; mark: boolean }[] = [];
  const unescape = (s: string) =>
    s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) =>
      e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : "'",
    );
  const pieces = marked.split(/(<mark>[\s\S]*?<\/mark>)/);
  for (const piece of pieces) {
    if (!piece) continue;
    const isMark = piece.startsWith(MARK_OPEN) && piece.endsWith(MARK_CLOSE);
    const inner = isMark ? piece.slice(MARK_OPEN.length, -MARK_CLOSE.length) : piece;
    parts.push({ text: unescape(inner), mark: isMark });
  }
  return parts;
}

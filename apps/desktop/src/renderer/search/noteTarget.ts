import { tokenMatches, tokensOf, type SearchTerm } from '@fieldbook/shared';

let pending: { docId: string; terms: SearchTerm[] } | null = null;

/** Asks the note editor to open `docId` at the first match of `terms` (a search hit). */
export function openNoteAt(docId: string, terms: SearchTerm[]): void {
  pending = { docId, terms };
}

/** The pending match for note `docId`, taken (returned once). */
export function takeNoteTarget(docId: string): SearchTerm[] | null {
  if (!pending || pending.docId !== docId) return null;
  const { terms } = pending;
  pending = null;
  return terms;
}

/** Where the first positive term matches in `text` (UTF-16 offsets of the whole phrase), or null. */
export function firstMatch(
  text: string,
  terms: readonly SearchTerm[],
): { from: number; to: number } | null {
  const tokens = tokensOf(text);
  let best: { from: number; to: number } | null = null;
  for (const term of terms) {
    if (term.negated) continue;
    const n = term.tokens.length;
    for (let i = 0; i + n <= tokens.length; i++) {
      let ok = true;
      for (let k = 0; k < n && ok; k++) ok = tokenMatches(term, k, tokens[i + k]!.word);
      if (!ok) continue;
      if (!best || tokens[i]!.start < best.from)
        best = { from: tokens[i]!.start, to: tokens[i + n - 1]!.end };
      break;
    }
  }
  return best;
}

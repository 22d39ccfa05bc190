/**
 * The one notion of a "word" for search, shared by the server index (SQLite
 * FTS5's `unicode61` tokenizer with `remove_diacritics 2`) and the offline
 * index in the app: runs of letters and digits, folded to lower case with
 * diacritics removed. Everything else separates words.
 */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}/gu;

/** A word folded for comparison: lower case, no diacritics. */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/** A word of a text with where it stands in that text (UTF-16 offsets). */
export interface TextToken {
  /** The folded word. */
  word: string;
  start: number;
  end: number;
}

/** The folded words of `text` with their offsets; marks alone make no word. */
export function tokensOf(text: string): TextToken[] {
  const out: TextToken[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = foldWord(m[0]);
    if (word) out.push({ word, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The folded words of `text`, in order (the tokenizer of the offline index). */
export function wordsOf(text: string): string[] {
  return tokensOf(text).map((t) => t.word);
}

import { z } from 'zod';
import { FieldbookError } from './errors';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The one rule for text a person or a client hands Fieldbook (names, titles,
 * tags, bodies, REST fields): why `value` cannot be stored as text — a NUL
 * character (cuts strings short in C libraries, SQLite and logs) or a lone
 * surrogate (not Unicode: it cannot be encoded as UTF-8 and turns into U+FFFD
 * somewhere else, so two replicas would disagree) — or null when it can.
 */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must not contain lone surrogates (invalid Unicode)';
  return null;
}

/**
 * A zod string that refuses what `textProblem` names; chain further checks
 * as usual (`text().trim().min(1).max(200)`). Every schema that takes user
 * text builds on it.
 */
export function text(): z.ZodString {
  return z.string().superRefine((value, ctx) => {
    const problem = textProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes UTF-8 bytes, refusing malformed sequences with VALIDATION_ERROR
 * instead of replacing them with U+FFFD (what `TextDecoder` does by default,
 * which would store something the sender never sent).
 */
export function decodeUtf8Strict(bytes: Uint8Array, what = 'text'): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new FieldbookError('VALIDATION_ERROR', `Invalid ${what}: not valid UTF-8`);
  }
}

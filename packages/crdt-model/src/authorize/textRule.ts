import * as Y from 'yjs';
import { textProblem } from '@fieldbook/shared';

function valueProblem(value: unknown, depth = 0): string | null {
  if (typeof value === 'string') return textProblem(value);
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  if (value instanceof Uint8Array) return null;
  if (Array.isArray(value)) {
    for (const v of value) {
      const p = valueProblem(v, depth + 1);
      if (p) return p;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const p = textProblem(k) ?? valueProblem(v, depth + 1);
    if (p) return p;
  }
  return null;
}

/**
 * Packages/shared's text rule (no NUL, no lone surrogates) over every string an
 * update carries: text insertions, plain values and their keys, map keys and
 * root names. One rule for text entering through the model, whatever the field.
 */
export function updateTextProblem(structs: readonly (Y.Item | Y.GC)[]): string | null {
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const problem =
      (struct.parentSub !== null ? textProblem(struct.parentSub) : null) ??
      (typeof struct.parent === 'string' ? textProblem(struct.parent) : null) ??
      contentProblem(struct.content);
    if (problem) return problem;
  }
  return null;
}

function contentProblem(content: Y.Item['content']): string | null {
  if (content instanceof Y.ContentString) return textProblem(content.str);
  if (content instanceof Y.ContentAny) return valueProblem(content.arr);
  if (content instanceof Y.ContentFormat)
    return textProblem(content.key) ?? valueProblem(content.value);
  if (content instanceof Y.ContentEmbed) return valueProblem(content.embed);
  if (content instanceof Y.ContentJSON) return valueProblem(content.arr);
  return null;
}

import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { linkTargets } from './linkTargets';

const KIND = { note: 'note', view: 'chart', annotations: 'annotations' } as const;

/**
 * Completes `[[` with the workspace's documents by title; choosing one
 * writes `[[<id>]]` (the link crdt-model reads for backlinks), which the live
 * preview shows as the title — a link that survives renames.
 */
export function wikiLinkCompletion(selfId: string) {
  return (context: CompletionContext): CompletionResult | null => {
    const match = context.matchBefore(/\[\[[^\]\n]*$/);
    if (!match) return null;
    const targets = context.state.field(linkTargets, false);
    if (!targets) return null;
    const closing = context.state.sliceDoc(context.pos, context.pos + 2) === ']]' ? 2 : 0;
    return {
      from: match.from + 2,
      validFor: /^[^\]\n]*$/,
      options: [...targets.values()]
        .filter((t) => t.id !== selfId)
        .map((t) => ({
          label: t.title || 'Untitled',
          detail: KIND[t.kind],
          type: 'text',
          apply: (view, _completion, _from, to) => {
            const insert = `[[${t.id}]]`;
            view.dispatch({
              changes: { from: match.from, to: to + closing, insert },
              selection: { anchor: match.from + insert.length },
              userEvent: 'input.complete',
            });
          },
        })),
    };
  };
}

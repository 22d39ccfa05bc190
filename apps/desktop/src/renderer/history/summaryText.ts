import type { ChangeSummary, HistoryEntry, IdList } from '@fieldbook/shared';

// A history entry in plain words, e.g. "Typed 42 characters under “Setup”"
// or "Created “Dust storm” · approved 2 annotations".

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "“Dust storm”" for one labelled id, else "3 annotations". */
function things(list: IdList | undefined, labels: Record<string, string>, noun: string): string {
  if (!list || list.count === 0) return '';
  const label = list.count === 1 ? labels[list.ids[0] ?? ''] : undefined;
  return label ? `“${label}”` : plural(list.count, noun);
}

/** Parts of a summary as short phrases, most telling first. */
export function summaryPhrases(summary: ChangeSummary): string[] {
  const out: string[] = [];
  const labels = summary.labels ?? {};
  const { text, annotations: a, comments: c, panels: p } = summary;
  if (text) {
    const typed = text.inserted ? `typed ${plural(text.inserted, 'character')}` : '';
    const deleted = text.deleted ? `deleted ${plural(text.deleted, 'character')}` : '';
    const where = text.headings.length ? ` under “${text.headings[0]}”` : '';
    out.push([typed, deleted].filter(Boolean).join(', ') + where);
  }
  if (summary.renamed) out.push(`renamed to “${summary.renamed.to}”`);
  if (summary.tags?.added.length) out.push(`tagged ${summary.tags.added.join(', ')}`);
  if (summary.tags?.removed.length) out.push(`untagged ${summary.tags.removed.join(', ')}`);
  if (summary.attachments?.added) out.push(`attached ${plural(summary.attachments.added, 'file')}`);
  if (summary.attachments?.removed)
    out.push(`removed ${plural(summary.attachments.removed, 'file')}`);
  const verbs: [keyof NonNullable<typeof a>, string][] = [
    ['created', 'created'],
    ['edited', 'edited'],
    ['moved', 'moved'],
    ['approved', 'approved'],
    ['reopened', 'reopened'],
    ['deleted', 'deleted'],
  ];
  for (const [key, verb] of verbs) {
    const what = things(a?.[key] as IdList | undefined, labels, 'annotation');
    if (what) out.push(`${verb} ${what}`);
  }
  if (c?.added) out.push(`commented ${plural(c.added, 'time')}`);
  if (c?.resolved) out.push(`resolved ${plural(c.resolved, 'comment')}`);
  for (const verb of ['added', 'removed', 'changed'] as const) {
    const what = things(p?.[verb], labels, 'panel');
    if (what) out.push(what.startsWith('“') ? `${verb} panel ${what}` : `${verb} ${what}`);
  }
  if (summary.channels?.added?.length) out.push(`charted ${summary.channels.added.join(', ')}`);
  if (summary.channels?.removed?.length) out.push(`removed ${summary.channels.removed.join(', ')}`);
  if (out.length === 0 && summary.other) out.push(plural(summary.other, 'other change'));
  return out;
}

/** One line saying what an entry did; `versionName` names the version a restore brought back. */
export function entryText(entry: HistoryEntry, versionName?: string | null): string {
  if (entry.kind === 'restore') {
    return versionName ? `Restored “${versionName}”` : 'Restored an earlier version';
  }
  if (entry.kind === 'import') return 'Imported from a workspace file';
  if (entry.kind === 'merge') return 'Merged a branch';
  if (entry.kind === 'fork') return 'Branched from another collection';
  const phrases = summaryPhrases(entry.summary);
  if (phrases.length === 0) return 'Created the document';
  const line = phrases.slice(0, 3).join(' · ');
  return line.charAt(0).toUpperCase() + line.slice(1);
}

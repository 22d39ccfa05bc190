import type { AlertRule } from '@fieldbook/shared';

/** Comma- or newline-separated words as a list, blanks dropped; undefined when empty. */
export function listOf(text: string): string[] | undefined {
  const items = [
    ...new Set(
      text
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  return items.length > 0 ? items : undefined;
}

/** A rule's condition in a line: "kind point · tags anomaly · keywords spike", or every annotation. */
export function conditionText(c: AlertRule['condition']): string {
  const parts = [
    c.kinds?.length ? `kind ${c.kinds.join(', ')}` : null,
    c.tags?.length ? `tags ${c.tags.join(', ')}` : null,
    c.keywords?.length ? `words ${c.keywords.join(', ')}` : null,
    c.channels?.length ? `channels ${c.channels.join(', ')}` : null,
    c.status ? (c.status === 'approved' ? 'approved' : 'awaiting review') : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'Every annotation';
}

/** "Every match" or "≥ 3 within 10 min". */
export function thresholdText(t: AlertRule['threshold']): string {
  if (!t) return 'Every match';
  const minutes = t.windowMs / 60_000;
  const window =
    minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.round(minutes)} min`;
  return `≥ ${t.count} within ${window}`;
}

/** Who a firing tells: "admins, reviewers · webhooks". */
export function actionsText(a: AlertRule['actions']): string {
  const parts = [
    ...a.notifyRoles.map((r) => `${r}s`),
    ...(a.notifyUsers.length ? [`${a.notifyUsers.length} members`] : []),
    ...(a.webhook ? ['webhooks'] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : 'Nobody (recorded only)';
}

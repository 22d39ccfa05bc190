import type { AuditEntry } from './types';

/** The CSV columns of an audit export, in order. */
export const CSV_COLUMNS = [
  'seq',
  'id',
  'time',
  'actorType',
  'actorId',
  'actorLabel',
  'action',
  'outcome',
  'resourceType',
  'resourceId',
  'workspaceId',
  'summary',
  'ip',
  'requestId',
  'keyId',
  'prevHash',
  'hash',
] as const;

/**
 * One CSV cell (RFC 4180 quoting). A cell a spreadsheet would run as a formula
 * (leading = + - @ tab or CR) is prefixed with an apostrophe.
 */
function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Audit entries as CSV text with a header row, CRLF line ends. */
export function toCsv(entries: readonly AuditEntry[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) {
    lines.push(
      [
        e.seq,
        e.id,
        new Date(e.ts).toISOString(),
        e.actor.type,
        e.actor.id,
        e.actor.label,
        e.action,
        e.outcome,
        e.resource.type,
        e.resource.id,
        e.workspaceId,
        e.summary === null ? null : JSON.stringify(e.summary),
        e.ip,
        e.requestId,
        e.keyId,
        e.prevHash,
        e.hash,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

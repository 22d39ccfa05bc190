import { isFiltering, type AnnotationFilter } from '@fieldbook/shared';
import { iso } from '../streams';

/** A filter in words, for a report's title page. */
export function describeFilter(
  f: AnnotationFilter,
  names: { collections: Map<string, string>; author: string | null },
): string[] {
  if (!isFiltering(f)) return ['All annotations of the workspace'];
  const lines: string[] = [];
  if (f.collections?.length)
    lines.push(
      `Collections: ${f.collections.map((id) => names.collections.get(id) ?? id).join(', ')}`,
    );
  if (f.tags?.length) lines.push(`Tags (any): ${f.tags.join(', ')}`);
  if (f.author) lines.push(`Author: ${names.author ?? f.author}`);
  if (f.status) lines.push(`Status: ${f.status}`);
  if (f.from !== undefined || f.to !== undefined)
    lines.push(
      `Time: ${f.from === undefined ? 'any' : iso(f.from)} – ${f.to === undefined ? 'any' : iso(f.to)}`,
    );
  if (f.channels?.length) lines.push(`Channels (any): ${f.channels.join(', ')}`);
  return lines;
}

/** A duration in words (ms → "2 h 5 min", "350 ms"). */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  const parts = [
    [Math.floor(s / 86400), 'd'],
    [Math.floor((s % 86400) / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'min'],
    [s % 60, 's'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .slice(0, 2)
    .map(([n, u]) => `${n} ${u}`)
    .join(' ');
}

/** A byte count in words. */
export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

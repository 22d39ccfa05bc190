import { useSyncExternalStore } from 'react';
import type { SearchFilters } from '@fieldbook/shared';

/** What the search palette shows: closed, or open with a query and filters. */
export type PaletteState =
  { open: false } | { open: true; q: string; filters: SearchFilters; savedName: string | null };

let state: PaletteState = { open: false };
const listeners = new Set<() => void>();
const set = (next: PaletteState) => {
  state = next;
  for (const l of listeners) l();
};

/** Opens the palette (Ctrl/⌘+K, the sidebar box, a saved search) with this query. */
export function openPalette(
  q = '',
  filters: SearchFilters = {},
  savedName: string | null = null,
): void {
  set({ open: true, q, filters, savedName });
}

export function closePalette(): void {
  set({ open: false });
}

/** The palette's state in React. */
export function usePaletteState(): PaletteState {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    () => state,
  );
}

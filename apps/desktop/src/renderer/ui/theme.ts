import { useMemo, useSyncExternalStore } from 'react';

/** What the user chose in Preferences: a fixed theme, or follow the operating system. */
export type ThemePreference = 'light' | 'dark' | 'system';
/** The theme in effect. */
export type ResolvedTheme = 'light' | 'dark';

const STORAGE_KEY = 'fieldbook.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';
const listeners = new Set<() => void>();

function readPreference(): ThemePreference {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

function systemTheme(): ResolvedTheme {
  return window.matchMedia?.(DARK_QUERY).matches ? 'dark' : 'light';
}

let preference: ThemePreference = 'system';
let resolved: ResolvedTheme = 'light';
let snapshot: { preference: ThemePreference; resolved: ResolvedTheme } = { preference, resolved };

function apply(): void {
  resolved = preference === 'system' ? systemTheme() : preference;
  document.documentElement.dataset.theme = resolved;
  snapshot = { preference, resolved };
  for (const listener of listeners) listener();
}

/**
 * Reads the saved preference, sets `data-theme` on <html> and follows the OS
 * while the preference is "system". Call once before the first render.
 */
export function installTheme(): void {
  preference = readPreference();
  apply();
  window.matchMedia?.(DARK_QUERY).addEventListener('change', () => {
    if (preference === 'system') apply();
  });
  // Another window of the app changed it.
  window.addEventListener('storage', (e) => {
    if (e.key !== STORAGE_KEY) return;
    preference = readPreference();
    apply();
  });
}

/** Saves the preference and applies it at once. */
export function setThemePreference(next: ThemePreference): void {
  preference = next;
  if (next === 'system') localStorage.removeItem(STORAGE_KEY);
  else localStorage.setItem(STORAGE_KEY, next);
  apply();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The theme preference and the theme in effect; re-renders when either changes. */
export function useTheme(): {
  preference: ThemePreference;
  resolved: ResolvedTheme;
  setPreference: (next: ThemePreference) => void;
} {
  const current = useSyncExternalStore(subscribe, () => snapshot);
  return { ...current, setPreference: setThemePreference };
}

/** Colours a canvas drawing (charts) needs, read from the tokens of the theme in effect. */
export interface ThemeTokens {
  readonly theme: ResolvedTheme;
  readonly background: string;
  readonly text: string;
  readonly axis: string;
  readonly grid: string;
  readonly crosshair: string;
  readonly accent: string;
  readonly danger: string;
  /** Warnings (a channel's warning limits). */
  readonly warning: string;
  /** Series colours in order; use `series[i % series.length]`. */
  readonly series: readonly string[];
  readonly fontSans: string;
  readonly fontMono: string;
}

/** The chart-relevant tokens of the theme in effect, as plain strings (CSS variables resolved). */
export function readThemeTokens(): ThemeTokens {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    theme: snapshot.resolved,
    background: v('--chart-bg'),
    text: v('--chart-text'),
    axis: v('--chart-axis'),
    grid: v('--chart-grid'),
    crosshair: v('--chart-crosshair'),
    accent: v('--color-accent'),
    danger: v('--color-danger'),
    warning: v('--color-warning'),
    series: Array.from({ length: 8 }, (_, i) => v(`--chart-series-${i + 1}`)),
    fontSans: v('--font-sans'),
    fontMono: v('--font-mono'),
  };
}

/**
 * React hook for canvas code (uPlot): the theme's resolved colours, a new
 * object whenever the theme changes, so a chart can redraw with them.
 */
export function useThemeTokens(): ThemeTokens {
  const { resolved: theme } = useTheme();
  // Recomputed per theme: the variables change under data-theme.
  return useMemo(() => ({ ...readThemeTokens(), theme }), [theme]);
}

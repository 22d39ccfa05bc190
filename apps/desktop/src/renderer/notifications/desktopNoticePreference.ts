import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'fieldbook.desktopNotifications';
const listeners = new Set<() => void>();

/** Whether the user asked for desktop notifications (off until they turn it on). */
export function desktopNoticesEnabled(): boolean {
  return localStorage.getItem(STORAGE_KEY) === 'on';
}

/** Saves the preference and tells its readers. */
export function setDesktopNoticesEnabled(on: boolean): void {
  if (on) localStorage.setItem(STORAGE_KEY, 'on');
  else localStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener();
}

/** The preference, re-rendering when Preferences changes it. */
export function useDesktopNoticesEnabled(): boolean {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, desktopNoticesEnabled);
}

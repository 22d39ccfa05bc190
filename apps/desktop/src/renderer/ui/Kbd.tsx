const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const NAMES: Record<string, string> = isMac
  ? { Mod: '⌘', Alt: '⌥', Shift: '⇧', Ctrl: '⌃', Enter: '↩', Escape: 'Esc' }
  : { Mod: 'Ctrl', Enter: 'Enter', Escape: 'Esc' };

/** A shortcut in the platform's words: "Mod+K" reads "Ctrl+K" on Linux and Windows, "⌘K" on a Mac. */
export function shortcutText(shortcut: string): string {
  const parts = shortcut.split('+').map((p) => NAMES[p] ?? p);
  return parts.join(isMac ? '' : '+');
}

/** A keyboard hint, e.g. <Kbd shortcut="Mod+N" />. */
export function Kbd({ shortcut }: { shortcut: string }) {
  return <kbd className="ui-kbd">{shortcutText(shortcut)}</kbd>;
}

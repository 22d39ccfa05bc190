import { useEffect, useState } from 'react';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import { afterStartup, endStartup } from '../shell/startupGate';
import { LocalSearch, type LocalIndexProgress } from './localSearchClient';
import { usePaletteState } from './paletteState';
import { SearchPalette } from './SearchPalette';

/**
 * Keeps the offline search index of the open workspace (a worker that
 * starts building once the workspace's first screen is up) and shows the palette when
 * asked (Ctrl/⌘+K, the sidebar box, a saved search).
 */
export function SearchHost({ state, actions }: { state: AppState; actions: ShellActions }) {
  const palette = usePaletteState();
  const profileId = state.session?.profileId ?? null;
  const workspaceId = state.workspace?.id ?? null;
  const [local, setLocal] = useState<LocalSearch | null>(null);
  const [progress, setProgress] = useState<LocalIndexProgress>({
    done: 0,
    total: 0,
    updates: 0,
  });
  useEffect(() => {
    if (!profileId || !workspaceId) return;
    let search: LocalSearch | null = null;
    let live = true;
    // The index reads every local copy: after the first screen (see startupGate).
    void afterStartup().then(() => {
      if (!live) return;
      search = new LocalSearch(profileId, workspaceId, setProgress);
      setLocal(search);
    });
    return () => {
      live = false;
      search?.destroy();
      setLocal(null);
    };
  }, [profileId, workspaceId]);
  // A search in the first seconds needs the index now.
  useEffect(() => {
    if (palette.open) endStartup();
  }, [palette.open]);
  if (!palette.open || !local || !state.workspace) return null;
  return (
    <SearchPalette
      palette={palette}
      local={local}
      progress={progress}
      state={state}
      actions={actions}
    />
  );
}

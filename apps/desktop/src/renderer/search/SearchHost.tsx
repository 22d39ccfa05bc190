import { useEffect, useState } from 'react';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import { LocalSearch, type LocalIndexProgress } from './localSearchClient';
import { usePaletteState } from './paletteState';
import { SearchPalette } from './SearchPalette';

/**
 * Keeps the offline search index of the open workspace (a worker that
 * starts building when the workspace opens) and shows the palette when
 * asked (Ctrl/⌘+K, the sidebar box, a saved search).
 */
export function SearchHost({ state, actions }: { state: AppState; actions: ShellActions }) {
  const palette = usePaletteState();
  const profileId = state.session?.profileId ?? null;
  const workspaceId = state.workspace?.id ?? null;
  const [local, setLocal] = useState<LocalSearch | null>(null);
  const [progress, setProgress] = useState<LocalIndexProgress>({ done: 0, total: 0 });
  useEffect(() => {
    if (!profileId || !workspaceId) return;
    const search = new LocalSearch(profileId, workspaceId, setProgress);
    setLocal(search);
    return () => {
      search.destroy();
      setLocal(null);
    };
  }, [profileId, workspaceId]);
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

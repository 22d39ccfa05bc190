import type { ShellActions } from '../actions';
import type { AppStateStore } from '../appState';
import { formatLocation, parseLocation, sameRoute } from './route';
import { rememberRoute } from './routeMemory';

/**
 * Keeps the URL hash and the app state's route in step: a navigation in the
 * app writes the hash (a new history entry, so Back works), Back/Forward or
 * an edited hash navigate the app. The hash is left alone until a workspace
 * is open, so the one a reload started with is still there to be followed.
 */
export function installRouteSync(store: AppStateStore, actions: ShellActions): () => void {
  let shownWorkspace: string | null = null;
  const unsubscribe = store.subscribe(() => {
    const { workspace, route, session } = store.get();
    if (!workspace || !session) return;
    const hash = formatLocation({ workspaceId: workspace.id, route });
    if (window.location.hash === hash) return;
    // A workspace just opened replaces the entry it was opened from; moves inside it add one.
    if (shownWorkspace === workspace.id) history.pushState(null, '', hash);
    else history.replaceState(null, '', hash);
    shownWorkspace = workspace.id;
    rememberRoute(session.profileId, workspace.id, route);
  });
  const follow = () => {
    const { workspace, workspaces, route } = store.get();
    const asked = parseLocation(window.location.hash);
    if (!asked.workspaceId || !workspace) return;
    if (asked.workspaceId !== workspace.id) {
      if (workspaces.some((w) => w.id === asked.workspaceId)) {
        shownWorkspace = asked.workspaceId;
        actions.openWorkspace(asked.workspaceId, asked.route);
      }
      return;
    }
    if (!sameRoute(asked.route, route)) actions.navigate(asked.route);
  };
  window.addEventListener('popstate', follow);
  window.addEventListener('hashchange', follow);
  return () => {
    unsubscribe();
    window.removeEventListener('popstate', follow);
    window.removeEventListener('hashchange', follow);
  };
}

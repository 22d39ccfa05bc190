// Where the user is inside the app, as a small typed value kept in app state
// and mirrored in the URL hash (#/<workspace>/doc/<id>, #/<workspace>/<screen>),
// so a reload — or a restart, from the last one remembered — reopens it.

/** The main area's content. */
export type Route =
  /** The workspace's start page (nothing chosen). */
  | { readonly kind: 'home' }
  /** A document: note, chart or annotation collection. */
  | { readonly kind: 'doc'; readonly docId: string }
  /**
   * A workspace-level screen registered in shell/registry.tsx (trash, members, settings…);
   * `item` is what it shows inside, e.g. "<instrumentId>/runs/<runId>" (up to three segments).
   */
  | { readonly kind: 'screen'; readonly screen: string; readonly item?: string };

/** A route together with the workspace it belongs to. */
export interface Location {
  readonly workspaceId: string | null;
  readonly route: Route;
}

/** The start page. */
export const HOME: Route = { kind: 'home' };

const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether two routes show the same thing. */
export function sameRoute(a: Route, b: Route): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'doc') return a.docId === (b as typeof a).docId;
  if (a.kind === 'screen')
    return a.screen === (b as typeof a).screen && a.item === (b as typeof a).item;
  return true;
}

/** The hash for a location, e.g. "#/0190…/doc/0190…"; "" when no workspace is open. */
export function formatLocation({ workspaceId, route }: Location): string {
  if (!workspaceId) return '';
  const base = `#/${encodeURIComponent(workspaceId)}`;
  if (route.kind === 'doc') return `${base}/doc/${encodeURIComponent(route.docId)}`;
  if (route.kind === 'screen') {
    const item = route.item ? `/${route.item.split('/').map(encodeURIComponent).join('/')}` : '';
    return `${base}/${encodeURIComponent(route.screen)}${item}`;
  }
  return base;
}

/**
 * Reads a hash back into a location. Anything it does not understand (a
 * hand-edited or old URL) reads as the workspace's home, or as no location.
 */
export function parseLocation(hash: string): Location {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(safeDecode);
  const [workspaceId, first, second, ...more] = parts;
  if (!workspaceId || !SEGMENT.test(workspaceId)) return { workspaceId: null, route: HOME };
  if (first === 'doc' && second && SEGMENT.test(second)) {
    return { workspaceId, route: { kind: 'doc', docId: second } };
  }
  if (first && first !== 'doc' && SEGMENT.test(first)) {
    if (!second) return { workspaceId, route: { kind: 'screen', screen: first } };
    const item = [second, ...more];
    if (item.length <= 3 && item.every((p) => SEGMENT.test(p)))
      return { workspaceId, route: { kind: 'screen', screen: first, item: item.join('/') } };
  }
  return { workspaceId, route: HOME };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return '';
  }
}

import * as Y from 'yjs';
import type { PanelChannel } from '@fieldbook/shared';
import type { Ordered } from '../fractionalIndex';
import { byOrder } from '../fractionalIndex';
import { notFound } from '../validate';

// A telemetry view document: root `meta` {kind, schemaVersion, title} and
// `panels` id → Y.Map { id, title, order, timeWindow (plain value),
// channels (channelId → Y.Map { channelId, axisId, color, order }),
// yAxes (axisId → { label, min, max }), overlays (collectionId → { tags }) }.
// Panels and a panel's channels are shown sorted by (order, id).

/** The view's panels, id → Y.Map. */
export const panelsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('panels');
/** A panel's channels, channelId → Y.Map. */
export const panelChannelsOf = (panel: Y.Map<unknown>) =>
  panel.get('channels') as Y.Map<Y.Map<unknown>>;
/** A panel's y-axes, axisId → { label, min, max }. */
export const panelAxesOf = (panel: Y.Map<unknown>) => panel.get('yAxes') as Y.Map<unknown>;
/** A panel's annotation overlays, collectionId → { tags }. */
export const panelOverlaysOf = (panel: Y.Map<unknown>) => panel.get('overlays') as Y.Map<unknown>;

/** Panel `id`, or RESOURCE_NOT_FOUND. */
export function requirePanel(doc: Y.Doc, id: string): Y.Map<unknown> {
  const panel = panelsOf(doc).get(id);
  if (!panel) throw notFound('panel', id);
  return panel;
}

/** The (id, order) pairs of a map of ordered items, in display order, leaving out `except`. */
export function orderedKeys(items: Y.Map<Y.Map<unknown>>, except?: string): Ordered[] {
  const list: Ordered[] = [];
  for (const [id, item] of items.entries()) {
    if (id === except) continue;
    const order = item.get('order');
    list.push({ id, order: typeof order === 'string' ? order : '' });
  }
  return byOrder(list);
}

/** A panel channel's map; used by addPanel and addPanelChannel. */
export function channelMap(c: PanelChannel, order: string): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  map.set('channelId', c.channelId);
  map.set('axisId', c.axisId);
  map.set('color', c.color);
  map.set('order', order);
  return map;
}

import type * as Y from 'yjs';
import {
  addPanel,
  createAnnotationCollection,
  createDocumentEntry,
  createTelemetryView,
  kindOf,
  setPanelOverlay,
  type ModelOrigin,
} from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';

/** Title of a chart made with "New chart". */
export const NEW_CHART_TITLE = 'New chart';

/**
 * Adds a chart to the workspace index: the telemetry view `viewId` and the
 * annotation collection it overlays (owned by the view: the sidebar lists the
 * chart once), both born here (offline too). Returns the collection's id.
 */
export function createChartEntries(indexDoc: Y.Doc, viewId: string, origin: ModelOrigin): string {
  const collectionId = newId();
  createDocumentEntry(
    indexDoc,
    {
      id: collectionId,
      kind: 'annotations',
      title: `${NEW_CHART_TITLE} annotations`,
      ownerId: viewId,
    },
    origin,
  );
  createDocumentEntry(indexDoc, { id: viewId, kind: 'view', title: NEW_CHART_TITLE }, origin);
  return collectionId;
}

/** Fills an empty view document: one live "last 5 minutes" panel overlaying the collection. */
export function initChartView(doc: Y.Doc, collectionId: string, origin: ModelOrigin): void {
  if (kindOf(doc) !== null) return;
  createTelemetryView(doc, { title: NEW_CHART_TITLE }, origin);
  const panelId = addPanel(
    doc,
    { title: 'Panel 1', timeWindow: { mode: 'live', lastMs: 5 * 60_000 } },
    origin,
  );
  setPanelOverlay(doc, { panelId, collectionId }, origin);
}

/** Makes an empty document an annotation collection (no-op when it already is one). */
export function initCollection(doc: Y.Doc, origin: ModelOrigin): void {
  if (kindOf(doc) === null) createAnnotationCollection(doc, { name: 'Annotations' }, origin);
}

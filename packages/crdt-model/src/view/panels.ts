import * as Y from 'yjs';
import { z } from 'zod';
import {
  FieldbookError,
  IdSchema,
  PanelChannelSchema,
  PanelSchema,
  TelemetryViewSnapshotSchema,
  TimeWindowSchema,
  YAxisSchema,
  newId,
} from '@fieldbook/shared';
import { keyBetween, keyForIndex } from '../fractionalIndex';
import type { ModelOrigin } from '../origin';
import { beginChange, beginCreate, metaOf, writeMeta } from '../schemaVersion';
import { parseInput } from '../validate';
import { channelMap, orderedKeys, panelsOf, requirePanel } from './structure';

const TitleInput = z.strictObject({ title: TelemetryViewSnapshotSchema.shape.title });
const Index = z.number().int().nonnegative();

/** Makes an empty document into a telemetry view with a title and no panels. */
export function createTelemetryView(
  doc: Y.Doc,
  input: { title: string },
  origin: ModelOrigin,
): void {
  beginCreate(doc, 'view', origin);
  const { title } = parseInput(TitleInput, input, 'telemetry view');
  doc.transact(() => writeMeta(doc, 'view', { title }), origin);
}

/** Gives the view a new title. */
export function renameView(doc: Y.Doc, input: { title: string }, origin: ModelOrigin): void {
  beginChange(doc, 'view', origin);
  const { title } = parseInput(TitleInput, input, 'view title');
  doc.transact(() => metaOf(doc).set('title', title), origin);
}

/** The axis every new panel has unless others are given. */
export const DEFAULT_AXIS = { id: 'y', label: '', min: null, max: null } as const;
/** The time window of a new panel unless given: live, last 15 minutes. */
export const DEFAULT_TIME_WINDOW = { mode: 'live', lastMs: 15 * 60_000 } as const;

/** Input of addPanel; `index` is the display position (default: last). */
export const AddPanelInputSchema = z
  .strictObject({
    id: IdSchema.optional(),
    title: PanelSchema.shape.title.default(''),
    index: Index.optional(),
    timeWindow: TimeWindowSchema.default(DEFAULT_TIME_WINDOW),
    yAxes: z.array(YAxisSchema).min(1).max(16).default([DEFAULT_AXIS]),
    channels: z.array(PanelChannelSchema).max(64).default([]),
  })
  .superRefine((p, ctx) => {
    const axes = new Set(p.yAxes.map((a) => a.id));
    if (axes.size !== p.yAxes.length) {
      ctx.addIssue({ code: 'custom', path: ['yAxes'], message: 'axis ids must be unique' });
    }
    if (new Set(p.channels.map((c) => c.channelId)).size !== p.channels.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['channels'],
        message: 'a channel appears once a panel',
      });
    }
    for (const [i, c] of p.channels.entries()) {
      if (!axes.has(c.axisId)) {
        ctx.addIssue({ code: 'custom', path: ['channels', i, 'axisId'], message: 'no such axis' });
      }
    }
  });

/** Adds a chart panel at `index` (default: last); returns its id. */
export function addPanel(
  doc: Y.Doc,
  input: z.input<typeof AddPanelInputSchema>,
  origin: ModelOrigin,
): string {
  const now = beginChange(doc, 'view', origin);
  const p = parseInput(AddPanelInputSchema, input, 'panel');
  const id = p.id ?? newId(now);
  if (panelsOf(doc).has(id)) throw new FieldbookError('CONFLICT', `Panel ${id} exists`, { id });
  const others = orderedKeys(panelsOf(doc));
  const order = keyForIndex(others, p.index ?? others.length);
  doc.transact(() => {
    const panel = new Y.Map<unknown>();
    panelsOf(doc).set(id, panel);
    panel.set('id', id);
    panel.set('title', p.title);
    panel.set('order', order);
    panel.set('timeWindow', { ...p.timeWindow });
    const axes = new Y.Map<unknown>();
    for (const a of p.yAxes) axes.set(a.id, { label: a.label, min: a.min, max: a.max });
    panel.set('yAxes', axes);
    panel.set('overlays', new Y.Map<unknown>());
    const channels = new Y.Map<Y.Map<unknown>>();
    panel.set('channels', channels);
    let last: string | null = null;
    for (const c of p.channels) {
      last = keyBetween(last, null);
      channels.set(c.channelId, channelMap(c, last));
    }
  }, origin);
  return id;
}

const PanelIdInput = z.strictObject({ panelId: IdSchema });

/** Removes a panel from the view. */
export function removePanel(doc: Y.Doc, input: { panelId: string }, origin: ModelOrigin): void {
  beginChange(doc, 'view', origin);
  const { panelId } = parseInput(PanelIdInput, input, 'panel id');
  requirePanel(doc, panelId);
  doc.transact(() => panelsOf(doc).delete(panelId), origin);
}

/** Moves a panel to display position `toIndex` (concurrent moves converge, never duplicate). */
export function movePanel(
  doc: Y.Doc,
  input: { panelId: string; toIndex: number },
  origin: ModelOrigin,
): void {
  beginChange(doc, 'view', origin);
  const { panelId, toIndex } = parseInput(
    PanelIdInput.extend({ toIndex: Index }),
    input,
    'panel move',
  );
  const panel = requirePanel(doc, panelId);
  const order = keyForIndex(orderedKeys(panelsOf(doc), panelId), toIndex);
  doc.transact(() => panel.set('order', order), origin);
}

/** Gives a panel a new title. */
export function renamePanel(
  doc: Y.Doc,
  input: { panelId: string; title: string },
  origin: ModelOrigin,
): void {
  beginChange(doc, 'view', origin);
  const { panelId, title } = parseInput(
    PanelIdInput.extend({ title: PanelSchema.shape.title }),
    input,
    'panel title',
  );
  const panel = requirePanel(doc, panelId);
  doc.transact(() => panel.set('title', title), origin);
}

/** Sets a panel's time window: live ("last N ms") or fixed [from, to]. */
export function setPanelTimeWindow(
  doc: Y.Doc,
  input: { panelId: string; timeWindow: z.input<typeof TimeWindowSchema> },
  origin: ModelOrigin,
): void {
  beginChange(doc, 'view', origin);
  const { panelId, timeWindow } = parseInput(
    PanelIdInput.extend({ timeWindow: TimeWindowSchema }),
    input,
    'panel time window',
  );
  const panel = requirePanel(doc, panelId);
  doc.transact(() => panel.set('timeWindow', { ...timeWindow }), origin);
}

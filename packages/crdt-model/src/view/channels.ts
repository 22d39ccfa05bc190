import type * as Y from 'yjs';
import { z } from 'zod';
import { IdSchema, OverlaySchema, PanelChannelSchema, YAxisSchema } from '@fieldbook/shared';
import { keyForIndex } from '../fractionalIndex';
import type { ModelOrigin } from '../origin';
import { beginChange } from '../schemaVersion';
import { unique } from '../sets';
import { invalidOperation, notFound, parseInput } from '../validate';
import {
  channelMap,
  orderedKeys,
  panelAxesOf,
  panelChannelsOf,
  panelOverlaysOf,
  requirePanel,
} from './structure';

const PanelInput = z.strictObject({ panelId: IdSchema });
const ChannelId = PanelChannelSchema.shape.channelId;
const MAX_CHANNELS = 64;

function requireChannel(panel: Y.Map<unknown>, channelId: string): Y.Map<unknown> {
  const channel = panelChannelsOf(panel).get(channelId);
  if (!channel) throw notFound('panel channel', channelId);
  return channel;
}

function requireAxis(panel: Y.Map<unknown>, axisId: string): void {
  if (!panelAxesOf(panel).has(axisId)) throw notFound('y-axis', axisId);
}

/** Input of addPanelChannel: axisId defaults to the panel's first axis; index to last. */
export const AddPanelChannelInputSchema = PanelInput.extend({
  channelId: ChannelId,
  axisId: PanelChannelSchema.shape.axisId.optional(),
  color: PanelChannelSchema.shape.color.default(null),
  index: z.number().int().nonnegative().optional(),
});

/** Shows a telemetry channel in a panel, at display position `index` (default: last). */
export function addPanelChannel(
  doc: Y.Doc,
  input: z.input<typeof AddPanelChannelInputSchema>,
  origin: ModelOrigin,
): void {
  beginChange(doc, 'view', origin);
  const c = parseInput(AddPanelChannelInputSchema, input, 'panel channel');
  const panel = requirePanel(doc, c.panelId);
  const channels = panelChannelsOf(panel);
  if (channels.has(c.channelId)) {
    throw invalidOperation(`Channel ${c.channelId} is already in this panel`, c);
  }
  if (channels.size >= MAX_CHANNELS) {
    throw invalidOperation(`A panel shows at most ${MAX_CHANNELS} channels`);
  }
  const axisId = c.axisId ?? [...panelAxesOf(panel).keys()].sort()[0];
  if (axisId === undefined) throw invalidOperation('This panel has no y-axis; add one first');
  requireAxis(panel, axisId);
  const others = orderedKeys(channels);
  const order = keyForIndex(others, c.index ?? others.length);
  doc.transact(() => {
    channels.set(
      c.channelId,
      channelMap({ channelId: c.channelId, axisId, color: c.color }, order),
    );
  }, origin);
}

const ChannelInput = PanelInput.extend({ channelId: ChannelId });

/** Stops showing a channel in a panel. */
export function removePanelChannel(
  doc: Y.Doc,
  input: z.input<typeof ChannelInput>,
  origin: ModelOrigin,
): void {
  beginChange(doc, 'view', origin);
  const { panelId, channelId } = parseInput(ChannelInput, input, 'panel channel');
  const panel = requirePanel(doc, panelId);
  requireChannel(panel, channelId);
  doc.transact(() => panelChannelsOf(panel).delete(channelId), origin);
}

/** Moves a channel to display position `toIndex` among its panel's channels. */
export function movePanelChannel(
  doc: Y.Doc,
  input: { panelId: string; channelId: string; toIndex: number },
  origin: ModelOrigin,
): void {
  beginChange(doc, 'view', origin);
  const { panelId, channelId, toIndex } = parseInput(
    ChannelInput.extend({ toIndex: z.number().int().nonnegative() }),
    input,
    'panel channel move',
  );
  const panel = requirePanel(doc, panelId);
  const channel = requireChannel(panel, channelId);
  const order = keyForIndex(orderedKeys(panelChannelsOf(panel), channelId), toIndex);
  doc.transact(() => channel.set('order', order), origin);
}

/** Input of stylePanelChannel: a new axis and/or colour (null = automatic colour). */
export const StylePanelChannelInputSchema = ChannelInput.extend({
  axisId: PanelChannelSchema.shape.axisId.optional(),
  color: PanelChannelSchema.shape.color.optional(),
}).refine((c) => c.axisId !== undefined || c.color !== undefined, {
  message: 'give axisId or color',
});

/** Puts a panel channel on another y-axis and/or gives it a colour. */
export function stylePanelChannel(
  doc: Y.Doc,
  input: z.input<typeof StylePanelChannelInputSchema>,
  origin: ModelOrigin,
): void {
  beginChange(doc, 'view', origin);
  const c = parseInput(StylePanelChannelInputSchema, input, 'panel channel style');
  const panel = requirePanel(doc, c.panelId);
  const channel = requireChannel(panel, c.channelId);
  if (c.axisId !== undefined) requireAxis(panel, c.axisId);
  doc.transact(() => {
    if (c.axisId !== undefined) channel.set('axisId', c.axisId);
    if (c.color !== undefined) channel.set('color', c.color);
  }, origin);
}

/** Adds a y-axis to a panel, or changes the one with the same id. */
export function setPanelAxis(
  doc: Y.Doc,
  input: { panelId: string; axis: z.input<typeof YAxisSchema> },
  origin: ModelOrigin,
): void {
  beginChange(doc, 'view', origin);
  const { panelId, axis } = parseInput(
    PanelInput.extend({ axis: YAxisSchema.strict() }),
    input,
    'panel y-axis',
  );
  if (axis.min !== null && axis.max !== null && axis.max <= axis.min) {
    throw invalidOperation('An axis maximum must be above its minimum', axis);
  }
  const axes = panelAxesOf(requirePanel(doc, panelId));
  if (!axes.has(axis.id) && axes.size >= 16) throw invalidOperation('A panel has at most 16 axes');
  doc.transact(
    () => axes.set(axis.id, { label: axis.label, min: axis.min, max: axis.max }),
    origin,
  );
}

/** Removes a y-axis that no channel of the panel uses. */
export function removePanelAxis(
  doc: Y.Doc,
  input: { panelId: string; axisId: string },
  origin: ModelOrigin,
): void {
  beginChange(doc, 'view', origin);
  const { panelId, axisId } = parseInput(
    PanelInput.extend({ axisId: YAxisSchema.shape.id }),
    input,
    'panel y-axis',
  );
  const panel = requirePanel(doc, panelId);
  requireAxis(panel, axisId);
  const users = [...panelChannelsOf(panel).values()].filter((c) => c.get('axisId') === axisId);
  if (users.length > 0) {
    throw invalidOperation(
      `Axis ${axisId} is used by ${users.length} channel(s); move them first`,
      {
        channels: users.map((c) => c.get('channelId')),
      },
    );
  }
  doc.transact(() => panelAxesOf(panel).delete(axisId), origin);
}

/** Overlays an annotation collection on a panel, showing the annotations with any of `tags` (all when empty). */
export function setPanelOverlay(
  doc: Y.Doc,
  input: { panelId: string; collectionId: string; tags?: string[] },
  origin: ModelOrigin,
): void {
  beginChange(doc, 'view', origin);
  const { panelId, collectionId, tags } = parseInput(
    PanelInput.extend({ collectionId: IdSchema, tags: OverlaySchema.shape.tags.default([]) }),
    input,
    'panel overlay',
  );
  const overlays = panelOverlaysOf(requirePanel(doc, panelId));
  doc.transact(() => overlays.set(collectionId, { tags: unique(tags).sort() }), origin);
}

/** Stops overlaying an annotation collection on a panel. */
export function removePanelOverlay(
  doc: Y.Doc,
  input: { panelId: string; collectionId: string },
  origin: ModelOrigin,
): void {
  beginChange(doc, 'view', origin);
  const { panelId, collectionId } = parseInput(
    PanelInput.extend({ collectionId: IdSchema }),
    input,
    'panel overlay',
  );
  const overlays = panelOverlaysOf(requirePanel(doc, panelId));
  if (!overlays.has(collectionId)) throw notFound('overlay', collectionId);
  doc.transact(() => overlays.delete(collectionId), origin);
}

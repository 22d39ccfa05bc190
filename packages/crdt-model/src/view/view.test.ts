import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { TelemetryViewSnapshotSchema, newId } from '@fieldbook/shared';
import {
  addPanel,
  createTelemetryView,
  movePanel,
  removePanel,
  renamePanel,
  renameView,
  setPanelTimeWindow,
} from './panels';
import {
  addPanelChannel,
  movePanelChannel,
  removePanelAxis,
  removePanelChannel,
  removePanelOverlay,
  setPanelAxis,
  setPanelOverlay,
  stylePanelChannel,
} from './channels';
import { readTelemetryView } from './reader';
import { expectRejected, syncAll, testOrigin } from '../testSupport';

function view() {
  const doc = new Y.Doc();
  const me = testOrigin();
  createTelemetryView(doc, { title: 'Power' }, me);
  return { doc, me };
}

const read = (doc: Y.Doc) => TelemetryViewSnapshotSchema.parse(readTelemetryView(doc));
const titles = (doc: Y.Doc) => read(doc).panels.map((p) => p.title);
const channelIds = (doc: Y.Doc, i = 0) => read(doc).panels[i]!.channels.map((c) => c.channelId);

describe('telemetry view: panels', () => {
  it('adds panels with defaults, at an index, and renames them', () => {
    const { doc, me } = view();
    const a = addPanel(doc, { title: 'A' }, me);
    addPanel(doc, { title: 'C' }, me);
    addPanel(doc, { title: 'B', index: 1 }, me);
    addPanel(doc, { title: 'first', index: 0 }, me);
    expect(titles(doc)).toEqual(['first', 'A', 'B', 'C']);
    renamePanel(doc, { panelId: a, title: 'A2' }, me);
    renameView(doc, { title: 'Power bus' }, me);
    const snap = read(doc);
    expect(snap.title).toBe('Power bus');
    expect(snap.panels[1]).toEqual({
      id: a,
      title: 'A2',
      channels: [],
      yAxes: [{ id: 'y', label: '', min: null, max: null }],
      timeWindow: { mode: 'live', lastMs: 900_000 },
      overlays: [],
    });
  });

  it('moves and removes panels', () => {
    const { doc, me } = view();
    const [a, b, c] = ['A', 'B', 'C'].map((title) => addPanel(doc, { title }, me));
    movePanel(doc, { panelId: a!, toIndex: 2 }, me);
    expect(titles(doc)).toEqual(['B', 'C', 'A']);
    movePanel(doc, { panelId: c!, toIndex: 0 }, me);
    expect(titles(doc)).toEqual(['C', 'B', 'A']);
    movePanel(doc, { panelId: b!, toIndex: 99 }, me);
    expect(titles(doc)).toEqual(['C', 'A', 'B']);
    removePanel(doc, { panelId: a! }, me);
    expect(titles(doc)).toEqual(['C', 'B']);
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () => removePanel(doc, { panelId: a! }, me));
    expectRejected(doc, 'VALIDATION_ERROR', () => movePanel(doc, { panelId: b!, toIndex: -1 }, me));
  });

  it('converges without duplicates when two replicas move panels concurrently', () => {
    const a = view();
    const b = new Y.Doc();
    const ids = ['A', 'B', 'C', 'D'].map((title) => addPanel(a.doc, { title }, a.me));
    syncAll(a.doc, b);
    movePanel(a.doc, { panelId: ids[0]!, toIndex: 3 }, a.me);
    movePanel(b, { panelId: ids[0]!, toIndex: 1 }, testOrigin('bob'));
    movePanel(b, { panelId: ids[3]!, toIndex: 0 }, testOrigin('bob'));
    syncAll(a.doc, b);
    expect(read(a.doc)).toEqual(read(b));
    expect([...titles(a.doc)].sort()).toEqual(['A', 'B', 'C', 'D']);
  });

  it('sets time windows', () => {
    const { doc, me } = view();
    const p = addPanel(doc, {}, me);
    setPanelTimeWindow(doc, { panelId: p, timeWindow: { mode: 'fixed', from: 10, to: 20 } }, me);
    expect(read(doc).panels[0]!.timeWindow).toEqual({ mode: 'fixed', from: 10, to: 20 });
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      setPanelTimeWindow(doc, { panelId: p, timeWindow: { mode: 'fixed', from: 20, to: 10 } }, me),
    );
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      setPanelTimeWindow(doc, { panelId: p, timeWindow: { mode: 'live', lastMs: 0 } }, me),
    );
  });

  it('rejects panels with unknown axes or repeated channels', () => {
    const { doc, me } = view();
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      addPanel(doc, { channels: [{ channelId: 'v', axisId: 'nope', color: null }] }, me),
    );
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      addPanel(
        doc,
        {
          channels: [
            { channelId: 'v', axisId: 'y', color: null },
            { channelId: 'v', axisId: 'y', color: null },
          ],
        },
        me,
      ),
    );
    expectRejected(doc, 'MODEL_INVALID_OPERATION', () =>
      createTelemetryView(doc, { title: 'x' }, me),
    );
  });
});

describe('telemetry view: channels, axes and overlays', () => {
  it('adds, moves, styles and removes channels', () => {
    const { doc, me } = view();
    const panelId = addPanel(
      doc,
      {
        yAxes: [
          { id: 'volts', label: 'V', min: 0, max: 40 },
          { id: 'amps', label: 'A', min: null, max: null },
        ],
        channels: [{ channelId: 'bus.v', axisId: 'volts', color: null }],
      },
      me,
    );
    addPanelChannel(doc, { panelId, channelId: 'bus.i', axisId: 'amps' }, me);
    addPanelChannel(doc, { panelId, channelId: 'batt.v', index: 0 }, me);
    expect(channelIds(doc)).toEqual(['batt.v', 'bus.v', 'bus.i']);
    expect(read(doc).panels[0]!.channels[0]!.axisId).toBe('amps');
    movePanelChannel(doc, { panelId, channelId: 'batt.v', toIndex: 2 }, me);
    expect(channelIds(doc)).toEqual(['bus.v', 'bus.i', 'batt.v']);
    stylePanelChannel(doc, { panelId, channelId: 'batt.v', axisId: 'volts', color: '#123456' }, me);
    expect(read(doc).panels[0]!.channels[2]).toEqual({
      channelId: 'batt.v',
      axisId: 'volts',
      color: '#123456',
    });
    removePanelChannel(doc, { panelId, channelId: 'bus.v' }, me);
    expect(channelIds(doc)).toEqual(['bus.i', 'batt.v']);
    expectRejected(doc, 'MODEL_INVALID_OPERATION', () =>
      addPanelChannel(doc, { panelId, channelId: 'bus.i' }, me),
    );
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () =>
      addPanelChannel(doc, { panelId, channelId: 'x', axisId: 'nope' }, me),
    );
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () =>
      removePanelChannel(doc, { panelId, channelId: 'bus.v' }, me),
    );
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () =>
      stylePanelChannel(doc, { panelId, channelId: 'bus.i', axisId: 'nope' }, me),
    );
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      stylePanelChannel(doc, { panelId, channelId: 'bus.i' }, me),
    );
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () =>
      addPanelChannel(doc, { panelId: newId(), channelId: 'x' }, me),
    );
  });

  it('keeps one entry when two replicas add the same channel concurrently', () => {
    const a = view();
    const b = new Y.Doc();
    const panelId = addPanel(a.doc, {}, a.me);
    syncAll(a.doc, b);
    addPanelChannel(a.doc, { panelId, channelId: 'x', color: '#ff0000' }, a.me);
    addPanelChannel(b, { panelId, channelId: 'x', color: '#00ff00' }, testOrigin('bob'));
    addPanelChannel(b, { panelId, channelId: 'y' }, testOrigin('bob'));
    syncAll(a.doc, b);
    expect(read(a.doc)).toEqual(read(b));
    expect([...channelIds(a.doc)].sort()).toEqual(['x', 'y']);
  });

  it('sets and removes axes, refusing to remove one in use', () => {
    const { doc, me } = view();
    const panelId = addPanel(doc, { channels: [{ channelId: 'c', axisId: 'y', color: null }] }, me);
    setPanelAxis(doc, { panelId, axis: { id: 'temp', label: '°C', min: -40, max: 80 } }, me);
    setPanelAxis(doc, { panelId, axis: { id: 'temp', label: 'deg C', min: -40, max: 90 } }, me);
    expect(read(doc).panels[0]!.yAxes).toEqual([
      { id: 'temp', label: 'deg C', min: -40, max: 90 },
      { id: 'y', label: '', min: null, max: null },
    ]);
    expectRejected(doc, 'MODEL_INVALID_OPERATION', () =>
      setPanelAxis(doc, { panelId, axis: { id: 'bad', label: '', min: 5, max: 1 } }, me),
    );
    expectRejected(doc, 'MODEL_INVALID_OPERATION', () =>
      removePanelAxis(doc, { panelId, axisId: 'y' }, me),
    );
    removePanelAxis(doc, { panelId, axisId: 'temp' }, me);
    expect(read(doc).panels[0]!.yAxes.map((a) => a.id)).toEqual(['y']);
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () =>
      removePanelAxis(doc, { panelId, axisId: 'temp' }, me),
    );
  });

  it('overlays annotation collections with tag filters', () => {
    const { doc, me } = view();
    const panelId = addPanel(doc, {}, me);
    const c1 = newId();
    const c2 = newId();
    setPanelOverlay(doc, { panelId, collectionId: c2, tags: ['b', 'a', 'a'] }, me);
    setPanelOverlay(doc, { panelId, collectionId: c1 }, me);
    expect(read(doc).panels[0]!.overlays).toEqual([
      { collectionId: c1, tags: [] },
      { collectionId: c2, tags: ['a', 'b'] },
    ]);
    removePanelOverlay(doc, { panelId, collectionId: c1 }, me);
    expect(read(doc).panels[0]!.overlays.map((o) => o.collectionId)).toEqual([c2]);
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () =>
      removePanelOverlay(doc, { panelId, collectionId: c1 }, me),
    );
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      setPanelOverlay(doc, { panelId, collectionId: 'x' }, me),
    );
  });
});

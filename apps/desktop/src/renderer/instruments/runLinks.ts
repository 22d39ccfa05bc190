import {
  addPanelChannel,
  readTelemetryView,
  renameView,
  setPanelTimeWindow,
} from '@fieldbook/crdt-model';
import { FieldbookError, type Run } from '@fieldbook/shared';
import type { ShellActions } from '../actions';
import { formatLocation } from '../shell/route';
import type { Instrument, InstrumentApi } from './instrumentApi';
import { when } from './instrumentText';

/** Most channels a run's chart shows at first (the user adds more in the chart). */
const CHART_CHANNELS = 4;

/** The app location of a run: `#/<workspace>/instruments/<instrument>/runs/<run>`. */
export function runLocation(workspaceId: string, run: Pick<Run, 'id' | 'instrumentId'>): string {
  return formatLocation({
    workspaceId,
    route: { kind: 'screen', screen: 'instruments', item: `${run.instrumentId}/runs/${run.id}` },
  });
}

/** A run's title: "Run traverse · 14:02:11". */
export function runTitle(run: Pick<Run, 'protocol' | 'startedAt'>): string {
  return `Run ${run.protocol} · ${when(run.startedAt)}`;
}

/** The Markdown a note gets for a run: a link back to it, with its QC verdict. */
export function runMarkdown(workspaceId: string, run: Run, instrumentName: string): string {
  const qc = run.qcPassed === null ? '' : run.qcPassed ? ' · QC passed' : ' · QC failed';
  const label = `${runTitle(run)} on ${instrumentName}${qc}`.replace(/[[\]\\]/g, '\\$&');
  return `[${label}](${runLocation(workspaceId, run)})`;
}

/** The time span a run's chart shows: the run with a tenth of its length either side. */
export function runWindow(run: Pick<Run, 'startedAt' | 'finishedAt'>, now = Date.now()) {
  const from = run.startedAt ?? now - 60_000;
  const to = Math.max(run.finishedAt ?? now, from + 1000);
  const margin = Math.max((to - from) / 10, 1000);
  return { mode: 'fixed' as const, from: from - margin, to: to + margin };
}

/**
 * Opens a new chart of the run's time span with the instrument's first
 * channels, named after the run (one click: "Show on chart").
 */
export async function showRunOnChart(
  actions: ShellActions,
  api: InstrumentApi,
  instrument: Instrument,
  run: Run,
): Promise<void> {
  const channels = (await api.channelsOf(instrument)).slice(0, CHART_CHANNELS);
  if (channels.length === 0)
    throw new FieldbookError('RESOURCE_NOT_FOUND', `${instrument.name} has sent no telemetry yet`);
  const title = `${runTitle(run)} (${instrument.name})`;
  let viewId: string | null = null;
  await actions.docs.createChart(null, ({ doc, docId, origin }) => {
    viewId = docId;
    const panelId = readTelemetryView(doc).panels[0]!.id;
    for (const c of channels) addPanelChannel(doc, { panelId, channelId: c.id }, origin);
    setPanelTimeWindow(doc, { panelId, timeWindow: runWindow(run) }, origin);
    renameView(doc, { title }, origin);
  });
  if (viewId) await actions.docs.rename(viewId, title);
}

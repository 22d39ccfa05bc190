import { isFieldbookError, type Run } from '@fieldbook/shared';
import { ArrowLeft, FilePlus2, LineChart } from 'lucide-react';
import { useState } from 'react';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import {
  Badge,
  Button,
  Menu,
  MenuContent,
  MenuItem,
  MenuTrigger,
  Table,
  TableFrame,
  toast,
} from '../ui';
import type { Instrument } from './instrumentApi';
import type { InstrumentBoard } from './instrumentBoard';
import { RUN_STATUS, duration, paramsText, when } from './instrumentText';
import { QcBadge } from './RunList';
import { runMarkdown, runTitle, showRunOnChart } from './runLinks';

const limitText = (min: number | null, max: number | null, unit: string | null) => {
  const u = unit ? ` ${unit}` : '';
  if (min !== null && max !== null) return `${min} – ${max}${u}`;
  if (max !== null) return `≤ ${max}${u}`;
  if (min !== null) return `≥ ${min}${u}`;
  return 'no limit';
};

/**
 * One run: protocol, operator, span, parameters, results, the QC table
 * against the instrument's limits, artifact hashes; "Show on chart" opens its
 * time span on a new chart, "Add to note" puts a link to it into a note.
 */
export function RunDetail(props: {
  run: Run;
  instrument: Instrument;
  board: InstrumentBoard;
  state: AppState;
  actions: ShellActions;
  onBack(): void;
}) {
  const { run, instrument, board, state, actions } = props;
  const [opening, setOpening] = useState(false);
  const notes = (state.index?.documents ?? [])
    .filter((d) => d.kind === 'note' && d.trashedAt === null)
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .slice(0, 12);
  const showOnChart = async () => {
    setOpening(true);
    try {
      await showRunOnChart(actions, board.api, instrument, run);
    } catch (err) {
      toast({
        title: 'The chart could not be opened',
        description: isFieldbookError(err) ? err.message : undefined,
        tone: 'danger',
      });
    } finally {
      setOpening(false);
    }
  };
  const addToNote = (noteId: string) =>
    void actions.docs.appendToNote(noteId, runMarkdown(state.workspace!.id, run, instrument.name));
  return (
    <section className="run-detail" aria-labelledby="run-title">
      <Button variant="ghost" size="sm" icon={<ArrowLeft size={14} />} onClick={props.onBack}>
        All runs
      </Button>
      <header className="run-detail__head">
        <div>
          <h2 id="run-title" className="run-detail__title">
            {runTitle(run)}
          </h2>
          <p className="muted">
            {instrument.name} · operator {run.operator} · {when(run.startedAt)} to{' '}
            {when(run.finishedAt)} ({duration(run.startedAt, run.finishedAt)})
          </p>
        </div>
        <div className="run-detail__badges">
          <Badge tone={RUN_STATUS[run.status].tone}>{RUN_STATUS[run.status].label}</Badge>
          <QcBadge passed={run.qcPassed} />
        </div>
      </header>
      <div className="run-detail__actions">
        <Button icon={<LineChart size={15} />} loading={opening} onClick={() => void showOnChart()}>
          Show on chart
        </Button>
        <Menu>
          <MenuTrigger asChild>
            <Button icon={<FilePlus2 size={15} />} disabled={notes.length === 0}>
              Add to note
            </Button>
          </MenuTrigger>
          <MenuContent>
            {notes.map((n) => (
              <MenuItem key={n.id} onSelect={() => addToNote(n.id)}>
                {n.title || 'Untitled'}
              </MenuItem>
            ))}
          </MenuContent>
        </Menu>
      </div>
      <h3 className="run-detail__section">Quality control</h3>
      {run.qc.length === 0 ? (
        <p className="muted">This run reported no QC metrics.</p>
      ) : (
        <TableFrame>
          <Table aria-label="QC results">
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col">Value</th>
                <th scope="col">Limits</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {run.qc.map((q) => (
                <tr key={q.metric}>
                  <td>
                    <code>{q.metric}</code>
                  </td>
                  <td>
                    {Number(q.value.toPrecision(4))}
                    {q.unit ? ` ${q.unit}` : ''}
                  </td>
                  <td>{limitText(q.min, q.max, q.unit)}</td>
                  <td>
                    {q.pass === null ? (
                      <span className="muted">not checked</span>
                    ) : q.pass ? (
                      <Badge tone="success">Pass</Badge>
                    ) : (
                      <Badge tone="danger">Fail</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </TableFrame>
      )}
      <dl className="run-detail__facts">
        <dt>Parameters</dt>
        <dd>{paramsText(run.parameters)}</dd>
        <dt>Results</dt>
        <dd>{paramsText(run.results)}</dd>
        <dt>Artifacts</dt>
        <dd>
          {run.artifactHashes.length === 0
            ? 'none'
            : run.artifactHashes.map((h) => (
                <code key={h} className="run-detail__hash">
                  {h}
                </code>
              ))}
        </dd>
      </dl>
    </section>
  );
}

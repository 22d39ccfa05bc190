import type { Run } from '@fieldbook/shared';
import { FlaskConical } from 'lucide-react';
import { Badge, EmptyState, Table, TableFrame } from '../ui';
import { RUN_STATUS, duration, when } from './instrumentText';

/** The QC verdict of a run as a badge. */
export function QcBadge({ passed }: { passed: boolean | null }) {
  if (passed === null) return <span className="muted">—</span>;
  return passed ? <Badge tone="success">QC passed</Badge> : <Badge tone="danger">QC failed</Badge>;
}

/** An instrument's runs, newest first; a protocol opens the run. */
export function RunList({
  runs,
  onOpen,
}: {
  runs: readonly Run[] | undefined;
  onOpen(run: Run): void;
}) {
  if (!runs) return <p className="muted">Loading runs…</p>;
  if (runs.length === 0)
    return (
      <EmptyState icon={<FlaskConical size={28} />} title="No runs yet" headingLevel={3}>
        <p>Start one with the run.start command; its QC results appear here when it ends.</p>
      </EmptyState>
    );
  return (
    <TableFrame>
      <Table aria-label="Runs">
        <thead>
          <tr>
            <th scope="col">Protocol</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
            <th scope="col">Operator</th>
            <th scope="col">Status</th>
            <th scope="col">QC</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id}>
              <td>
                <button type="button" className="link-button" onClick={() => onOpen(r)}>
                  {r.protocol}
                </button>
              </td>
              <td>{when(r.startedAt)}</td>
              <td>{duration(r.startedAt, r.finishedAt)}</td>
              <td>{r.operator}</td>
              <td>
                <Badge tone={RUN_STATUS[r.status].tone}>{RUN_STATUS[r.status].label}</Badge>
              </td>
              <td>
                <QcBadge passed={r.qcPassed} />
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </TableFrame>
  );
}

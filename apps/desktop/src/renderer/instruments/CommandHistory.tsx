import type { Command } from '@fieldbook/shared';
import { History } from 'lucide-react';
import { Badge, EmptyState, Progress, Table, TableFrame } from '../ui';
import { CommandButtons } from './CommandButtons';
import type { InstrumentBoard } from './instrumentBoard';
import { COMMAND_STATE, actorName, paramsText, when } from './instrumentText';

function Outcome({ command }: { command: Command }) {
  const c = command;
  if (c.state === 'in_progress' && c.progress)
    return (
      <Progress
        value={c.progress.percent / 100}
        label={`${c.command}: ${Math.round(c.progress.percent)}%${c.progress.message ? ` ${c.progress.message}` : ''}`}
      />
    );
  if (c.error) return <span className="command-outcome--bad">{c.error.message}</span>;
  if (c.reason) return <span className="muted">{c.reason}</span>;
  if (c.output) return <code className="command-output">{paramsText(c.output)}</code>;
  return null;
}

/** An instrument's commands, newest first, with their state as it changes and what may be done to each. */
export function CommandHistory({
  commands,
  board,
}: {
  commands: readonly Command[] | undefined;
  board: InstrumentBoard;
}) {
  if (!commands) return <p className="muted">Loading commands…</p>;
  if (commands.length === 0)
    return (
      <EmptyState icon={<History size={28} />} title="No commands yet" headingLevel={3}>
        <p>Commands sent to this instrument, and their results, are listed here.</p>
      </EmptyState>
    );
  return (
    <TableFrame>
      <Table aria-label="Commands">
        <thead>
          <tr>
            <th scope="col">Command</th>
            <th scope="col">Requested</th>
            <th scope="col">State</th>
            <th scope="col">Outcome</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {commands.map((c) => (
            <tr key={c.id} data-command={c.command} data-state={c.state}>
              <td>
                <div className="command-name">{c.command}</div>
                <div className="muted command-params">{paramsText(c.params)}</div>
              </td>
              <td>
                <div>{actorName(c.requestedBy)}</div>
                <div className="muted">{when(c.requestedAt)}</div>
                {c.decidedBy && (
                  <div className="muted">
                    {c.state === 'rejected' ? 'rejected' : 'approved'} by {actorName(c.decidedBy)}
                  </div>
                )}
              </td>
              <td>
                <Badge tone={COMMAND_STATE[c.state].tone}>{COMMAND_STATE[c.state].label}</Badge>
              </td>
              <td className="command-outcome">
                <Outcome command={c} />
              </td>
              <td className="cell-actions">
                <CommandButtons command={c} board={board} />
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </TableFrame>
  );
}

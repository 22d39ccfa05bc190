import { Cpu } from 'lucide-react';
import { EmptyState, Table, TableFrame } from '../ui';
import type { Instrument } from './instrumentApi';
import { ago } from './instrumentText';
import { AlarmList, StatusLight, useNow } from './StatusLight';

/** Every instrument of the workspace with its status light, state, alarms and last contact. */
export function InstrumentList({
  instruments,
  onOpen,
}: {
  instruments: readonly Instrument[];
  onOpen(instrument: Instrument): void;
}) {
  const now = useNow();
  if (instruments.length === 0)
    return (
      <EmptyState icon={<Cpu size={28} />} title="No instruments yet">
        <p>
          Instruments appear here when an agent connects with an agent API key of this workspace
          (API keys → New key shows the command to run beside the instrument).
        </p>
      </EmptyState>
    );
  return (
    <TableFrame>
      <Table aria-label="Instruments">
        <thead>
          <tr>
            <th scope="col">Instrument</th>
            <th scope="col">Status</th>
            <th scope="col">State</th>
            <th scope="col">Alarms</th>
            <th scope="col">Last seen</th>
          </tr>
        </thead>
        <tbody>
          {instruments.map((i) => (
            <tr key={i.id} data-instrument={i.key}>
              <td>
                <button type="button" className="link-button" onClick={() => onOpen(i)}>
                  {i.name}
                </button>
                {i.model && <div className="muted">{i.model}</div>}
              </td>
              <td>
                <StatusLight connection={i.connection} />
              </td>
              <td>{i.state ?? '—'}</td>
              <td>
                <AlarmList instrument={i} />
              </td>
              <td title={i.lastSeenAt ? new Date(i.lastSeenAt).toLocaleString() : undefined}>
                {i.connection === 'ONLINE' ? 'now' : ago(i.lastSeenAt, now)}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </TableFrame>
  );
}

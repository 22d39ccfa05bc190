import type { AlertFiring } from '@fieldbook/shared';
import { Siren } from 'lucide-react';
import { EmptyState, Table, TableFrame } from '../ui';

const when = (at: number) =>
  new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A rule's firings, newest first: when, how many annotations, which ones. */
export function FiringsList({ firings }: { firings: AlertFiring[] }) {
  if (firings.length === 0)
    return (
      <EmptyState icon={<Siren size={24} />} title="No firings yet">
        <p>Each time the rule fires it is listed here, with the annotations that made it fire.</p>
      </EmptyState>
    );
  return (
    <TableFrame>
      <Table aria-label="Firings">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Matching</th>
            <th scope="col">Annotations</th>
          </tr>
        </thead>
        <tbody>
          {firings.map((f) => (
            <tr key={f.id}>
              <td className="alert-firing__when">
                <time dateTime={new Date(f.at).toISOString()}>{when(f.at)}</time>
              </td>
              <td>{f.count}</td>
              <td>
                <ul className="alert-firing__annotations">
                  {f.annotations.map((a) => (
                    <li key={a.id}>{a.title || 'Untitled annotation'}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </TableFrame>
  );
}

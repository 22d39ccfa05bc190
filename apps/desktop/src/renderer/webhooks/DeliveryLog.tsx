import type { WebhookDelivery } from '@fieldbook/shared';
import { History, RotateCw } from 'lucide-react';
import { Fragment, useState } from 'react';
import { Badge, Button, EmptyState, Table, TableFrame, type Tone } from '../ui';

const STATE_TONE: Record<WebhookDelivery['state'], Tone> = {
  pending: 'warning',
  delivered: 'success',
  failed: 'danger',
};

/** Pretty-prints a JSON payload, or shows it as it is. */
function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * A webhook's delivery log, newest first: event, state, attempts, the last
 * answer and its latency; a row opens to show the payload and every
 * attempt's response (first 4 KB), and offers Redeliver.
 */
export function DeliveryLog({
  deliveries,
  onRedeliver,
}: {
  deliveries: WebhookDelivery[];
  onRedeliver: (d: WebhookDelivery) => void;
}) {
  const [open, setOpen] = useState<string | null>(null);
  if (deliveries.length === 0)
    return (
      <EmptyState icon={<History size={24} />} title="No deliveries yet" headingLevel={3}>
        <p>Send a ping, or wait for one of the subscribed events.</p>
      </EmptyState>
    );
  return (
    <TableFrame>
      <Table aria-label="Deliveries">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">State</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last answer</th>
            <th scope="col">Queued</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => {
            const last = d.attempts.at(-1);
            const expanded = open === d.id;
            return (
              <Fragment key={d.id}>
                <tr>
                  <td>
                    <button
                      type="button"
                      className="delivery-toggle"
                      aria-expanded={expanded}
                      onClick={() => setOpen(expanded ? null : d.id)}
                    >
                      <code>{d.event}</code>
                    </button>
                    {d.redeliveryOf && <span className="muted"> (redelivery)</span>}
                  </td>
                  <td>
                    <Badge tone={STATE_TONE[d.state]}>{d.state}</Badge>
                  </td>
                  <td className="muted">{d.attempts.length}</td>
                  <td className="muted">
                    {last ? `${last.status ?? 'no answer'} · ${last.latencyMs} ms` : '—'}
                  </td>
                  <td className="muted">{new Date(d.createdAt).toLocaleString()}</td>
                  <td className="cell-actions">
                    <Button
                      size="sm"
                      variant="ghost"
                      icon={<RotateCw size={14} />}
                      aria-label={`Redeliver ${d.event} of ${new Date(d.createdAt).toLocaleString()}`}
                      onClick={() => onRedeliver(d)}
                    >
                      Redeliver
                    </Button>
                  </td>
                </tr>
                {expanded && (
                  <tr className="delivery-detail">
                    <td colSpan={6}>
                      <div className="delivery-detail__grid">
                        <section>
                          <h4>Payload</h4>
                          <pre tabIndex={0} aria-label="Payload">
                            {pretty(d.payload)}
                          </pre>
                        </section>
                        <section>
                          <h4>Attempts</h4>
                          {d.attempts.length === 0 && <p className="muted">Not sent yet.</p>}
                          {d.attempts.map((a) => (
                            <div key={a.attempt} className="delivery-attempt">
                              <p>
                                #{a.attempt} · {new Date(a.at).toLocaleTimeString()} ·{' '}
                                {a.status ?? 'no answer'} · {a.latencyMs} ms
                              </p>
                              <pre tabIndex={0} aria-label={`Response of attempt ${a.attempt}`}>
                                {a.response || '(empty response)'}
                              </pre>
                            </div>
                          ))}
                        </section>
                      </div>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </Table>
    </TableFrame>
  );
}

import type { Webhook } from '@fieldbook/shared';
import { KeyRound, Plus, Power, Send, Trash2, Webhook as WebhookIcon } from 'lucide-react';
import { useMemo, useState } from 'react';
import type { ScreenProps } from '../shell/registry';
import { useListWithDetail } from '../shell/useListWithDetail';
import {
  Badge,
  Button,
  Dialog,
  EmptyState,
  Spinner,
  Table,
  TableFrame,
  toast,
  useConfirm,
} from '../ui';
import { DeliveryLog } from './DeliveryLog';
import { NewWebhookDialog, SecretDialog } from './WebhookDialogs';
import { WebhooksApi, type WebhookForm } from './webhooksApi';
import './webhooks.css';

const failed = (err: unknown) =>
  toast({ title: err instanceof Error ? err.message : 'The server refused', tone: 'danger' });

function status(w: Webhook): { tone: 'success' | 'warning' | 'neutral'; text: string } {
  if (!w.active)
    return { tone: 'neutral', text: w.disabledReason ? 'Switched off (failing)' : 'Off' };
  if (w.failingSince !== null) return { tone: 'warning', text: 'Failing' };
  return { tone: 'success', text: 'Active' };
}

/**
 * The workspace's webhooks (admins): create one (its secret shown once),
 * ping, rotate the secret, switch off and on, delete after a confirmation,
 * and the selected webhook's delivery log with redelivery.
 */
export default function WebhooksScreen({ state, actions }: ScreenProps) {
  const confirm = useConfirm();
  const workspaceId = state.workspace?.id ?? null;
  const api = useMemo(() => {
    const server = actions.sessions.api();
    return server ? new WebhooksApi(server) : null;
  }, [actions, state.session]);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const listOf = useMemo(
    () => (api && workspaceId ? () => api.list(workspaceId) : null),
    [api, workspaceId],
  );
  const detailOf = useMemo(() => (api ? (id: string) => api.deliveries(id) : null), [api]);
  const {
    items: hooks,
    selected,
    setSelected,
    details: deliveries,
    error,
    load,
    loadDetail: loadDeliveries,
  } = useListWithDetail({
    list: listOf,
    detail: detailOf,
    readError: 'Webhooks could not be read',
  });

  const act = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      if (done) toast({ title: done, tone: 'success' });
      await Promise.all([load(), loadDeliveries()]);
    } catch (err) {
      failed(err);
    }
  };
  const create = async (form: WebhookForm) => {
    const made = await api!.create(workspaceId!, form);
    setCreating(false);
    setSecret(made.secret);
    setSelected(made.webhook.id);
    await load();
  };

  if (!api)
    return (
      <div className="screen">
        <EmptyState
          icon={<WebhookIcon size={28} />}
          title="Webhooks need a server"
          headingLevel={1}
        >
          <p>Sign in to a sync server to send events to other systems.</p>
        </EmptyState>
      </div>
    );
  const current = hooks?.find((w) => w.id === selected) ?? null;
  return (
    <div className="screen">
      <header className="screen__header">
        <div>
          <h1 className="screen__title">Webhooks</h1>
          <p className="muted">Tell other systems when something happens in this workspace.</p>
        </div>
        <Dialog open={creating} onOpenChange={setCreating}>
          <Button variant="primary" icon={<Plus size={15} />} onClick={() => setCreating(true)}>
            New webhook
          </Button>
          {creating && <NewWebhookDialog onCreate={create} />}
        </Dialog>
      </header>
      <Dialog open={secret !== null} onOpenChange={(o) => !o && setSecret(null)}>
        {secret && <SecretDialog secret={secret} />}
      </Dialog>
      {error && (
        <p className="webhooks-error" role="alert">
          {error}
        </p>
      )}
      {hooks === null && !error ? (
        <Spinner label="Loading webhooks" />
      ) : hooks?.length === 0 ? (
        <EmptyState
          icon={<WebhookIcon size={28} />}
          title="No webhooks yet"
          actions={
            <Button icon={<Plus size={15} />} onClick={() => setCreating(true)}>
              New webhook
            </Button>
          }
        >
          <p>
            A webhook POSTs a signed payload to your URL when notes, annotations, members or
            commands change.
          </p>
        </EmptyState>
      ) : (
        <TableFrame>
          <Table aria-label="Webhooks">
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(hooks ?? []).map((w) => {
                const s = status(w);
                return (
                  <tr
                    key={w.id}
                    aria-selected={w.id === selected}
                    className={w.id === selected ? 'is-selected' : undefined}
                  >
                    <td>
                      <button
                        type="button"
                        className="webhook-url"
                        onClick={() => setSelected(w.id)}
                      >
                        {w.url}
                      </button>
                      {w.description && <div className="muted">{w.description}</div>}
                    </td>
                    <td className="muted">
                      {w.events.length === 1 ? w.events[0] : `${w.events.length} events`}
                    </td>
                    <td>
                      <Badge tone={s.tone}>{s.text}</Badge>
                    </td>
                    <td className="cell-actions">
                      <Button
                        size="sm"
                        variant="ghost"
                        icon={<Send size={14} />}
                        aria-label={`Ping ${w.url}`}
                        disabled={!w.active}
                        onClick={() =>
                          void act(
                            () => api.ping(w.id).then(() => setSelected(w.id)),
                            'Ping queued',
                          )
                        }
                      >
                        Ping
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        icon={<KeyRound size={14} />}
                        aria-label={`Rotate secret of ${w.url}`}
                        onClick={async () => {
                          const ok = await confirm({
                            title: 'Rotate the signing secret?',
                            description:
                              'The old secret stops working at once: receivers must switch to the new one.',
                            confirmLabel: 'Rotate secret',
                            destructive: true,
                          });
                          if (ok)
                            void act(async () =>
                              setSecret(
                                (await api.update(w.id, { rotateSecret: true })).secret ?? null,
                              ),
                            );
                        }}
                      >
                        Rotate secret
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        icon={<Power size={14} />}
                        aria-label={`${w.active ? 'Switch off' : 'Switch on'} ${w.url}`}
                        onClick={() =>
                          void act(
                            () => api.update(w.id, { active: !w.active }),
                            w.active ? 'Webhook switched off' : 'Webhook switched on',
                          )
                        }
                      >
                        {w.active ? 'Switch off' : 'Switch on'}
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        icon={<Trash2 size={14} />}
                        aria-label={`Delete ${w.url}`}
                        onClick={async () => {
                          const ok = await confirm({
                            title: 'Delete this webhook?',
                            description: `${w.url} will get no more deliveries, and its delivery log is deleted. This cannot be undone.`,
                            confirmLabel: 'Delete webhook',
                            destructive: true,
                          });
                          if (ok) void act(() => api.remove(w.id), 'Webhook deleted');
                        }}
                      >
                        Delete
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        </TableFrame>
      )}
      {current && (
        <section className="webhook-deliveries" aria-labelledby="deliveries-title">
          <h2 id="deliveries-title" className="webhook-deliveries__title">
            Deliveries to <span className="webhook-deliveries__url">{current.url}</span>
          </h2>
          <DeliveryLog
            deliveries={deliveries}
            onRedeliver={(d) =>
              void act(() => api.redeliver(current.id, d.id), 'Redelivery queued')
            }
          />
        </section>
      )}
    </div>
  );
}

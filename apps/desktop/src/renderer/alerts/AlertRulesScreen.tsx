import { BellOff, BellRing, Plus, Siren, Trash2 } from 'lucide-react';
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
import { AlertsApi, type AlertRuleForm } from './alertsApi';
import { actionsText, conditionText, thresholdText } from './alertText';
import { FiringsList } from './FiringsList';
import { NewAlertRuleDialog } from './NewAlertRuleDialog';
import './alerts.css';

const failed = (err: unknown) =>
  toast({ title: err instanceof Error ? err.message : 'The server refused', tone: 'danger' });

/**
 * The workspace's alert rules (admins): the list with each rule's condition,
 * threshold and actions; create one, mute or unmute, delete after a
 * confirmation; the selected rule's firings.
 */
export default function AlertRulesScreen({ state, actions }: ScreenProps) {
  const confirm = useConfirm();
  const workspaceId = state.workspace?.id ?? null;
  const api = useMemo(() => {
    const server = actions.sessions.api();
    return server ? new AlertsApi(server) : null;
  }, [actions, state.session]);
  const [creating, setCreating] = useState(false);
  const listOf = useMemo(
    () => (api && workspaceId ? () => api.list(workspaceId) : null),
    [api, workspaceId],
  );
  const detailOf = useMemo(() => (api ? (id: string) => api.firings(id) : null), [api]);
  const {
    items: rules,
    selected,
    setSelected,
    details: firings,
    error,
    load,
  } = useListWithDetail({
    list: listOf,
    detail: detailOf,
    readError: 'Alert rules could not be read',
  });

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      toast({ title: done, tone: 'success' });
      await load();
    } catch (err) {
      failed(err);
    }
  };
  const create = async (form: AlertRuleForm) => {
    const made = await api!.create(workspaceId!, form);
    setCreating(false);
    setSelected(made.id);
    toast({ title: 'Alert rule created', tone: 'success' });
    await load();
  };

  if (!api)
    return (
      <div className="screen">
        <EmptyState icon={<Siren size={28} />} title="Alert rules need a server" headingLevel={1}>
          <p>Sign in to a sync server to be alerted when annotations match a rule.</p>
        </EmptyState>
      </div>
    );
  const current = rules?.find((r) => r.id === selected) ?? null;
  const newRule = (
    <Button variant="primary" icon={<Plus size={15} />} onClick={() => setCreating(true)}>
      New rule
    </Button>
  );
  return (
    <div className="screen">
      <header className="screen__header">
        <div>
          <h1 className="screen__title">Alert rules</h1>
          <p className="muted">Be told when annotations like these appear in this workspace.</p>
        </div>
        <Dialog open={creating} onOpenChange={setCreating}>
          {newRule}
          {creating && <NewAlertRuleDialog onCreate={create} />}
        </Dialog>
      </header>
      {error && (
        <p className="alerts-error" role="alert">
          {error}
        </p>
      )}
      {rules === null && !error ? (
        <Spinner label="Loading alert rules" />
      ) : rules?.length === 0 ? (
        <EmptyState icon={<Siren size={28} />} title="No alert rules yet">
          <p>
            A rule watches annotations — by kind, tags, words, channels or status — and notifies
            members or webhooks when they match, at once or past a threshold.
          </p>
        </EmptyState>
      ) : (
        <TableFrame>
          <Table aria-label="Alert rules">
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Fires</th>
                <th scope="col">Tells</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(rules ?? []).map((r) => (
                <tr
                  key={r.id}
                  aria-selected={r.id === selected}
                  className={r.id === selected ? 'is-selected' : undefined}
                >
                  <td>
                    <button type="button" className="alert-name" onClick={() => setSelected(r.id)}>
                      {r.name}
                    </button>
                    <div className="muted small">{conditionText(r.condition)}</div>
                  </td>
                  <td className="muted alert-threshold">{thresholdText(r.threshold)}</td>
                  <td className="muted">{actionsText(r.actions)}</td>
                  <td>
                    <Badge tone={r.muted ? 'neutral' : 'success'}>
                      {r.muted ? 'Muted' : 'Active'}
                    </Badge>
                  </td>
                  <td className="cell-actions">
                    <Button
                      size="sm"
                      variant="ghost"
                      icon={r.muted ? <BellRing size={14} /> : <BellOff size={14} />}
                      aria-label={`${r.muted ? 'Unmute' : 'Mute'} ${r.name}`}
                      onClick={() =>
                        void act(
                          () => api.setMuted(r.id, !r.muted),
                          r.muted ? 'Rule unmuted' : 'Rule muted',
                        )
                      }
                    >
                      {r.muted ? 'Unmute' : 'Mute'}
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      icon={<Trash2 size={14} />}
                      aria-label={`Delete ${r.name}`}
                      onClick={async () => {
                        const ok = await confirm({
                          title: 'Delete this alert rule?',
                          description: `“${r.name}” stops firing and its firings are deleted. This cannot be undone.`,
                          confirmLabel: 'Delete rule',
                          destructive: true,
                        });
                        if (ok) void act(() => api.remove(r.id), 'Alert rule deleted');
                      }}
                    >
                      Delete
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </TableFrame>
      )}
      {current && (
        <section className="alert-firings" aria-labelledby="firings-title">
          <h2 id="firings-title" className="alert-firings__title">
            Firings of “{current.name}”
          </h2>
          <FiringsList firings={firings} />
        </section>
      )}
    </div>
  );
}

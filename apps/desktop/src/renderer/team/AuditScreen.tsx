import { Download, ScrollText } from 'lucide-react';
import { useMemo, useState } from 'react';
import type { ScreenProps } from '../shell/registry';
import {
  Badge,
  Button,
  EmptyState,
  Field,
  Input,
  Select,
  Spinner,
  Table,
  TableFrame,
  toast,
} from '../ui';
import { AuditVerify } from './AuditVerify';
import { teamApi, type AuditFilter } from './teamApi';
import { whenText } from './teamText';
import { problemText, useRemote } from './useRemote';
import './team.css';

const PAGE = 50;
const OUTCOMES = [
  { value: 'any', label: 'Any outcome' },
  { value: 'success', label: 'Succeeded' },
  { value: 'failure', label: 'Failed' },
];
/** Common actions, offered as the filter's suggestions (the server matches exactly). */
const ACTIONS = [
  'member.add',
  'member.role',
  'member.remove',
  'invitation.create',
  'invitation.accept',
  'invitation.revoke',
  'apiKey.create',
  'apiKey.revoke',
  'workspace.rename',
  'workspace.archive',
  'document.create',
  'document.edit',
  'auth.login',
];

const dayStart = (date: string) => (date ? new Date(`${date}T00:00`).getTime() : undefined);
const dayEnd = (date: string) =>
  date ? new Date(`${date}T00:00`).getTime() + 86_400_000 : undefined;

/**
 * The workspace's audit trail (admins): who did what to which resource, when
 * and from where; filtered by action, outcome and dates, a page at a time;
 * exported as CSV or JSON; and "Verify integrity" with its result explained.
 */
export default function AuditScreen({ state, actions }: ScreenProps) {
  const workspace = state.workspace!;
  const api = useMemo(() => teamApi(actions), [actions]);
  const [action, setAction] = useState('');
  const [outcome, setOutcome] = useState('any');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const filter: AuditFilter = {
    action: action.trim() || undefined,
    outcome: outcome === 'any' ? undefined : (outcome as 'success' | 'failure'),
    from: dayStart(from),
    to: dayEnd(to),
  };
  const cursor = cursors.at(-1) ?? null;
  const page = useRemote(`audit:${workspace.id}:${JSON.stringify(filter)}:${cursor}`, () =>
    api.audit(workspace.id, filter, cursor, PAGE),
  );
  const refilter = (apply: () => void) => {
    apply();
    setCursors([null]);
  };
  const download = async (format: 'csv' | 'json') => {
    try {
      const blob = await api.exportAudit(workspace.id, format);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `audit-${workspace.name}.${format}`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (err) {
      toast({ title: 'Export failed', description: problemText(err), tone: 'danger' });
    }
  };
  const entries = page.data?.items ?? [];

  return (
    <div className="screen screen--wide">
      <header className="screen__header">
        <div>
          <h1 className="screen__title">Audit trail</h1>
          <p className="muted">
            Everything done in {workspace.name}, sealed in a tamper-evident chain.
          </p>
        </div>
        <div className="team-actions">
          <Button icon={<Download size={15} />} onClick={() => void download('csv')}>
            Export CSV
          </Button>
          <Button icon={<Download size={15} />} onClick={() => void download('json')}>
            Export JSON
          </Button>
        </div>
      </header>
      <AuditVerify api={api} />
      <div className="audit-filters" role="group" aria-label="Filters">
        <Field label="Action">
          {(ids) => (
            <Input
              {...ids}
              list="audit-actions"
              placeholder="e.g. member.role"
              value={action}
              onChange={(e) => refilter(() => setAction(e.target.value))}
            />
          )}
        </Field>
        <datalist id="audit-actions">
          {ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <Field label="Outcome">
          {(ids) => (
            <Select
              id={ids.id}
              value={outcome}
              onValueChange={(v) => refilter(() => setOutcome(v))}
              options={OUTCOMES}
            />
          )}
        </Field>
        <Field label="From">
          {(ids) => (
            <Input
              {...ids}
              type="date"
              value={from}
              onChange={(e) => refilter(() => setFrom(e.target.value))}
            />
          )}
        </Field>
        <Field label="To">
          {(ids) => (
            <Input
              {...ids}
              type="date"
              value={to}
              onChange={(e) => refilter(() => setTo(e.target.value))}
            />
          )}
        </Field>
      </div>
      {page.error && (
        <p className="form-problem" role="alert">
          {page.error}
        </p>
      )}
      {page.loading && !page.data ? (
        <p role="status" className="muted">
          <Spinner size={14} /> Loading the audit trail…
        </p>
      ) : entries.length === 0 ? (
        !page.error && (
          <EmptyState icon={<ScrollText size={28} />} title="No entries match">
            <p>Change or clear the filters to see more.</p>
          </EmptyState>
        )
      ) : (
        <TableFrame>
          <Table aria-label="Audit entries">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Time</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Resource</th>
                <th scope="col">Outcome</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td className="muted">{e.seq}</td>
                  <td className="muted">{whenText(e.ts)}</td>
                  <td>{e.actor.label ?? e.actor.id ?? e.actor.type}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td className="muted">
                    {e.resource.type}
                    {e.resource.id ? ` ${e.resource.id.slice(-8)}` : ''}
                  </td>
                  <td>
                    <Badge tone={e.outcome === 'success' ? 'success' : 'danger'}>
                      {e.outcome === 'success' ? 'Succeeded' : 'Failed'}
                    </Badge>
                  </td>
                  <td className="muted">{e.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </TableFrame>
      )}
      <nav className="team-pager" aria-label="Pages">
        <Button disabled={cursors.length < 2} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Newer
        </Button>
        <span className="muted">Page {cursors.length}</span>
        <Button
          disabled={!page.data?.nextCursor}
          onClick={() => setCursors((c) => [...c, page.data!.nextCursor])}
        >
          Older
        </Button>
      </nav>
    </div>
  );
}

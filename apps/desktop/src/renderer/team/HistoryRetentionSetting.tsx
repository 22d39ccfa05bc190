import { useEffect, useState } from 'react';
import { Button, Field, Input, Select, toast, useConfirm } from '../ui';
import type { TeamApi } from './teamApi';
import { problemText, useRemote } from './useRemote';

const MODES = [
  { value: 'keep', label: 'Keep everything (default)' },
  { value: 'fold', label: 'Fold older updates into daily points' },
];
const MAX_DAYS = 36_500;

/**
 * The workspace's history retention, for admins: keep every history entry
 * (the default) or fold the edits of each day older than N days into one
 * daily point. Folding asks first and says what it does; named versions,
 * restores and merges are always kept and the update log is never rewritten.
 */
export function HistoryRetentionSetting(props: {
  workspaceId: string;
  api: TeamApi;
  disabled: boolean;
}) {
  const confirm = useConfirm();
  const remote = useRemote(`history-retention:${props.workspaceId}`, () =>
    props.api.historyRetention(props.workspaceId),
  );
  const saved = remote.data?.foldAfterDays ?? null;
  const [mode, setMode] = useState('keep');
  const [days, setDays] = useState('30');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!remote.data) return;
    setMode(remote.data.foldAfterDays === null ? 'keep' : 'fold');
    if (remote.data.foldAfterDays !== null) setDays(String(remote.data.foldAfterDays));
  }, [remote.data]);

  const wanted = mode === 'keep' ? null : Number(days);
  const valid = wanted === null || (Number.isInteger(wanted) && wanted >= 1 && wanted <= MAX_DAYS);
  const save = async () => {
    if (!valid) return setProblem(`Give a whole number of days from 1 to ${MAX_DAYS}.`);
    if (wanted !== null) {
      const ok = await confirm({
        title: `Fold history older than ${wanted} day${wanted === 1 ? '' : 's'}?`,
        description: `In every document's history, the changes of each day older than ${wanted} day${wanted === 1 ? '' : 's'} become one daily point. You can still open, compare and restore each day as it ended, but no longer the moments within it. Named versions, restores and merges are always kept, and nothing is deleted from the documents themselves.`,
        confirmLabel: 'Fold older history',
      });
      if (!ok) return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await props.api.setHistoryRetention(props.workspaceId, wanted);
      toast({
        title:
          wanted === null
            ? 'History keeps everything'
            : `History older than ${wanted} days folds into daily points`,
        tone: 'success',
      });
      remote.reload();
    } catch (err) {
      setProblem(problemText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="team-card" aria-labelledby="retention-title">
      <h2 id="retention-title" className="team-section__title">
        History
      </h2>
      <p className="muted">
        By default every change of every document is kept, so anyone can see who changed what and
        bring back any earlier moment. Named versions are always kept.
      </p>
      {remote.error && (
        <p className="form-problem" role="alert">
          {remote.error}
        </p>
      )}
      <div className="team-retention">
        <Field label="Keep">
          {(ids) => (
            <Select
              id={ids.id}
              value={mode}
              disabled={props.disabled || !remote.data}
              onValueChange={(v) => {
                setMode(v);
                setProblem(null);
              }}
              options={MODES}
            />
          )}
        </Field>
        {mode === 'fold' && (
          <Field label="Older than (days)" error={problem}>
            {(ids) => (
              <Input
                {...ids}
                type="number"
                min={1}
                max={MAX_DAYS}
                value={days}
                disabled={props.disabled}
                onChange={(e) => {
                  setDays(e.target.value);
                  setProblem(null);
                }}
              />
            )}
          </Field>
        )}
      </div>
      {mode === 'keep' && problem && (
        <p className="form-problem" role="alert">
          {problem}
        </p>
      )}
      <div>
        <Button
          variant="primary"
          loading={busy}
          disabled={props.disabled || !remote.data || wanted === saved}
          onClick={() => void save()}
        >
          Save history setting
        </Button>
      </div>
    </section>
  );
}

import { Progress, Spinner } from '../ui';
import { sizeText } from './transfer';
import type { TransferState } from './useTransfer';

/** A transfer's progress bar (or bytes so far when the size is unknown), or its error. */
export function TransferStatus({ state, verb }: { state: TransferState; verb: string }) {
  if (state.phase === 'failed')
    return (
      <p className="ui-field__error files-status" role="alert">
        {state.message}
      </p>
    );
  if (state.phase !== 'running') return null;
  const p = state.progress;
  if (p?.total)
    return (
      <div className="files-status">
        <Progress
          value={p.done / p.total}
          label={`${verb}: ${Math.round((p.done / p.total) * 100)}%`}
        />
        <span className="muted">
          {sizeText(p.done)} of {sizeText(p.total)}
        </span>
      </div>
    );
  return (
    <p className="files-status muted" role="status">
      <Spinner size={14} /> {verb}
      {p ? ` — ${sizeText(p.done)}` : '…'}
    </p>
  );
}

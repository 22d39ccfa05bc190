import type { Command } from '@fieldbook/shared';
import { ShieldAlert } from 'lucide-react';
import type { Instrument } from './instrumentApi';
import type { InstrumentBoard } from './instrumentBoard';
import { CommandButtons } from './CommandButtons';
import { actorName, paramsText, when } from './instrumentText';

/**
 * Hazardous commands waiting for a second operator: "<requester> asks to
 * <command> on <instrument>", with Approve / Reject for the other operators.
 */
export function ApprovalsQueue({
  approvals,
  instruments,
  board,
}: {
  approvals: readonly Command[];
  instruments: readonly Instrument[];
  board: InstrumentBoard;
}) {
  if (approvals.length === 0) return null;
  const nameOf = (id: string) => instruments.find((i) => i.id === id)?.name ?? 'an instrument';
  return (
    <section className="approvals" aria-labelledby="approvals-title">
      <h2 id="approvals-title" className="approvals__title">
        <ShieldAlert size={16} aria-hidden="true" /> Waiting for approval ({approvals.length})
      </h2>
      <ul className="approvals__list">
        {approvals.map((c) => (
          <li key={c.id} className="approvals__item" data-command={c.command}>
            <div className="approvals__text">
              <strong>{actorName(c.requestedBy)}</strong> asks to run <code>{c.command}</code> on{' '}
              {nameOf(c.instrumentId)} <span className="muted">({paramsText(c.params)})</span>
              <div className="muted">
                {when(c.requestedAt)} · expires {when(c.expiresAt)}
                {c.note ? ` · “${c.note}”` : ''}
              </div>
            </div>
            <CommandButtons command={c} board={board} />
          </li>
        ))}
      </ul>
    </section>
  );
}

import { isFieldbookError, isTerminalCommandState, type Command } from '@fieldbook/shared';
import { Check, CircleStop, X } from 'lucide-react';
import { useState } from 'react';
import { useAccess } from '../shell/access';
import { Button, toast, useConfirm } from '../ui';
import type { InstrumentBoard } from './instrumentBoard';
import { actorName } from './instrumentText';

/**
 * What the user may do to a command, as buttons: a different operator
 * approves or rejects a hazardous one (the requester sees who it waits
 * for); an operator cancels one that has not ended. Rejecting and
 * cancelling ask first.
 */
export function CommandButtons({ command, board }: { command: Command; board: InstrumentBoard }) {
  const access = useAccess();
  const confirm = useConfirm();
  const [busy, setBusy] = useState<string | null>(null);
  const mine = command.requestedBy.type === 'user' && command.requestedBy.id === access.actor;
  const waiting = command.state === 'awaiting_approval';
  const mayDecide = waiting && !mine && access.may('instrument.approveCommand');
  const mayCancel =
    !isTerminalCommandState(command.state) &&
    command.cancelRequestedBy === null &&
    access.may('instrument.command');

  const act = async (action: 'approve' | 'reject' | 'cancel') => {
    if (action !== 'approve') {
      const ok = await confirm({
        title: action === 'reject' ? `Reject ${command.command}?` : `Cancel ${command.command}?`,
        description:
          action === 'reject'
            ? `${actorName(command.requestedBy)}'s command will not be sent to the instrument.`
            : command.state === 'awaiting_approval' || command.state === 'queued'
              ? 'It will not be sent to the instrument.'
              : 'The instrument is asked to stop; the command ends when it reports back.',
        confirmLabel: action === 'reject' ? 'Reject' : 'Cancel command',
        destructive: true,
      });
      if (!ok) return;
    }
    setBusy(action);
    try {
      board.noteCommand(await board.api.decide(command.id, action));
    } catch (err) {
      toast({
        title: `Could not ${action} ${command.command}`,
        description: isFieldbookError(err) ? err.message : undefined,
        tone: 'danger',
      });
    } finally {
      setBusy(null);
    }
  };

  return (
    <span className="command-buttons">
      {waiting && mine && <span className="muted">Waiting for another operator</span>}
      {mayDecide && (
        <>
          <Button
            size="sm"
            variant="primary"
            icon={<Check size={14} />}
            loading={busy === 'approve'}
            onClick={() => void act('approve')}
          >
            Approve
          </Button>
          <Button
            size="sm"
            icon={<X size={14} />}
            loading={busy === 'reject'}
            onClick={() => void act('reject')}
          >
            Reject
          </Button>
        </>
      )}
      {mayCancel && (
        <Button
          size="sm"
          variant="ghost"
          icon={<CircleStop size={14} />}
          loading={busy === 'cancel'}
          onClick={() => void act('cancel')}
          aria-label={`Cancel ${command.command}`}
        >
          Cancel
        </Button>
      )}
    </span>
  );
}

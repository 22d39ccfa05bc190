import { AlertTriangle, RefreshCw, ShieldCheck } from 'lucide-react';
import { clockTime } from '../../common/syncStatus';
import type { AppState } from '../appState';
import type { Verification } from '../sync/serverVerifier';

const HOW =
  "Each open document's state vector and a hash of its content were compared with the server's copy.";

/** How long a fixed difference is still mentioned beside "Verified identical". */
const RECENT_MS = 10 * 60_000;

/** A few words on a copy that differed and was resynced lately, or '' when none did. */
function afterDifference(state: AppState, now: number): string {
  const last = state.lastDifference;
  if (!last || last.fixedAt === null || now - last.fixedAt > RECENT_MS) return '';
  return ` — resynced a copy that differed at ${clockTime(last.at)}`;
}

/**
 * "Verified identical with the server at HH:MM" beside "Synced", once every
 * open document matched the server's copy; a calm warning while a copy that
 * differed is being resynced, or when resyncing did not help. Hidden when
 * not synced (offline, refused, syncing), where no comparison is possible.
 * `compact` (another notice needs the room): "Verified HH:MM", the rest on hover.
 */
export function VerifyStatus({ state, compact }: { state: AppState; compact: boolean }) {
  const { verification, sync, refusal, lastDifference } = state;
  if (refusal || sync.state !== 'synced') return null;
  // The log outlives the replicas a repair closes and reopens: it says when one is under way.
  const open = lastDifference !== null && lastDifference.fixedAt === null;
  const shown: Verification['state'] | undefined = open
    ? lastDifference.gaveUp
      ? 'differs'
      : 'resyncing'
    : verification?.state;
  if (!verification || shown === undefined || shown === 'checking') return null;
  if (shown === 'verified' && verification.state === 'verified') {
    const docs =
      verification.docs === 1 ? '1 open document' : `${verification.docs} open documents`;
    return (
      <span
        className="status-bar__verify"
        data-testid="verify-status"
        title={`Verified identical with the server at ${clockTime(verification.at)}. ${HOW} ${docs} matched.`}
      >
        <ShieldCheck size={13} aria-hidden="true" />
        {compact
          ? `Verified ${clockTime(verification.at)}`
          : `Verified identical with the server at ${clockTime(verification.at)}${afterDifference(state, verification.at)}`}
      </span>
    );
  }
  const resyncing = shown === 'resyncing';
  const Icon = resyncing ? RefreshCw : AlertTriangle;
  return (
    <span
      className="status-bar__verify status-bar__verify--differs"
      data-testid="verify-status"
      role="status"
      title={`${HOW} The difference is logged in the console.`}
    >
      <Icon size={13} aria-hidden="true" />
      {resyncing
        ? 'A copy differed from the server — resyncing it'
        : 'A copy still differs from the server after resyncing'}
    </span>
  );
}

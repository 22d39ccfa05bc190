import { ShieldAlert, ShieldCheck } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../ui';
import type { TeamApi, VerifyResult } from './teamApi';
import { problemText } from './useRemote';

/** What each chain fault means, for the person reading the result. */
const FAULT_TEXT: Record<string, string> = {
  altered: 'its content was changed after it was written',
  missing: 'an entry before it was deleted',
  inserted: 'it was added into the chain afterwards',
  reordered: 'entries were moved out of order',
  unknownKey: 'it was sealed with a key this server does not know',
  rewritten: 'the chain from here on was recomputed and no longer matches the signed checkpoints',
};

function Outcome({ result }: { result: VerifyResult }) {
  if (result.ok) {
    return (
      <div className="audit-verify audit-verify--ok" role="status" data-testid="verify-result">
        <ShieldCheck size={18} aria-hidden="true" />
        <div>
          <strong>Intact.</strong> All {result.checked} entries of the organization’s trail
          recompute to the same chain
          {result.checkpoints.checked > 0
            ? `, and ${result.checkpoints.checked} signed checkpoints match it`
            : ''}
          . Nothing was changed, removed or slipped in.
        </div>
      </div>
    );
  }
  const bad = result.firstBad;
  return (
    <div className="audit-verify audit-verify--bad" role="alert" data-testid="verify-result">
      <ShieldAlert size={18} aria-hidden="true" />
      <div>
        <strong>Tampering found.</strong>{' '}
        {bad
          ? `Entry #${bad.seq} does not check out: ${FAULT_TEXT[bad.reason] ?? bad.reason} (${bad.message}). `
          : 'The chain does not match its signed checkpoints. '}
        Entries from there on cannot be trusted; keep the export and tell whoever runs the server.
      </div>
    </div>
  );
}

/** "Verify integrity": recomputes the organization's chain on the server and explains the answer. */
export function AuditVerify({ api }: { api: TeamApi }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const verify = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setResult(await api.verifyAudit());
    } catch (err) {
      setResult(null);
      setProblem(problemText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="team-section team-section--first" aria-label="Integrity">
      <Button icon={<ShieldCheck size={15} />} loading={busy} onClick={() => void verify()}>
        Verify integrity
      </Button>
      {result && <Outcome result={result} />}
      {problem && (
        <p className="form-problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

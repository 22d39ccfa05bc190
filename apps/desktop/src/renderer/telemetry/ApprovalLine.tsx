import { approvalRecordsOf } from '@fieldbook/crdt-model';
import type { Annotation } from '@fieldbook/shared';
import { BadgeCheck, RotateCcw } from 'lucide-react';
import type * as Y from 'yjs';

function when(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * "Approved by … at …" from the annotation's signature record (who, when, and
 * what the signature means), or who reopened it last; nothing for a draft
 * never approved. An approval without a record (made before records existed)
 * says so rather than naming anyone.
 */
export function ApprovalLine({
  doc,
  annotation,
  nameOf,
}: {
  doc: Y.Doc;
  annotation: Annotation;
  nameOf: (actor: string) => string;
}) {
  const { approval, reopened } = approvalRecordsOf(doc, annotation.id);
  if (annotation.status === 'approved') {
    return (
      <p className="annotation-approval" data-testid="approval">
        <BadgeCheck size={15} aria-hidden="true" />
        {approval ? (
          <span>
            Approved by <b>{nameOf(approval.by)}</b> at{' '}
            <time dateTime={new Date(approval.at).toISOString()}>{when(approval.at)}</time> —{' '}
            {approval.meaning}
          </span>
        ) : (
          <span>Approved (no signature record)</span>
        )}
      </p>
    );
  }
  if (!reopened) return null;
  return (
    <p className="annotation-approval annotation-approval--reopened" data-testid="approval">
      <RotateCcw size={14} aria-hidden="true" />
      <span>
        Reopened by <b>{nameOf(reopened.by)}</b> at{' '}
        <time dateTime={new Date(reopened.at).toISOString()}>{when(reopened.at)}</time>
      </span>
    </p>
  );
}

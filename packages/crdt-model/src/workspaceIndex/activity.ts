import * as Y from 'yjs';
import { documentsOf } from './structure';

/** Who last changed a listed document and which document owns it, beside its plain entry. */
export interface DocumentActivity {
  /** The actor of the last change to the entry or the document's content; null when unknown (older entries). */
  readonly updatedBy: string | null;
  /** The document this one belongs to (a chart's annotation collection: the chart), or null. */
  readonly ownerId: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** Activity of every listed document, by id. */
export function readDocumentActivity(doc: Y.Doc): Map<string, DocumentActivity> {
  const out = new Map<string, DocumentActivity>();
  for (const [id, entry] of documentsOf(doc).entries()) {
    if (!(entry instanceof Y.Map)) continue;
    out.set(id, { updatedBy: str(entry.get('updatedBy')), ownerId: str(entry.get('ownerId')) });
  }
  return out;
}

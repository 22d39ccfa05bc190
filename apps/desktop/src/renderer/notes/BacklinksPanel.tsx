import type { PanelProps } from '../shell/registry';
import { BacklinkList } from './Backlinks';

/** The side panel's "Linked from": the notes whose text links to this one. */
export default function BacklinksPanel({ entry, state, actions }: PanelProps) {
  return (
    <section className="panel-section">
      <BacklinkList
        entry={entry}
        state={state}
        actions={actions}
        empty={<p className="muted small">No note links here yet.</p>}
      />
    </section>
  );
}

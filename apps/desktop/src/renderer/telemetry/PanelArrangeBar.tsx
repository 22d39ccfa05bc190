import type * as Y from 'yjs';
import { movePanel, removePanel, type ModelOrigin } from '@fieldbook/crdt-model';
import type { Panel } from '@fieldbook/shared';

/** Move a view's panel up or down, or remove it (for users who may edit the view). */
export function PanelArrangeBar(props: {
  doc: Y.Doc;
  panel: Panel;
  index: number;
  count: number;
  origin: ModelOrigin;
}) {
  const { doc, panel, index, origin } = props;
  const move = (toIndex: number) => movePanel(doc, { panelId: panel.id, toIndex }, origin);
  return (
    <div className="panel-arrange" aria-label={`Arrange ${panel.title || 'panel'}`}>
      <span className="muted">{panel.title}</span>
      <button type="button" disabled={index === 0} onClick={() => move(index - 1)}>
        Move up
      </button>
      <button type="button" disabled={index === props.count - 1} onClick={() => move(index + 1)}>
        Move down
      </button>
      <button type="button" onClick={() => removePanel(doc, { panelId: panel.id }, origin)}>
        Remove panel
      </button>
    </div>
  );
}

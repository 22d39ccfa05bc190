import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import type * as Y from 'yjs';
import { movePanel, removePanel, type ModelOrigin } from '@fieldbook/crdt-model';
import type { Panel } from '@fieldbook/shared';
import { IconButton, useConfirm } from '../ui';

/** A panel's title, with moving it up or down and removing it (after a confirmation) for editors. */
export function PanelArrangeBar(props: {
  doc: Y.Doc;
  panel: Panel;
  index: number;
  count: number;
  origin: ModelOrigin;
}) {
  const { doc, panel, index, origin } = props;
  const confirm = useConfirm();
  const move = (toIndex: number) => movePanel(doc, { panelId: panel.id, toIndex }, origin);
  const remove = async () => {
    const ok = await confirm({
      title: `Remove ${panel.title || 'this panel'}?`,
      description: 'Its channels and settings go; the annotations stay in the collection.',
      confirmLabel: 'Remove panel',
      destructive: true,
    });
    if (ok) removePanel(doc, { panelId: panel.id }, origin);
  };
  return (
    <div className="panel-arrange" role="group" aria-label={`Arrange ${panel.title || 'panel'}`}>
      <span className="panel-arrange__title">{panel.title}</span>
      <IconButton
        size="sm"
        label="Move up"
        icon={<ArrowUp size={14} />}
        disabled={index === 0}
        onClick={() => move(index - 1)}
      />
      <IconButton
        size="sm"
        label="Move down"
        icon={<ArrowDown size={14} />}
        disabled={index === props.count - 1}
        onClick={() => move(index + 1)}
      />
      <IconButton
        size="sm"
        label="Remove panel"
        icon={<Trash2 size={14} />}
        onClick={() => void remove()}
      />
    </div>
  );
}

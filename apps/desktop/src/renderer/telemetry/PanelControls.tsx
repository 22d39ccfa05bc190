import type * as Y from 'yjs';
import {
  addPanelChannel,
  removePanelChannel,
  setPanelAxis,
  setPanelOverlay,
  type ModelOrigin,
} from '@fieldbook/crdt-model';
import type { Panel } from '@fieldbook/shared';
import { SlidersHorizontal } from 'lucide-react';
import {
  Chip,
  Field,
  IconButton,
  Input,
  Popover,
  PopoverContent,
  PopoverTrigger,
  Select,
} from '../ui';
import type { ChannelInfo } from './telemetryClient';

/** A channel of the panel as its chip shows it. */
export interface ChannelChip {
  id: string;
  label: string;
  color: string;
}

/**
 * The row above a panel's chart: its channels as chips (name, unit and
 * series colour; removable by those who may edit), and for editors a picker
 * of channels to add and the panel's settings (the overlay's tag filter and
 * the value axis' ends) in a popover.
 */
export function PanelControls(props: {
  doc: Y.Doc;
  panel: Panel;
  origin: ModelOrigin;
  chips: ChannelChip[];
  /** Channels of the workspace not on the panel yet, with their labels. */
  addable: (ChannelInfo & { label: string })[];
  mayEdit: boolean;
}) {
  const { doc, panel, origin, mayEdit } = props;
  const overlay = panel.overlays[0] ?? null;
  const axis = panel.yAxes[0] ?? null;
  const setAxisEnd = (end: 'min' | 'max', text: string) => {
    if (!axis) return;
    const value = text.trim() === '' ? null : Number(text);
    if (value !== null && !Number.isFinite(value)) return;
    setPanelAxis(doc, { panelId: panel.id, axis: { ...axis, [end]: value } }, origin);
  };
  return (
    <div className="panel-channels">
      {props.chips.map((c) => (
        <Chip
          key={c.id}
          color={c.color}
          removeLabel={`Remove ${c.label}`}
          onRemove={
            mayEdit
              ? () => removePanelChannel(doc, { panelId: panel.id, channelId: c.id }, origin)
              : undefined
          }
        >
          {c.label}
        </Chip>
      ))}
      {mayEdit && props.addable.length > 0 && (
        <Select
          size="sm"
          aria-label="Add channel"
          placeholder="Add channel"
          value=""
          onValueChange={(channelId) =>
            addPanelChannel(doc, { panelId: panel.id, channelId }, origin)
          }
          options={props.addable.map((k) => ({ value: k.id, label: k.label }))}
        />
      )}
      {mayEdit && (
        <Popover>
          <PopoverTrigger asChild>
            <IconButton size="sm" label="Panel settings" icon={<SlidersHorizontal size={14} />} />
          </PopoverTrigger>
          <PopoverContent className="panel-settings" aria-label="Panel settings">
            {overlay && (
              <Field label="Annotations shown" hint="Tags, comma-separated; empty: all">
                {(ids) => (
                  <Input
                    {...ids}
                    size="sm"
                    placeholder="All tags"
                    defaultValue={overlay.tags.join(', ')}
                    onBlur={(e) =>
                      setPanelOverlay(
                        doc,
                        {
                          panelId: panel.id,
                          collectionId: overlay.collectionId,
                          tags: e.target.value
                            .split(',')
                            .map((t) => t.trim())
                            .filter(Boolean),
                        },
                        origin,
                      )
                    }
                  />
                )}
              </Field>
            )}
            {axis && (
              <div className="panel-settings__axis" role="group" aria-label="Value axis">
                <span className="panel-settings__label">Value axis</span>
                {(['min', 'max'] as const).map((end) => (
                  <Input
                    size="sm"
                    key={`${end}:${axis[end] ?? ''}`}
                    aria-label={`Value axis ${end}`}
                    placeholder={`Value ${end} (auto)`}
                    inputMode="decimal"
                    defaultValue={axis[end] ?? ''}
                    onBlur={(e) => setAxisEnd(end, e.target.value)}
                    onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
                  />
                ))}
              </div>
            )}
          </PopoverContent>
        </Popover>
      )}
    </div>
  );
}

import {
  ArrowUpRight,
  CircleDot,
  MousePointer2,
  MoveHorizontal,
  Pentagon,
  Slash,
  Square,
  Type,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { ANNOTATION_KINDS, type AnnotationKind } from '@fieldbook/shared';
import type { Segment } from '../ui';
import type { Tool } from './chartInteraction';

/** A tool's icon, name (accessible name and tooltip) and one-key shortcut. */
interface ToolLook {
  icon: ReactNode;
  title: string;
  key: string;
}

const icon = (I: typeof Slash) => <I size={15} aria-hidden="true" />;

const TOOLS: Record<Tool, ToolLook> = {
  select: { icon: icon(MousePointer2), title: 'Select', key: 'V' },
  point: { icon: icon(CircleDot), title: 'Draw point', key: 'P' },
  range: { icon: icon(MoveHorizontal), title: 'Draw range', key: 'R' },
  line: { icon: icon(Slash), title: 'Draw line', key: 'L' },
  arrow: { icon: icon(ArrowUpRight), title: 'Draw arrow', key: 'A' },
  rect: { icon: icon(Square), title: 'Draw rect', key: 'B' },
  text: { icon: icon(Type), title: 'Draw text', key: 'T' },
  polygon: { icon: icon(Pentagon), title: 'Draw polygon', key: 'G' },
};

/** The icon of an annotation kind (its drawing tool's), decorative. */
export function kindIcon(kind: AnnotationKind, size = 14): ReactNode {
  const I = KIND_ICONS[kind];
  return <I size={size} aria-hidden="true" className="annotation-kind-icon" />;
}

const KIND_ICONS: Record<AnnotationKind, typeof Slash> = {
  point: CircleDot,
  range: MoveHorizontal,
  line: Slash,
  arrow: ArrowUpRight,
  rect: Square,
  text: Type,
  polygon: Pentagon,
};

/** Live windows offered, in minutes, with their one-key shortcuts 1…4. */
export const LIVE_MINUTES = [1, 5, 15, 60] as const;

/** The tool segments: select, and the seven drawing tools when drawing is allowed. */
export function toolSegments(mayDraw: boolean): Segment[] {
  const tools: Tool[] = mayDraw ? ['select', ...ANNOTATION_KINDS] : ['select'];
  return tools.map((t) => ({
    value: t,
    label: TOOLS[t].icon,
    title: TOOLS[t].title,
    shortcut: TOOLS[t].key,
  }));
}

/** The live-window segments: "1m", "5m", "15m", "1h". */
export function liveSegments(): Segment[] {
  return LIVE_MINUTES.map((m, i) => ({
    value: String(m),
    label: m < 60 ? `${m}m` : `${m / 60}h`,
    title: `Live ${m} min`,
    shortcut: String(i + 1),
  }));
}

/** The tool a key chooses (case-insensitive), if any. */
export function toolForKey(key: string, mayDraw: boolean): Tool | null {
  const found = (Object.keys(TOOLS) as Tool[]).find((t) => TOOLS[t].key === key.toUpperCase());
  if (!found) return null;
  return found === 'select' || mayDraw ? found : null;
}

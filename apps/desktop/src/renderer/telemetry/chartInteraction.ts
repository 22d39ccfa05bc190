import type uPlot from 'uplot';
import { can, type Annotation, type AnnotationKind, type Grant } from '@fieldbook/shared';
import {
  anchorFromDrag,
  handlesOf,
  hits,
  resizeFields,
  type DataPoint,
} from './annotationGeometry';
import { cssProjection, type Draft } from './annotationOverlay';

/** The active tool: select (and move, resize, zoom, pan) or draw a kind. */
export type Tool = 'select' | AnnotationKind;

/** What pointer handling needs from the chart; read afresh on every event. */
export interface InteractionContext {
  tool(): Tool;
  grant(): Grant | null;
  actor(): string;
  channels(): string[];
  /** Annotations drawn now, topmost last. */
  visible(): Annotation[];
  selectedId(): string | null;
  select(id: string | null): void;
  /** Shows a shape while it is drawn, moved or resized (null clears). */
  preview(draft: Draft | null, replacing: string | null, polygon: DataPoint[]): void;
  create(kind: AnnotationKind, anchor: Draft['anchor']): void;
  move(id: string, dt: number, dy: number): void;
  resize(id: string, fields: ReturnType<typeof resizeFields>): void;
  pan(dtMs: number, done: boolean): void;
  pointer(at: DataPoint | null): void;
}

type Gesture =
  | { mode: 'draw'; kind: AnnotationKind; start: DataPoint }
  | { mode: 'move'; a: Annotation; start: DataPoint }
  | { mode: 'resize'; a: Annotation; handle: string }
  | { mode: 'pan'; startX: number; t0: number };

/** Pixels within which a click on a polygon's first point closes it. */
const CLOSE_DISTANCE = 10;

/** The handle on a chart's pointer handling. */
export interface Interaction {
  /** Drops a shape being drawn (a drag or a polygon's points); true when there was one. */
  cancel(): boolean;
  /** Whether a shape is being drawn, moved or resized (a live chart holds still meanwhile). */
  busy(): boolean;
  detach(): void;
}

/**
 * Pointer handling over a uPlot chart: drawing tools create annotations from
 * a drag (polygons from clicks, closed by a click near the first point or a
 * double-click), the select tool grabs an annotation to move it or a handle
 * to resize it, shift-drag pans, and a plain drag is left to uPlot (zoom).
 * Everything is converted to data coordinates before it reaches the model.
 */
export function attachInteraction(u: uPlot, ctx: InteractionContext): Interaction {
  const proj = cssProjection(u);
  let gesture: Gesture | null = null;
  let polygon: DataPoint[] = [];
  const local = (e: MouseEvent) => {
    const r = u.over.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top, inside: e.target === u.over };
  };
  const data = (x: number, y: number): DataPoint => ({ t: proj.t(x), y: proj.v(y) });
  // An approved annotation is locked until a reviewer reopens it (the server refuses edits).
  const mayEdit = (a: Annotation) =>
    a.status === 'draft' && can(ctx.grant(), 'annotation.edit', { own: a.author === ctx.actor() });

  const finishPolygon = () => {
    if (polygon.length >= 3) {
      const anchor = anchorFromDrag('polygon', ctx.channels(), polygon[0]!, polygon[0]!, polygon);
      ctx.create('polygon', anchor);
    }
    polygon = [];
    ctx.preview(null, null, []);
  };

  const onDown = (e: MouseEvent) => {
    const p = local(e);
    if (!p.inside || e.button !== 0) return;
    const at = data(p.x, p.y);
    const tool = ctx.tool();
    if (tool !== 'select') {
      e.stopPropagation();
      e.preventDefault();
      if (!can(ctx.grant(), 'annotation.create')) return;
      if (tool === 'polygon') {
        const [first, last] = [polygon[0], polygon[polygon.length - 1]];
        const near = (q: DataPoint | undefined, d: number) =>
          q !== undefined && Math.hypot(proj.x(q.t) - p.x, proj.y(q.y) - p.y) < d;
        if (polygon.length >= 3 && near(first, CLOSE_DISTANCE)) return finishPolygon();
        // The first click of a double-click that closes the polygon adds no point.
        if (near(last, 3)) return;
        polygon = [...polygon, at];
        return ctx.preview(null, null, polygon);
      }
      gesture = { mode: 'draw', kind: tool, start: at };
      return;
    }
    const selected = ctx.visible().find((a) => a.id === ctx.selectedId());
    if (selected && mayEdit(selected)) {
      const mid = proj.v(u.over.clientHeight / 2);
      const handle = handlesOf(selected.kind, selected.anchor, mid).find(
        (h) => Math.hypot(proj.x(h.at.t) - p.x, proj.y(h.at.y) - p.y) <= 8,
      );
      if (handle) {
        e.stopPropagation();
        gesture = { mode: 'resize', a: selected, handle: handle.id };
        return;
      }
    }
    const hit = [...ctx.visible()]
      .reverse()
      .find((a) => hits(a.kind, a.anchor, proj, p.x, p.y, u.over.clientHeight));
    if (hit) {
      e.stopPropagation();
      ctx.select(hit.id);
      if (mayEdit(hit)) gesture = { mode: 'move', a: hit, start: at };
      return;
    }
    ctx.select(null);
    if (e.shiftKey) {
      e.stopPropagation();
      gesture = { mode: 'pan', startX: p.x, t0: proj.t(p.x) };
    }
  };

  const onMove = (e: MouseEvent) => {
    const p = local(e);
    const at = data(p.x, p.y);
    ctx.pointer(p.inside ? at : null);
    if (!gesture) return;
    if (gesture.mode === 'draw') {
      const anchor = anchorFromDrag(gesture.kind, ctx.channels(), gesture.start, at);
      ctx.preview({ kind: gesture.kind, anchor }, null, []);
    } else if (gesture.mode === 'move') {
      const [dt, dy] = [at.t - gesture.start.t, at.y - gesture.start.y];
      ctx.preview({ kind: gesture.a.kind, anchor: shifted(gesture.a, dt, dy) }, gesture.a.id, []);
    } else if (gesture.mode === 'resize') {
      const fields = resizeFields(gesture.a.kind, gesture.a.anchor, gesture.handle, at);
      ctx.preview(
        { kind: gesture.a.kind, anchor: { ...gesture.a.anchor, ...fields } },
        gesture.a.id,
        [],
      );
    } else {
      ctx.pan(gesture.t0 - proj.t(p.x), false);
    }
  };

  const onUp = (e: MouseEvent) => {
    if (!gesture) return;
    const g = gesture;
    gesture = null;
    const p = local(e);
    const at = data(p.x, p.y);
    ctx.preview(null, null, polygon);
    if (g.mode === 'draw') {
      const anchor = anchorFromDrag(g.kind, ctx.channels(), g.start, at);
      const tiny = Math.abs(proj.x(at.t) - proj.x(g.start.t)) < 3;
      if (g.kind === 'point' || g.kind === 'text' || !tiny) ctx.create(g.kind, anchor);
    } else if (g.mode === 'move') {
      const [dt, dy] = [at.t - g.start.t, at.y - g.start.y];
      if (dt !== 0 || dy !== 0) ctx.move(g.a.id, dt, dy);
    } else if (g.mode === 'resize') {
      ctx.resize(g.a.id, resizeFields(g.a.kind, g.a.anchor, g.handle, at));
    } else {
      ctx.pan(g.t0 - proj.t(p.x), true);
    }
  };
  const onDouble = (e: MouseEvent) => {
    if (ctx.tool() === 'polygon' && local(e).inside) finishPolygon();
  };
  const onLeave = () => ctx.pointer(null);

  u.root.addEventListener('mousedown', onDown, true);
  u.over.addEventListener('dblclick', onDouble);
  u.over.addEventListener('mouseleave', onLeave);
  window.addEventListener('mousemove', onMove);
  window.addEventListener('mouseup', onUp);
  return {
    cancel() {
      const had = gesture?.mode === 'draw' || polygon.length > 0;
      if (gesture?.mode === 'draw') gesture = null;
      polygon = [];
      if (had) ctx.preview(null, null, []);
      return had;
    },
    busy: () => gesture !== null || polygon.length > 0,
    detach() {
      u.root.removeEventListener('mousedown', onDown, true);
      u.over.removeEventListener('dblclick', onDouble);
      u.over.removeEventListener('mouseleave', onLeave);
      window.removeEventListener('mousemove', onMove);
      window.removeEventListener('mouseup', onUp);
    },
  };
}

/** An annotation's anchor shifted by dt (ms) and dy, as moveAnnotation will store it. */
export function shifted(a: Annotation, dt: number, dy: number): Draft['anchor'] {
  const s = a.anchor;
  return {
    ...s,
    t: s.t + dt,
    ...(s.t2 !== undefined && { t2: s.t2 + dt }),
    ...(s.y !== undefined && { y: s.y + dy }),
    ...(s.y2 !== undefined && { y2: s.y2 + dy }),
    ...(s.points && { points: s.points.map((q) => ({ t: q.t + dt, y: q.y + dy })) }),
  };
}

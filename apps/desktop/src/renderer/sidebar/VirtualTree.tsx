import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import type { Peer } from '../appState';
import { EmptyFolderRow, listPlace, TreeDoc, TreeFolder, type RowPlace } from './TreeItems';
import type { TreeRow } from './treeRows';
import './tree.css';

/** Every row's height (px): a document, a folder, "Empty folder" (tree.css holds them to it). */
const ROW_PX = 30;
/** Rows drawn beyond each edge of the view, so scrolling and Tab find rows there. */
const OVERSCAN = 12;
const SCROLLER = '.sidebar__scroll';
const STEPS: Partial<Record<string, (i: number, last: number) => number>> = {
  ArrowDown: (i, last) => Math.min(i + 1, last),
  ArrowUp: (i) => Math.max(i - 1, 0),
  Home: () => 0,
  End: (_, last) => last,
};

/**
 * The document tree's rows, only those in view (and the focused one) in the
 * DOM: a workspace of a thousand notes draws ~40 rows, not a thousand. Rows
 * keep the folders' nested lists (a folder's contents are a group named after
 * it, laid out as usual) and their place in them; ↑/↓/Home/End move between rows, the open
 * document is scrolled into view. The sidebar's scroll area scrolls the tree.
 */
export function VirtualTree({
  rows,
  selectedId,
  peersByDoc,
}: {
  rows: readonly TreeRow[];
  selectedId: string | null;
  peersByDoc: ReadonlyMap<string, Peer[]>;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  const [margin, setMargin] = useState(0);
  const [focused, setFocused] = useState<string | null>(null);
  const pendingFocus = useRef<string | null>(null);
  const indexOf = useMemo(() => new Map(rows.map((r, i) => [r.key, i])), [rows]);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const out = defaultRangeExtractor(range);
      const i = focused === null ? undefined : indexOf.get(focused);
      return i === undefined || out.includes(i) ? out : [...out, i].sort((a, b) => a - b);
    },
    [indexOf, focused],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current?.closest(SCROLLER) ?? null,
    estimateSize: () => ROW_PX,
    getItemKey: useCallback((i: number) => rows[i]!.key, [rows]),
    overscan: OVERSCAN,
    scrollMargin: margin,
    rangeExtractor,
    // The first render already holds a screenful of rows, before the scroll area is measured.
    initialRect: { width: 0, height: window.innerHeight },
  });

  // Where the list starts in the scroll area (below the heading and the tag filter, which
  // come and go with what the rows are).
  useLayoutEffect(() => {
    const list = listRef.current;
    const scroller = list?.closest(SCROLLER);
    if (!list || !scroller) return;
    const top =
      list.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    setMargin((was) => (Math.abs(top - was) > 0.5 ? top : was));
  }, [rows]);

  // Row `i` scrolled into view; the first with the heading above it.
  const reveal = (i: number) =>
    i === 0 ? virtualizer.scrollToOffset(0) : virtualizer.scrollToIndex(i, { align: 'auto' });
  const shown = useRef<string | null>(null);
  useEffect(() => {
    const i = selectedId === null ? undefined : indexOf.get(selectedId);
    if (i === undefined || shown.current === selectedId) return;
    shown.current = selectedId;
    reveal(i);
  }, [selectedId, indexOf, virtualizer]);

  // A row reached by the keyboard takes the focus once it is drawn.
  useEffect(() => {
    const key = pendingFocus.current;
    const i = key === null ? undefined : indexOf.get(key);
    if (i === undefined) return;
    const main = listRef.current?.querySelector<HTMLElement>(`[data-index="${i}"] .tree-row__main`);
    if (!main) return;
    pendingFocus.current = null;
    main.focus();
  });

  const rowAt = (el: EventTarget) =>
    Number((el as HTMLElement).closest('[data-index]')?.getAttribute('data-index') ?? NaN);
  const onKeyDown = (e: KeyboardEvent) => {
    const step = STEPS[e.key];
    const from = rowAt(e.target);
    if (!step || !(e.target as HTMLElement).classList.contains('tree-row__main')) return;
    if (Number.isNaN(from)) return;
    e.preventDefault();
    let to = step(from, rows.length - 1);
    // "Empty folder" lines take no focus: go on past them.
    const dir = to >= from ? 1 : -1;
    while (rows[to]?.kind === 'empty') to += rows[to + dir] ? dir : -dir;
    pendingFocus.current = rows[to]!.key;
    setFocused(rows[to]!.key);
    reveal(to);
  };

  const items = virtualizer.getVirtualItems();
  const startOf = new Map(items.map((v) => [v.index, v.start - margin]));
  // The rows in view (and overscan) are one run, drawn in the flow of their lists below a
  // padding that stands for the rows above; the focused row, kept drawn when scrolled away,
  // floats at its place.
  const floats = (i: number) => !startOf.has(i - 1) && !startOf.has(i + 1) && items.length > 1;
  const firstInFlow = items.find((v) => !floats(v.index));
  const anyIn = (from: number, to: number) => items.some((v) => v.index >= from && v.index < to);
  const place = (i: number): RowPlace | null => {
    const top = startOf.get(i);
    const r = rows[i]!;
    if (top === undefined) return null;
    return { index: i, top, floating: floats(i), depth: r.depth, pos: r.pos, size: r.size };
  };
  // Rows [from, to) that are drawn, inside their folders' lists.
  const draw = (from: number, to: number): ReactNode[] => {
    const out: ReactNode[] = [];
    for (let i = from; i < to;) {
      const row = rows[i]!;
      const at = place(i);
      if (row.kind !== 'folder') {
        if (at && row.kind === 'doc') {
          const sel = row.d.id === selectedId;
          const here = peersByDoc.get(row.d.id);
          out.push(<TreeDoc key={row.key} d={row.d} at={at} selected={sel} here={here} />);
        } else if (at) out.push(<EmptyFolderRow key={row.key} at={at} />);
        i++;
        continue;
      }
      if (anyIn(i, row.end)) {
        out.push(
          <li key={row.key} {...listPlace(row)}>
            {at && <TreeFolder node={row.node} at={at} open={row.open} />}
            {row.open && anyIn(i + 1, row.end) && (
              <ul role="group" aria-label={row.node.folder.name} className="tree-list">
                {draw(i + 1, row.end)}
              </ul>
            )}
          </li>,
        );
      }
      i = row.end;
    }
    return out;
  };

  return (
    <ul
      ref={listRef}
      className="tree-list tree-list--virtual"
      aria-label="Documents"
      style={{
        height: virtualizer.getTotalSize(),
        paddingTop: firstInFlow ? firstInFlow.start - margin : 0,
      }}
      onKeyDown={onKeyDown}
      onFocus={(e) => setFocused(rows[rowAt(e.target)]?.key ?? null)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(null);
      }}
    >
      {draw(0, rows.length)}
    </ul>
  );
}

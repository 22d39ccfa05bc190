import type { DragEvent } from 'react';

/** What is being dragged in the sidebar tree. */
export interface Dragged {
  readonly kind: 'doc' | 'folder';
  readonly id: string;
}

const TYPE = 'application/x-fieldbook-item';

/** Starts dragging a tree item. */
export function startDrag(e: DragEvent, item: Dragged): void {
  e.dataTransfer.setData(TYPE, JSON.stringify(item));
  e.dataTransfer.effectAllowed = 'move';
}

/** Whether a drag carries a tree item (its content is only readable on drop). */
export function carriesItem(e: DragEvent): boolean {
  return e.dataTransfer.types.includes(TYPE);
}

/** The dragged tree item, on drop. */
export function droppedItem(e: DragEvent): Dragged | null {
  try {
    const parsed = JSON.parse(e.dataTransfer.getData(TYPE)) as Partial<Dragged>;
    return (parsed.kind === 'doc' || parsed.kind === 'folder') && typeof parsed.id === 'string'
      ? { kind: parsed.kind, id: parsed.id }
      : null;
  } catch {
    return null;
  }
}

/**
 * Props that make an element a drop target for tree items: `onDrop` gets the
 * item; `setOver` marks the element while something hovers over it.
 */
export function dropTarget(onDrop: (item: Dragged) => void, setOver: (over: boolean) => void) {
  return {
    onDragOver: (e: DragEvent) => {
      if (!carriesItem(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      setOver(true);
    },
    onDragLeave: () => setOver(false),
    onDrop: (e: DragEvent) => {
      setOver(false);
      const item = droppedItem(e);
      if (!item) return;
      e.preventDefault();
      e.stopPropagation();
      onDrop(item);
    },
  };
}

import { Search } from 'lucide-react';
import { Input } from '../ui';

/**
 * The sidebar's search box slot. Today it filters the tree by title; the
 * full-text search (a palette with Ctrl/⌘+K) replaces this component.
 */
export function SearchSlot({ text, onText }: { text: string; onText: (text: string) => void }) {
  return (
    <div className="sidebar-search" role="search">
      <Input
        size="sm"
        icon={<Search size={14} />}
        type="search"
        aria-label="Filter documents"
        placeholder="Filter by title"
        value={text}
        onChange={(e) => onText(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onText('')}
      />
    </div>
  );
}

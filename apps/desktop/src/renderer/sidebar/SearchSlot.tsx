import { Search } from 'lucide-react';
import { openPalette } from '../search/paletteState';
import { Input, Kbd } from '../ui';

/**
 * The sidebar's search box: typing narrows the tree by title at once; Enter
 * searches the full text of notes, annotations and comments in the palette
 * (also Ctrl/⌘+K from anywhere).
 */
export function SearchSlot({ text, onText }: { text: string; onText: (text: string) => void }) {
  return (
    <div className="sidebar-search" role="search">
      <Input
        size="sm"
        icon={<Search size={14} />}
        type="search"
        aria-label="Search (titles as you type, Enter for full text)"
        placeholder="Search"
        value={text}
        onChange={(e) => onText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onText('');
          else if (e.key === 'Enter') {
            e.preventDefault();
            openPalette(text);
            onText('');
          }
        }}
      />
      <span className="sidebar-search__hint" aria-hidden="true">
        <Kbd shortcut="Mod+K" />
      </span>
    </div>
  );
}

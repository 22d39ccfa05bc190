import { FileText, MessageSquare, Tag } from 'lucide-react';
import {
  highlight,
  snippetParts,
  type SearchHit,
  type SearchKind,
  type SearchTerm,
} from '@fieldbook/shared';
import { hitKey } from './keptChoice';

const GROUPS: { kind: SearchKind; title: string; icon: typeof FileText }[] = [
  { kind: 'note', title: 'Notes', icon: FileText },
  { kind: 'annotation', title: 'Annotations', icon: Tag },
  { kind: 'comment', title: 'Comments', icon: MessageSquare },
];

/** A marked string (snippet or highlight) as text with <mark> elements, never as HTML. */
function Marked({ value }: { value: string }) {
  return (
    <>
      {snippetParts(value).map((p, i) =>
        p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
      )}
    </>
  );
}

/** The id of a hit's option element (for aria-activedescendant). */
export const optionId = (index: number) => `search-hit-${index}`;

/** Hits grouped by kind (notes, annotations, comments), in one listbox; `active` is highlighted. */
export function HitList({
  hits,
  terms,
  active,
  onActive,
  onOpen,
  nameOf,
}: {
  hits: readonly SearchHit[];
  terms: readonly SearchTerm[];
  active: number;
  onActive: (index: number) => void;
  onOpen: (hit: SearchHit) => void;
  nameOf: (actor: string) => string;
}) {
  const order = GROUPS.flatMap((g) => hits.filter((h) => h.kind === g.kind));
  let index = -1;
  return (
    <div className="search-results" role="listbox" id="search-results" aria-label="Results">
      {GROUPS.map((group) => {
        const items = order.filter((h) => h.kind === group.kind);
        if (items.length === 0) return null;
        const Icon = group.icon;
        return (
          <div key={group.kind} role="group" aria-labelledby={`search-group-${group.kind}`}>
            <div
              className="search-results__group"
              id={`search-group-${group.kind}`}
              role="presentation"
            >
              {group.title}
            </div>
            {items.map((hit) => {
              const i = ++index;
              return (
                <div
                  key={hitKey(hit)}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  className={`search-hit${i === active ? ' search-hit--active' : ''}`}
                  onMouseMove={() => i !== active && onActive(i)}
                  onClick={() => onOpen(hit)}
                >
                  <Icon size={15} aria-hidden="true" className="search-hit__icon" />
                  <div className="search-hit__text">
                    <div className="search-hit__title">
                      <Marked value={highlight(hit.title || 'Untitled', terms)} />
                      {hit.trashed && <span className="search-hit__meta"> · in trash</span>}
                    </div>
                    {hit.snippet && (
                      <div className="search-hit__snippet">
                        <Marked value={hit.snippet} />
                      </div>
                    )}
                    <div className="search-hit__meta">
                      {nameOf(hit.author)}
                      {hit.status ? ` · ${hit.status}` : ''}
                      {hit.tags.length ? ` · ${hit.tags.map((t) => `#${t}`).join(' ')}` : ''}
                    </div>
                  </div>
                </div>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}

/** The hits in the order the list shows them (for keyboard moves). */
export function displayOrder(hits: readonly SearchHit[]): SearchHit[] {
  return GROUPS.flatMap((g) => hits.filter((h) => h.kind === g.kind));
}

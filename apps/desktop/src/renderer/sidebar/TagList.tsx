import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import { groupTags, tagKey } from '../tags/tagNames';
import { Chip } from '../ui';

/** The workspace's tags (spellings merged regardless of case); choosing one filters the tree. */
export function TagList({ state, actions }: { state: AppState; actions: ShellActions }) {
  const live = state.index?.documents.filter((d) => d.trashedAt === null) ?? [];
  const groups = groupTags(live);
  if (groups.length === 0) return null;
  const { filter } = state;
  const active = filter.kind === 'tag' ? tagKey(filter.tag) : null;
  return (
    <section className="sidebar-section" aria-labelledby="tags-heading">
      <div className="sidebar-section__head">
        <h2 id="tags-heading" className="sidebar-section__title">
          Tags
        </h2>
      </div>
      <ul className="tag-cloud">
        {groups.map((g) => (
          <li key={g.key}>
            <Chip
              color={state.index?.tagColors[g.spelling]}
              selected={active === g.key}
              title={
                g.spellings.length > 1
                  ? `Also written ${g.spellings.filter((s) => s !== g.spelling).join(', ')}`
                  : undefined
              }
              onClick={() =>
                actions.setFilter(
                  active === g.key ? { kind: 'all' } : { kind: 'tag', tag: g.spelling },
                )
              }
            >
              #{g.spelling}
              <span className="tag-cloud__count">{g.count}</span>
            </Chip>
          </li>
        ))}
      </ul>
    </section>
  );
}

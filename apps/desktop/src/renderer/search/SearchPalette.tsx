import { Bookmark, Search } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { parseQuery, type SearchFilters, type SearchHit, type SearchKind } from '@fieldbook/shared';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import { useAccess } from '../shell/access';
import { openChartAt } from '../telemetry/openAt';
import {
  Button,
  Chip,
  Dialog,
  DialogContent,
  Input,
  Kbd,
  SegmentedControl,
  Spinner,
  toast,
} from '../ui';
import { HitList, displayOrder, optionId } from './HitList';
import { hitKey, keptChoice } from './keptChoice';
import type { LocalIndexProgress, LocalSearch } from './localSearchClient';
import { openNoteAt } from './noteTarget';
import { closePalette, type PaletteState } from './paletteState';
import { runSearch, type SearchOutcome } from './searchRunner';
import './search.css';

const KINDS: { kind: SearchKind; label: string }[] = [
  { kind: 'note', label: 'Notes' },
  { kind: 'annotation', label: 'Annotations' },
  { kind: 'comment', label: 'Comments' },
];
const TIMES = [
  { value: 'any', label: 'Any time', ms: 0 },
  { value: 'day', label: '24 h', ms: 86_400_000 },
  { value: 'week', label: '7 days', ms: 7 * 86_400_000 },
  { value: 'month', label: '30 days', ms: 30 * 86_400_000 },
];
const LIMIT = 30;

const toggle = <T,>(list: readonly T[] | undefined, value: T): T[] | undefined => {
  const next = list?.includes(value) ? list.filter((v) => v !== value) : [...(list ?? []), value];
  return next.length ? next : undefined;
};

/**
 * The command palette (Ctrl/⌘+K): full-text search of notes, annotations
 * and comments as you type, this device and the server merged; filter chips
 * (kind, status, time, tags, mine); hits grouped by kind with marked
 * snippets; ↑/↓ and Enter open a note at the match or a chart at the
 * annotation. The current search can be saved for the whole workspace.
 */
export function SearchPalette({
  palette,
  local,
  progress,
  state,
  actions,
}: {
  palette: Extract<PaletteState, { open: true }>;
  local: LocalSearch;
  progress: LocalIndexProgress;
  state: AppState;
  actions: ShellActions;
}) {
  const access = useAccess();
  const [q, setQ] = useState(palette.q);
  const [filters, setFilters] = useState<SearchFilters>(palette.filters);
  const [time, setTime] = useState('any');
  const [outcome, setOutcome] = useState<SearchOutcome | null>(null);
  const [active, setActive] = useState(0);
  const seq = useRef(0);
  /** The query of the last answer and the hit chosen in it, so a re-run keeps the choice. */
  const chosen = useRef<{ query: string; key: string | null }>({ query: '', key: null });
  const session = state.session;
  const workspaceId = state.workspace!.id;
  const me = session?.kind === 'server' ? session.userId : null;
  const terms = useMemo(() => {
    const p = parseQuery(q);
    return 'problem' in p ? [] : p.terms;
  }, [q]);
  const tags = useMemo(() => {
    const all = new Set<string>(Object.keys(state.index?.tagColors ?? {}));
    for (const d of state.index?.documents ?? []) for (const t of d.tags) all.add(t);
    return [...all].sort().slice(0, 8);
  }, [state.index]);

  useEffect(() => {
    const mine = ++seq.current;
    const span = TIMES.find((t) => t.value === time)!.ms;
    const effective: SearchFilters = span ? { ...filters, from: Date.now() - span } : filters;
    const query = JSON.stringify([q, filters, time]);
    const timer = setTimeout(() => {
      void runSearch({
        local,
        api: actions.sessions.api(),
        workspaceId,
        q,
        filters: effective,
        limit: LIMIT,
      }).then((result) => {
        if (seq.current !== mine) return;
        // The same query run again (new writes indexed) keeps the hit the user moved to.
        const kept = chosen.current.query === query ? chosen.current.key : null;
        chosen.current = { query, key: null };
        setOutcome(result);
        setActive(keptChoice(displayOrder(result.hits), kept));
      });
    }, 80);
    return () => clearTimeout(timer);
    // Runs again when the build ends and when the index takes in new writes (a note just typed).
  }, [
    q,
    filters,
    time,
    local,
    workspaceId,
    actions,
    progress.done === progress.total,
    progress.updates,
  ]);

  const hits = displayOrder(outcome?.hits ?? []);
  chosen.current.key = hits[active] ? hitKey(hits[active]) : null;
  const opened = useRef(false);
  const open = (hit: SearchHit) => {
    opened.current = true;
    closePalette();
    if (hit.kind === 'note') {
      openNoteAt(hit.documentId, terms);
      actions.navigate({ kind: 'doc', docId: hit.documentId });
      return;
    }
    const owner = state.activity.get(hit.documentId)?.ownerId ?? null;
    if (hit.annotationId && hit.from !== null && hit.to !== null)
      openChartAt({
        collectionId: hit.documentId,
        annotationId: hit.annotationId,
        from: hit.from,
        to: hit.to,
      });
    actions.navigate({ kind: 'doc', docId: owner ?? hit.documentId });
  };
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (hits.length === 0) return;
      const delta = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + delta + hits.length) % hits.length);
    } else if (e.key === 'Enter' && hits[active]) {
      e.preventDefault();
      open(hits[active]!);
    }
  };
  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const save = () => {
    const name = q.trim() || 'Filtered search';
    void actions.docs
      .saveSearch({ name, q, filters })
      .then(() => toast({ title: `Saved “${name}”` }));
  };
  const building = progress.total > 0 && progress.done < progress.total;
  const where =
    outcome?.source === 'both'
      ? 'This device and the server'
      : session?.kind === 'server'
        ? 'This device only (offline)'
        : 'This device';

  return (
    <Dialog open onOpenChange={(o) => !o && closePalette()}>
      <DialogContent
        title={palette.savedName ?? 'Search'}
        size="lg"
        // An opened hit takes the focus (the editor at the match); it must not jump back.
        onCloseAutoFocus={(e) => opened.current && e.preventDefault()}
      >
        <div className="search-palette" onKeyDown={onKey}>
          <Input
            icon={<Search size={15} />}
            autoFocus
            role="combobox"
            aria-expanded
            aria-controls="search-results"
            aria-activedescendant={hits.length ? optionId(active) : undefined}
            aria-label="Search notes, annotations and comments"
            placeholder='Words, "a phrase", volt*, -exclude'
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <div className="search-palette__filters" aria-label="Filters" role="group">
            {KINDS.map((k) => (
              <Chip
                key={k.kind}
                selected={!!filters.kind?.includes(k.kind)}
                onClick={() => setFilters({ ...filters, kind: toggle(filters.kind, k.kind) })}
              >
                {k.label}
              </Chip>
            ))}
            <Chip
              selected={!!filters.status?.includes('approved')}
              onClick={() => setFilters({ ...filters, status: toggle(filters.status, 'approved') })}
            >
              Approved
            </Chip>
            {me && (
              <Chip
                selected={!!filters.author?.includes(me)}
                onClick={() => setFilters({ ...filters, author: toggle(filters.author, me) })}
              >
                Mine
              </Chip>
            )}
            {tags.map((t) => (
              <Chip
                key={t}
                color={state.index?.tagColors[t]}
                selected={!!filters.tags?.includes(t)}
                onClick={() => setFilters({ ...filters, tags: toggle(filters.tags, t) })}
              >
                #{t}
              </Chip>
            ))}
            <SegmentedControl
              size="sm"
              aria-label="Time"
              value={time}
              onValueChange={(v) => v && setTime(v)}
              segments={TIMES}
            />
          </div>
          {outcome?.problem ? (
            <p className="search-palette__note" role="alert">
              {outcome.problem}
            </p>
          ) : hits.length > 0 ? (
            <HitList
              hits={hits}
              terms={terms}
              active={active}
              onActive={setActive}
              onOpen={open}
              nameOf={access.nameOf}
            />
          ) : (
            <p className="search-palette__note" role="status">
              {outcome === null
                ? 'Searching…'
                : q.trim()
                  ? `Nothing matches “${q.trim()}”.`
                  : 'Nothing here yet.'}
            </p>
          )}
          <div className="search-palette__foot">
            <span role="status">
              {building && <Spinner size={12} />}{' '}
              {building ? `Indexing this device: ${progress.done} of ${progress.total} · ` : ''}
              {where}
              {hits.length ? ` · ${hits.length} result${hits.length === 1 ? '' : 's'}` : ''}
            </span>
            <span className="search-palette__keys">
              <Kbd shortcut="↑" /> <Kbd shortcut="↓" /> move · <Kbd shortcut="Enter" /> open
            </span>
            {access.may('document.create') && (q.trim() || Object.keys(filters).length > 0) && (
              <Button size="sm" variant="ghost" icon={<Bookmark size={14} />} onClick={save}>
                Save search
              </Button>
            )}
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}

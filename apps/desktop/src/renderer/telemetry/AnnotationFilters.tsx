import { ListFilter } from 'lucide-react';
import type { AnnotationStatus } from '@fieldbook/shared';
import { displayTag } from '../tags/tagNames';
import {
  Button,
  Chip,
  Field,
  Input,
  Popover,
  PopoverContent,
  PopoverTrigger,
  Select,
  type SelectOption,
  VisuallyHidden,
} from '../ui';
import { NO_FILTER, type AnnotationFilter } from './annotationFilter';

/** Radix Select reserves '' for "no value", so "every …" has a value of its own. */
const ANY = '*';

const STATUS_TEXT: Record<AnnotationStatus, string> = { draft: 'Draft', approved: 'Approved' };

/** Epoch ms as a datetime-local input's value (local time), '' for none. */
function localInput(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  return new Date(ms - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

const fromInput = (v: string) => (v ? new Date(v).getTime() : null);

const whenText = (ms: number) =>
  new Date(ms).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });

interface FiltersProps {
  filter: AnnotationFilter;
  onChange(filter: AnnotationFilter): void;
  tags: readonly string[];
  authors: readonly string[];
  nameOf(actor: string): string;
}

/**
 * The side panel's filter button: a popover with tag, author, status and a
 * time span, and a count of the filters in force on the button.
 */
export function AnnotationFilterButton(props: FiltersProps) {
  const { filter } = props;
  const set = (patch: Partial<AnnotationFilter>) => props.onChange({ ...filter, ...patch });
  const active = activeFilters(filter, props.nameOf).length;
  const options = (all: string, values: readonly string[], label: (v: string) => string) =>
    [
      { value: ANY, label: all },
      ...values.map((v) => ({ value: v, label: label(v) })),
    ] satisfies SelectOption[];
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button size="sm" variant="ghost" icon={<ListFilter size={14} aria-hidden="true" />}>
          Filter
          {active > 0 && (
            <>
              {' '}
              <span className="annotation-panel__count">{active}</span>
              <VisuallyHidden> in use</VisuallyHidden>
            </>
          )}
        </Button>
      </PopoverTrigger>
      <PopoverContent
        align="end"
        className="annotation-filter-form"
        aria-label="Annotation filters"
      >
        <Field label="Tag">
          {(ids) => (
            <Select
              {...ids}
              size="sm"
              value={filter.tag || ANY}
              onValueChange={(v) => set({ tag: v === ANY ? '' : v })}
              options={options('All tags', props.tags, displayTag)}
            />
          )}
        </Field>
        <Field label="Author">
          {(ids) => (
            <Select
              {...ids}
              size="sm"
              value={filter.author || ANY}
              onValueChange={(v) => set({ author: v === ANY ? '' : v })}
              options={options('All authors', props.authors, props.nameOf)}
            />
          )}
        </Field>
        <Field label="Status">
          {(ids) => (
            <Select
              {...ids}
              size="sm"
              value={filter.status || ANY}
              onValueChange={(v) => set({ status: v === ANY ? '' : (v as AnnotationStatus) })}
              options={options(
                'Any status',
                ['draft', 'approved'],
                (s) => STATUS_TEXT[s as AnnotationStatus],
              )}
            />
          )}
        </Field>
        <div className="annotation-filter-form__span">
          <Field label="From">
            {(ids) => (
              <Input
                {...ids}
                size="sm"
                type="datetime-local"
                value={localInput(filter.from)}
                onChange={(e) => set({ from: fromInput(e.target.value) })}
              />
            )}
          </Field>
          <Field label="To">
            {(ids) => (
              <Input
                {...ids}
                size="sm"
                type="datetime-local"
                value={localInput(filter.to)}
                onChange={(e) => set({ to: fromInput(e.target.value) })}
              />
            )}
          </Field>
        </div>
        <Button size="sm" disabled={active === 0} onClick={() => props.onChange(NO_FILTER)}>
          Clear filters
        </Button>
      </PopoverContent>
    </Popover>
  );
}

/** One filter in force, as the chip under the panel's header shows it. */
interface ActiveFilter {
  key: keyof AnnotationFilter;
  text: string;
}

function activeFilters(f: AnnotationFilter, nameOf: (actor: string) => string): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  if (f.tag) out.push({ key: 'tag', text: displayTag(f.tag) });
  if (f.author) out.push({ key: 'author', text: `by ${nameOf(f.author)}` });
  if (f.status) out.push({ key: 'status', text: STATUS_TEXT[f.status] });
  if (f.from !== null) out.push({ key: 'from', text: `from ${whenText(f.from)}` });
  if (f.to !== null) out.push({ key: 'to', text: `to ${whenText(f.to)}` });
  return out;
}

/** The filters in force as removable chips (nothing when none is). */
export function ActiveFilterChips(props: Omit<FiltersProps, 'tags' | 'authors'>) {
  const active = activeFilters(props.filter, props.nameOf);
  if (active.length === 0) return null;
  return (
    <div className="annotation-panel__chips" role="group" aria-label="Filters in use">
      {active.map((a) => (
        <Chip
          key={a.key}
          removeLabel={`Stop filtering ${a.text}`}
          onRemove={() => props.onChange({ ...props.filter, [a.key]: NO_FILTER[a.key] })}
        >
          {a.text}
        </Chip>
      ))}
    </div>
  );
}

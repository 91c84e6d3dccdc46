import type { QueueSort } from '@otklik/client/schemas';
import { AppealStatus, AppealType, QUEUE_SORTS } from '@otklik/client/schemas';
import type { Signal } from '@preact/signals';
import { useT } from '../../i18n/translate.ts';
import { DateInput } from '../../kit/date-input.tsx';
import { Checkbox, type Option, Select } from '../../kit/inputs.tsx';
import { queueMessages } from './queue.messages.ts';

/** The contract's own lists, in its order. */
export const TYPES = AppealType.options;
export const STATUSES = AppealStatus.options;
export type Status = (typeof STATUSES)[number];
const SORT_LABEL = {
  due: 'sortDue',
  '-registered': 'sortNewest',
  registered: 'sortOldest',
  number: 'sortNumber',
} as const satisfies Record<QueueSort, string>;

/** What the filter fields hold; a date field holds `null` while what is typed is not a date. */
export interface FilterSignals {
  type: Signal<(typeof TYPES)[number] | ''>;
  status: Signal<Status | ''>;
  topicId: Signal<string>;
  executorId: Signal<string>;
  dueFrom: Signal<string | null>;
  dueTo: Signal<string | null>;
  forwarded: Signal<boolean>;
  extended: Signal<boolean>;
  sort: Signal<QueueSort>;
}

/** How many filters narrow the list (the order is not one): the count on the phone's disclosure button. */
export function activeFilters(f: FilterSignals): number {
  return [
    f.type.value,
    f.status.value,
    f.topicId.value,
    f.executorId.value,
    f.dueFrom.value,
    f.dueTo.value,
    f.forwarded.value,
    f.extended.value,
  ].filter(Boolean).length;
}

type Key = keyof (typeof queueMessages)['ru'];
type T = (key: Key, vars?: Record<string, string | number>) => string;

export function statusLabel(t: T, status: string): string {
  if (status === 'extended') return t('extended_status');
  if (status === 'forwarded') return t('forwarded_status');
  return t(status as Exclude<Status, 'extended' | 'forwarded'>);
}

export interface QueueFiltersProps {
  state: FilterSignals;
  /** Unfolded on a phone (see `FiltersToggle`). */
  open: Signal<boolean>;
  topics: readonly { id: string; name: string; archived: boolean }[];
  executors: readonly { personId: string; name: string }[];
  /** Applies a change to the filters (and goes back to the first page). */
  change: (apply: () => void) => void;
}

const FILTERS_ID = 'queue-filters';

/**
 * On a phone, the disclosure button the filters fold behind, counting the active ones, so the list
 * starts near the top (the tabs and the search stay out). Hidden by CSS on a wide screen, where the
 * fields always show.
 */
export function FiltersToggle({ state, open }: Pick<QueueFiltersProps, 'state' | 'open'>) {
  const { t } = useT(queueMessages);
  const active = activeFilters(state);
  return (
    <button
      type="button"
      class="button button--secondary queue-filters-toggle"
      aria-expanded={open.value ? 'true' : 'false'}
      aria-controls={FILTERS_ID}
      onClick={() => (open.value = !open.value)}
    >
      {active > 0 ? t('filtersCount', { count: active }) : t('filters')}
    </button>
  );
}

/** The filters beside the tabs: on a wide screen a row that wraps; on a phone folded unless `open`. */
export function QueueFilters({ state, open, topics, executors, change }: QueueFiltersProps) {
  const { t } = useT(queueMessages);
  const reversed = Boolean(
    state.dueFrom.value && state.dueTo.value && state.dueFrom.value > state.dueTo.value,
  );
  /** A select whose first choice is "any": the filter off. */
  const choice = <V extends string>(
    id: string,
    label: string,
    signal: Signal<V | ''>,
    options: Option<V>[],
  ) => (
    <Select
      id={id}
      label={label}
      placeholder={t('any')}
      value={signal.value}
      options={options}
      onValue={(value) => change(() => (signal.value = value))}
    />
  );
  const date = (id: string, label: string, signal: Signal<string | null>, error?: string) => (
    <DateInput
      id={id}
      label={label}
      value={signal.value ?? ''}
      error={error}
      onValue={(value) => change(() => (signal.value = value))}
    />
  );
  const flag = (id: string, label: string, signal: Signal<boolean>) => (
    <Checkbox
      id={id}
      label={label}
      value={signal.value}
      onValue={(value) => change(() => (signal.value = value))}
    />
  );
  return (
    <fieldset id={FILTERS_ID} class={open.value ? 'queue-filters' : 'queue-filters queue-filters--folded'}>
      <legend class="visually-hidden">{t('filters')}</legend>
      {choice(
        'queue-type',
        t('type'),
        state.type,
        TYPES.map((value) => ({ value, label: t(value) })),
      )}
      {choice(
        'queue-status',
        t('status'),
        state.status,
        STATUSES.map((value) => ({ value, label: statusLabel(t, value) })),
      )}
      {topics.length > 0 &&
        choice(
          'queue-topic',
          t('topic'),
          state.topicId,
          topics.map((topic) => ({
            value: topic.id,
            label: topic.archived ? t('archived', { name: topic.name }) : topic.name,
          })),
        )}
      {executors.length > 0 &&
        choice(
          'queue-executor',
          t('executor'),
          state.executorId,
          executors.map((e) => ({ value: e.personId, label: e.name })),
        )}
      {date('queue-due-from', t('dueFrom'), state.dueFrom)}
      {date('queue-due-to', t('dueTo'), state.dueTo, reversed ? t('periodReversed') : undefined)}
      <Select
        id="queue-sort"
        label={t('sort')}
        value={state.sort.value}
        options={QUEUE_SORTS.map((value) => ({ value, label: t(SORT_LABEL[value]) }))}
        onValue={(value) => change(() => (state.sort.value = value || 'due'))}
      />
      {flag('queue-forwarded', t('forwarded'), state.forwarded)}
      {flag('queue-extended', t('extended'), state.extended)}
    </fieldset>
  );
}

import './queue.css';
import type { Language, QueueSort, StaffAppealPage, StaffAppealSummary } from '@otklik/client/schemas';
import { QUEUE_SORTS } from '@otklik/client/schemas';
import { useSignal } from '@preact/signals';
import { language } from '../../i18n/language.ts';
import { useT } from '../../i18n/translate.ts';
import { Button } from '../../kit/button.tsx';
import { DataList } from '../../kit/data-list.tsx';
import { DateInput } from '../../kit/date-input.tsx';
import { DueChip } from '../../kit/due-chip.tsx';
import { Checkbox, Select, TextInput } from '../../kit/inputs.tsx';
import { PageHeader } from '../../kit/page-header.tsx';
import { EmptyState, Loaded, useLoad } from '../../kit/states.tsx';
import { TabPanel, Tabs } from '../../kit/tabs.tsx';
import { paths } from '../../routes.ts';
import { session } from '../../session.ts';
import { loadApi, SignedIn } from '../access-kit.tsx';
import { queueMessages } from './queue.messages.ts';

/**
 * The saved filters, as tabs (CONSOLE.md: new, due this week, overdue, all), and the person's own:
 * an executor's appeals, an approver's drafts waiting for them.
 */
export type QueueTab = 'all' | 'new' | 'week' | 'overdue' | 'mine' | 'awaiting';
const PAGE = 20;
const TYPES = ['proposal', 'application', 'complaint'] as const;
const STATUSES = [
  'registered',
  'in_review',
  'extended',
  'forwarded',
  'answered',
  'left_without_answer',
  'withdrawn',
] as const;
type Status = (typeof STATUSES)[number];
const SORT_LABEL = {
  due: 'sortDue',
  '-registered': 'sortNewest',
  registered: 'sortOldest',
  number: 'sortNumber',
} as const satisfies Record<QueueSort, string>;

/** The filters beside the tabs; dates as `YYYY-MM-DD` or `''`. */
export interface QueueFilters {
  q: string;
  type: string;
  status: string;
  topicId: string;
  executorId: string;
  dueFrom: string;
  dueTo: string;
  forwarded: boolean;
  extended: boolean;
  sort: QueueSort;
  offset: number;
}

/** The query a tab and the filters send (`dueWithinDays: 6`: today and the six days after it). */
export function queueQuery(tab: QueueTab, f: QueueFilters, language: Language) {
  return {
    ...(tab === 'new' ? { status: 'registered' as const } : {}),
    ...(tab === 'week' ? { dueWithinDays: 6 } : {}),
    ...(tab === 'overdue' ? { overdue: true } : {}),
    ...(tab === 'mine' ? { mine: true } : {}),
    ...(tab === 'awaiting' ? { awaitingApproval: true } : {}),
    ...(f.q ? { q: f.q } : {}),
    ...(f.type ? { type: f.type as (typeof TYPES)[number] } : {}),
    ...(f.status && tab !== 'new' ? { status: f.status as Status } : {}),
    ...(f.topicId ? { topicId: f.topicId } : {}),
    ...(f.executorId ? { executorId: f.executorId } : {}),
    ...(f.dueFrom ? { dueFrom: f.dueFrom } : {}),
    ...(f.dueTo ? { dueTo: f.dueTo } : {}),
    ...(f.forwarded ? { forwarded: true } : {}),
    ...(f.extended ? { extended: true } : {}),
    ...(f.sort !== 'due' ? { sort: f.sort } : {}),
    language,
    limit: PAGE,
    offset: f.offset,
  };
}

/** The organisation's queue: saved filters with counts, search, filters, the list, pages. */
export default function Queue() {
  const { t } = useT(queueMessages);
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <SignedIn>{() => <QueueBody organizationId={session.value?.organization.id ?? ''} />}</SignedIn>
    </>
  );
}

function QueueBody({ organizationId }: { organizationId: string }) {
  const { t } = useT(queueMessages);
  const tab = useSignal<QueueTab>('all');
  const typed = useSignal('');
  const q = useSignal('');
  const type = useSignal('');
  const status = useSignal('');
  const topicId = useSignal('');
  const executorId = useSignal('');
  /** What the date fields hold: a date, `''`, or `null` while what is typed is not a date. */
  const dueFrom = useSignal<string | null>('');
  const dueTo = useSignal<string | null>('');
  const forwarded = useSignal(false);
  const extended = useSignal(false);
  const sort = useSignal<QueueSort>('due');
  const offset = useSignal(0);
  const counts = useSignal<StaffAppealPage['counts'] | null>(null);
  const choices = useSignal<Pick<StaffAppealPage, 'topics' | 'executors'> | null>(null);
  const held = session.value?.roles ?? new Set<string>();
  const reversed = Boolean(dueFrom.value && dueTo.value && dueFrom.value > dueTo.value);
  const filters: QueueFilters = {
    q: q.value,
    type: type.value,
    status: status.value,
    topicId: topicId.value,
    executorId: executorId.value,
    // A date that is not one, or a reversed period, is said at the field and not sent.
    dueFrom: reversed ? '' : (dueFrom.value ?? ''),
    dueTo: reversed ? '' : (dueTo.value ?? ''),
    forwarded: forwarded.value,
    extended: extended.value,
    sort: sort.value,
    offset: offset.value,
  };
  const lang = language.value;
  const page = useLoad(
    async (signal) => {
      const api = await loadApi();
      const result = await api.listOrganizationAppeals(organizationId, queueQuery(tab.value, filters, lang), {
        signal,
      });
      counts.value = result.counts;
      choices.value = { topics: result.topics, executors: result.executors };
      return result;
    },
    [organizationId, tab.value, lang, ...Object.values(filters)],
  );
  const reset = (apply: () => void) => {
    apply();
    offset.value = 0;
  };
  const c = counts.value;
  const tabs = [
    { id: 'all' as const, label: t('tabAll') },
    ...(held.has('executor')
      ? [{ id: 'mine' as const, label: t('tabMine'), ...(c ? { count: c.mine } : {}) }]
      : []),
    ...(held.has('approver')
      ? [{ id: 'awaiting' as const, label: t('tabAwaiting'), ...(c ? { count: c.awaitingApproval } : {}) }]
      : []),
    { id: 'new' as const, label: t('tabNew'), ...(c ? { count: c.new } : {}) },
    { id: 'week' as const, label: t('tabWeek'), ...(c ? { count: c.dueThisWeek } : {}) },
    { id: 'overdue' as const, label: t('tabOverdue'), ...(c ? { count: c.overdue } : {}) },
  ];
  const topics = choices.value?.topics ?? [];
  const executors = choices.value?.executors ?? [];
  return (
    <div class="queue">
      {c && (
        <p class="queue-glance" aria-live="polite">
          {t('glance', { fresh: c.new, week: c.dueThisWeek, overdue: c.overdue })}
        </p>
      )}
      <form
        class="queue-search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          reset(() => {
            q.value = typed.value.trim();
          });
        }}
      >
        <TextInput
          id="queue-q"
          type="search"
          label={t('searchLabel')}
          hint={t('searchHint')}
          value={typed.value}
          onValue={(value) => {
            typed.value = value;
          }}
          maxLength={200}
        />
        <div class="queue-search-actions">
          <Button type="submit">{t('search')}</Button>
          {q.value !== '' && (
            <Button
              variant="secondary"
              onClick={() =>
                reset(() => {
                  typed.value = '';
                  q.value = '';
                })
              }
            >
              {t('clear')}
            </Button>
          )}
        </div>
      </form>
      <fieldset class="queue-filters">
        <legend class="visually-hidden">{t('filtersLabel')}</legend>
        <Select
          id="queue-type"
          label={t('type')}
          placeholder={t('any')}
          value={type.value as (typeof TYPES)[number] | ''}
          options={TYPES.map((value) => ({ value, label: t(value) }))}
          onValue={(value) => reset(() => (type.value = value))}
        />
        <Select
          id="queue-status"
          label={t('status')}
          placeholder={t('any')}
          value={status.value as Status | ''}
          options={STATUSES.map((value) => ({ value, label: statusLabel(t, value) }))}
          onValue={(value) => reset(() => (status.value = value))}
        />
        {topics.length > 0 && (
          <Select
            id="queue-topic"
            label={t('topic')}
            placeholder={t('any')}
            value={topicId.value}
            options={topics.map((topic) => ({
              value: topic.id,
              label: topic.archived ? t('archived', { name: topic.name }) : topic.name,
            }))}
            onValue={(value) => reset(() => (topicId.value = value))}
          />
        )}
        {executors.length > 0 && (
          <Select
            id="queue-executor"
            label={t('executor')}
            placeholder={t('any')}
            value={executorId.value}
            options={executors.map((e) => ({ value: e.personId, label: e.name }))}
            onValue={(value) => reset(() => (executorId.value = value))}
          />
        )}
        <DateInput
          id="queue-due-from"
          label={t('dueFrom')}
          value={dueFrom.value ?? ''}
          onValue={(value) => reset(() => (dueFrom.value = value))}
        />
        <DateInput
          id="queue-due-to"
          label={t('dueTo')}
          value={dueTo.value ?? ''}
          error={reversed ? t('periodReversed') : undefined}
          onValue={(value) => reset(() => (dueTo.value = value))}
        />
        <Select
          id="queue-sort"
          label={t('sort')}
          value={sort.value}
          options={QUEUE_SORTS.map((value) => ({ value, label: t(SORT_LABEL[value]) }))}
          onValue={(value) => reset(() => (sort.value = value || 'due'))}
        />
        <Checkbox
          id="queue-forwarded"
          label={t('forwarded')}
          value={forwarded.value}
          onValue={(value) => reset(() => (forwarded.value = value))}
        />
        <Checkbox
          id="queue-extended"
          label={t('extended')}
          value={extended.value}
          onValue={(value) => reset(() => (extended.value = value))}
        />
      </fieldset>
      <Tabs
        label={t('filtersLabel')}
        idPrefix="queue"
        tabs={tabs}
        selected={tab.value}
        onSelect={(id) => reset(() => (tab.value = id))}
      />
      <TabPanel idPrefix="queue" selected={tab.value}>
        <Loaded load={page} lines={6}>
          {(data) => (
            <>
              <DataList<StaffAppealSummary>
                caption={t('caption')}
                captionHidden
                items={data.items}
                rowKey={(a) => a.appealId}
                rowHref={(a) => paths.appeal(a.appealId)}
                primary={{ id: 'number', header: t('colNumber'), cell: (a) => a.registrationNumber }}
                columns={[
                  { id: 'applicant', header: t('colApplicant'), cell: (a) => a.applicant ?? t('erased') },
                  { id: 'type', header: t('colType'), cell: (a) => typeLabel(t, a.type) },
                  {
                    id: 'topic',
                    header: t('colTopic'),
                    cell: (a) => a.topicName ?? <span class="queue-closed">{t('noTopic')}</span>,
                  },
                  {
                    id: 'executor',
                    header: t('colExecutor'),
                    cell: (a) => a.executor?.name ?? <span class="queue-closed">{t('nobody')}</span>,
                  },
                  {
                    id: 'due',
                    header: t('colDue'),
                    cell: (a) =>
                      a.daysLeft === null ? (
                        <span class="queue-closed">{t('closed')}</span>
                      ) : (
                        <DueChip due={a.dueDate} today={data.today} />
                      ),
                  },
                  {
                    id: 'status',
                    header: t('colStatus'),
                    cell: (a) =>
                      a.awaitingApproval
                        ? `${statusLabel(t, a.status)}, ${t('onApproval')}`
                        : statusLabel(t, a.status),
                  },
                ]}
                empty={
                  <EmptyState title={t('emptyTitle')}>
                    <p>{t('emptyText')}</p>
                  </EmptyState>
                }
              />
              {data.total > 0 && (
                <nav class="queue-pager" aria-label={t('shown', pageRange(data))}>
                  <p>{t('shown', pageRange(data))}</p>
                  {data.offset > 0 && (
                    <Button
                      variant="secondary"
                      onClick={() => (offset.value = Math.max(0, data.offset - PAGE))}
                    >
                      {t('previous')}
                    </Button>
                  )}
                  {data.offset + data.items.length < data.total && (
                    <Button variant="secondary" onClick={() => (offset.value = data.offset + PAGE)}>
                      {t('next')}
                    </Button>
                  )}
                </nav>
              )}
            </>
          )}
        </Loaded>
      </TabPanel>
    </div>
  );
}

type Key = keyof (typeof queueMessages)['ru'];
type T = (key: Key, vars?: Record<string, string | number>) => string;

const pageRange = (data: StaffAppealPage) => ({
  from: data.offset + 1,
  to: data.offset + data.items.length,
  total: data.total,
});

function typeLabel(t: T, type: string): string {
  return (TYPES as readonly string[]).includes(type) ? t(type as (typeof TYPES)[number]) : type;
}

function statusLabel(t: T, status: string): string {
  if (status === 'extended') return t('extended_status');
  if (status === 'forwarded') return t('forwarded_status');
  return t(status as Exclude<Status, 'extended' | 'forwarded'>);
}

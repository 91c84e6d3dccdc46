import './queue.css';
import type { Language, QueueSort, StaffAppealPage, StaffAppealSummary } from '@otklik/client/schemas';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { language } from '../../i18n/language.ts';
import { useT } from '../../i18n/translate.ts';
import { Button } from '../../kit/button.tsx';
import { DataList } from '../../kit/data-list.tsx';
import { DueChip } from '../../kit/due-chip.tsx';
import { TextInput } from '../../kit/inputs.tsx';
import { PageHeader } from '../../kit/page-header.tsx';
import { EmptyState, Loaded, useLoad } from '../../kit/states.tsx';
import { TabPanel, Tabs } from '../../kit/tabs.tsx';
import { paths } from '../../routes.ts';
import { type StaffRole, session } from '../../session.ts';
import { loadApi, SignedIn } from '../access-kit.tsx';
import { queueMessages } from './queue.messages.ts';
import {
  type FilterSignals,
  FiltersToggle,
  QueueFilters,
  type Status,
  statusLabel,
  TYPES,
} from './queue-filters.tsx';
import { initialQueueTab, isQueueTab, type QueueTab, queueTabShown } from './queue-tabs.ts';

const PAGE = 20;

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

/**
 * The organisation's queue: saved filters with counts, search, filters, the list, pages. `query` is
 * the address's (the router passes it): `?tab=` opens a tab.
 */
export default function Queue({ query }: { query?: Record<string, string> }) {
  const { t } = useT(queueMessages);
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <SignedIn>
        {() => <QueueBody organizationId={session.value?.organization.id ?? ''} requestedTab={query?.tab} />}
      </SignedIn>
    </>
  );
}

function QueueBody({
  organizationId,
  requestedTab,
}: {
  organizationId: string;
  requestedTab: string | undefined;
}) {
  const { t } = useT(queueMessages);
  const held = session.value?.roles ?? new Set<StaffRole>();
  const tab = useSignal<QueueTab>(initialQueueTab(requestedTab, held));
  const typed = useSignal('');
  const q = useSignal('');
  const state: FilterSignals = {
    type: useSignal<FilterSignals['type']['value']>(''),
    status: useSignal<FilterSignals['status']['value']>(''),
    topicId: useSignal(''),
    executorId: useSignal(''),
    dueFrom: useSignal<string | null>(''),
    dueTo: useSignal<string | null>(''),
    forwarded: useSignal(false),
    extended: useSignal(false),
    sort: useSignal<QueueSort>('due'),
  };
  const { dueFrom, dueTo } = state;
  const filtersOpen = useSignal(false);
  const offset = useSignal(0);
  // A link to another tab while the queue is open (the same screen, another address) opens that tab.
  useEffect(() => {
    if (isQueueTab(requestedTab) && queueTabShown(requestedTab, held)) {
      tab.value = requestedTab;
      offset.value = 0;
    }
  }, [requestedTab]);
  const counts = useSignal<StaffAppealPage['counts'] | null>(null);
  const choices = useSignal<Pick<StaffAppealPage, 'topics' | 'executors'> | null>(null);
  const reversed = Boolean(dueFrom.value && dueTo.value && dueFrom.value > dueTo.value);
  const filters: QueueFilters = {
    q: q.value,
    type: state.type.value,
    status: state.status.value,
    topicId: state.topicId.value,
    executorId: state.executorId.value,
    // A date that is not one, or a reversed period, is said at the field and not sent.
    dueFrom: reversed ? '' : (dueFrom.value ?? ''),
    dueTo: reversed ? '' : (dueTo.value ?? ''),
    forwarded: state.forwarded.value,
    extended: state.extended.value,
    sort: state.sort.value,
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
          <FiltersToggle state={state} open={filtersOpen} />
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
      <QueueFilters
        state={state}
        open={filtersOpen}
        topics={choices.value?.topics ?? []}
        executors={choices.value?.executors ?? []}
        change={reset}
      />
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
                wide
                items={data.items}
                rowKey={(a) => a.appealId}
                rowHref={(a) => paths.appeal(a.appealId)}
                primary={{
                  id: 'number',
                  header: t('colNumber'),
                  cell: (a) => a.registrationNumber,
                  nowrap: true,
                }}
                columns={[
                  {
                    id: 'applicant',
                    header: t('colApplicant'),
                    cell: (a) => (a.applicant === null ? t('erased') : <ApplicantName name={a.applicant} />),
                  },
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

/** Trailing initials ("И. Е.", "И.Е.") after a surname. */
const INITIALS = /^(.*?\S)\s+((?:\p{Lu}\.\s?)*\p{Lu}\.)$/u;

/**
 * The applicant's surname and initials, the initials kept on one line ("Морозов И." / "Е." reads as two
 * people); the surname may still wrap away from them in a narrow column. Plain spaces, for copying.
 */
export function ApplicantName({ name }: { name: string }) {
  const parts = INITIALS.exec(name);
  if (!parts) return <>{name}</>;
  return (
    <>
      {parts[1]} <span class="queue-initials">{parts[2]}</span>
    </>
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

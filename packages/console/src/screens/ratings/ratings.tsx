import './ratings.css';
import type {
  RatingAnalytics,
  RatingSummary,
  StaffRatingComment,
  SubordinateFigures,
} from '@otklik/client/schemas';
import { useSignal } from '@preact/signals';
import { formatDate, formatMonth } from '../../i18n/format.ts';
import { language } from '../../i18n/language.ts';
import { useT } from '../../i18n/translate.ts';
import { Button } from '../../kit/button.tsx';
import { DataList } from '../../kit/data-list.tsx';
import { Select } from '../../kit/inputs.tsx';
import { OrganizationName } from '../../kit/organization-name.tsx';
import { PageHeader } from '../../kit/page-header.tsx';
import { Loaded, useLoad } from '../../kit/states.tsx';
import { session, timeZone } from '../../session.ts';
import { loadApi, SignedIn } from '../access-kit.tsx';
import { BarChart, LineChart } from './charts.tsx';
import { ratingsMessages } from './ratings.messages.ts';

type Period = 'month' | 'quarter' | 'year';

/** A mean score in the reader's language (two decimals at most), a dash when there is none. */
const fmt = (v: number | null) =>
  v === null ? '—' : new Intl.NumberFormat(language.value, { maximumFractionDigits: 2 }).format(v);

const pick = (text: { ru?: string | undefined; be?: string | undefined; en?: string | undefined }) =>
  text[language.value] ?? text.ru ?? text.be ?? text.en ?? '';

/** Rating analytics of the organisation and those below it: positions, trend, distribution, comments. */
export default function Ratings() {
  const { t } = useT(ratingsMessages);
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <SignedIn>{() => <RatingsBody home={session.value?.organization.id ?? ''} />}</SignedIn>
    </>
  );
}

function RatingsBody({ home }: { home: string }) {
  const { t } = useT(ratingsMessages);
  const organizationId = useSignal(home);
  const period = useSignal<Period>('quarter');
  const data = useLoad(
    async (signal) => {
      const api = await loadApi();
      const [analytics, summary] = await Promise.all([
        api.getRatingAnalytics(organizationId.value, { period: period.value }, { signal }),
        api.getRatingSummary(organizationId.value, { signal }),
      ]);
      return { analytics, summary };
    },
    [organizationId.value, period.value],
  );
  return (
    <>
      <div class="ratings-filters panel">
        <Select<Period>
          id="ratings-period"
          label={t('period')}
          value={period.value}
          options={[
            { value: 'month', label: t('periodMonth') },
            { value: 'quarter', label: t('periodQuarter') },
            { value: 'year', label: t('periodYear') },
          ]}
          onValue={(value) => {
            period.value = value;
          }}
        />
        {organizationId.value !== home && (
          <Button
            variant="secondary"
            onClick={() => {
              organizationId.value = home;
            }}
          >
            {session.value?.organization.name ?? home}
          </Button>
        )}
      </div>
      <Loaded load={data} lines={8}>
        {({ analytics, summary }) => (
          <Analytics
            analytics={analytics}
            summary={summary}
            onOpen={(id) => {
              organizationId.value = id;
            }}
          />
        )}
      </Loaded>
      <Comments organizationId={organizationId.value} />
    </>
  );
}

function Change({ value }: { value: number | null }) {
  const { t } = useT(ratingsMessages);
  if (value === null) return <span class="rating-change">{t('noChange')}</span>;
  if (value === 0) return <span class="rating-change">{t('same')}</span>;
  return value > 0 ? (
    <span class="rating-change rating-change--up">↑ {t('up', { count: value })}</span>
  ) : (
    <span class="rating-change rating-change--down">↓ {t('down', { count: -value })}</span>
  );
}

function Analytics({
  analytics,
  summary,
  onOpen,
}: {
  analytics: RatingAnalytics;
  summary: RatingSummary;
  onOpen: (organizationId: string) => void;
}) {
  const { t, n } = useT(ratingsMessages);
  const rank = (p: { rank: number | null; of: number } | null) =>
    p === null || p.rank === null ? t('notRanked') : t('rankOf', { rank: p.rank, of: p.of });
  const criteria = analytics.criteriaSet.criteria;
  const months = analytics.trend.map((m) => m.month);
  const bars = summary.distribution.map((value, i) => ({ label: String(i + 1), value }));
  const day = (date: string) => formatDate(language.value, date, timeZone.value);
  const firstMonth = analytics.trend[0]?.month;
  const lastMonth = analytics.trend.at(-1)?.month;
  return (
    <>
      <section class="panel" aria-labelledby="ratings-position">
        <h2 id="ratings-position">{t('positionTitle')}</h2>
        <p class="ratings-period">
          {t('periodDates', { from: day(analytics.current.from), to: day(analytics.current.to) })}
        </p>
        <p>{t('average', { average: fmt(analytics.current.average), count: analytics.current.count })}</p>
        <dl class="ratings-positions">
          <div>
            <dt>{t('siblings')}</dt>
            <dd>
              {rank(analytics.current.siblings)} · <Change value={analytics.change.siblings} />
            </dd>
          </div>
          <div>
            <dt>{t('sphere')}</dt>
            <dd>
              {rank(analytics.current.sphere)} · <Change value={analytics.change.sphere} />
            </dd>
          </div>
        </dl>
        <p class="ratings-period">
          {t('previousDates', { from: day(analytics.previous.from), to: day(analytics.previous.to) })}
        </p>
      </section>

      <section aria-labelledby="ratings-trend">
        <h2 id="ratings-trend">{t('trendTitle')}</h2>
        {firstMonth !== undefined && lastMonth !== undefined && (
          <p class="ratings-period">
            {t('trendMonths', {
              from: formatMonth(language.value, firstMonth),
              to: formatMonth(language.value, lastMonth),
            })}
          </p>
        )}
        <div class="chart-pair">
          <LineChart
            id="trend-chart"
            title={t('trendChart')}
            labels={months}
            labelText={(month) => formatMonth(language.value, month, 'short')}
            series={criteria.map((c) => ({
              id: c.id,
              label: pick(c.label),
              values: analytics.trend.map((m) => (m.count > 0 ? (m.criteria[c.id] ?? null) : null)),
            }))}
          />
          <div class="chart-table" role="region" aria-label={t('trendCaption')} tabIndex={0}>
            <DataList<RatingAnalytics['trend'][number]>
              caption={t('trendCaption')}
              items={analytics.trend}
              rowKey={(m) => m.month}
              columns={[
                { id: 'month', header: t('colMonth'), cell: (m) => formatMonth(language.value, m.month) },
                ...criteria.map((c) => ({
                  id: c.id,
                  header: pick(c.label),
                  cell: (m: RatingAnalytics['trend'][number]) =>
                    m.count > 0 && m.criteria[c.id] !== undefined ? fmt(m.criteria[c.id] as number) : '—',
                })),
                { id: 'count', header: t('colCount'), cell: (m) => n(m.count) },
              ]}
            />
          </div>
        </div>
      </section>

      <section aria-labelledby="ratings-distribution">
        <h2 id="ratings-distribution">{t('distributionTitle')}</h2>
        {/* The portal counts the distribution over every rating received (the rating summary): said. */}
        <p class="ratings-period">{t('distributionAllTime', { count: summary.count })}</p>
        <div class="chart-pair">
          <BarChart id="distribution-chart" title={t('distributionChart')} bars={bars} />
          <div class="chart-table" role="region" aria-label={t('distributionCaption')} tabIndex={0}>
            <DataList<{ label: string; value: number }>
              caption={t('distributionCaption')}
              items={bars}
              rowKey={(b) => b.label}
              columns={[
                { id: 'score', header: t('colScore'), cell: (b) => b.label },
                { id: 'count', header: t('colCount'), cell: (b) => n(b.value) },
              ]}
            />
          </div>
        </div>
      </section>

      <section aria-labelledby="ratings-subordinates">
        <h2 id="ratings-subordinates">{t('subordinatesTitle')}</h2>
        {analytics.subordinates.length === 0 ? (
          <p>{t('noSubordinates')}</p>
        ) : (
          <DataList<SubordinateFigures>
            caption={t('subordinatesCaption')}
            items={analytics.subordinates}
            rowKey={(s) => s.organizationId}
            columns={[
              {
                id: 'name',
                header: t('colName'),
                cell: (s) => (
                  <button type="button" class="link-button" onClick={() => onOpen(s.organizationId)}>
                    <OrganizationName name={s.name} shortName={s.shortName} />
                  </button>
                ),
              },
              {
                id: 'rank',
                header: t('colRank'),
                cell: (s) => (s.current.rank === null ? '—' : n(s.current.rank)),
              },
              {
                id: 'average',
                header: t('colAverage'),
                cell: (s) => (s.current.count > 0 ? fmt(s.current.average) : '—'),
              },
              { id: 'count', header: t('colCount'), cell: (s) => n(s.current.count) },
              {
                id: 'previous',
                header: t('colPrevious'),
                cell: (s) => (s.previous.rank === null ? '—' : n(s.previous.rank)),
              },
              { id: 'change', header: t('colChange'), cell: (s) => <Change value={s.change} /> },
            ]}
          />
        )}
      </section>
    </>
  );
}

function Comments({ organizationId }: { organizationId: string }) {
  const { t } = useT(ratingsMessages);
  const comments = useLoad(
    async (signal) =>
      (await loadApi()).listStaffRatingComments(
        organizationId,
        { includeSubordinates: true, limit: 20 },
        { signal },
      ),
    [organizationId],
  );
  return (
    <section aria-labelledby="ratings-comments">
      <h2 id="ratings-comments">{t('commentsTitle')}</h2>
      <Loaded load={comments}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('noComments')}</p>
          ) : (
            <DataList<StaffRatingComment>
              caption={t('commentsCaption')}
              items={page.items}
              rowKey={(c) => c.ratingId}
              columns={[
                {
                  id: 'date',
                  header: t('colDate'),
                  cell: (c) => formatDate(language.value, c.serviceDate, timeZone.value),
                },
                {
                  id: 'org',
                  header: t('colName'),
                  cell: (c) => (
                    <OrganizationName name={c.organizationName} shortName={c.organizationShortName} />
                  ),
                },
                { id: 'service', header: t('colService'), cell: (c) => c.serviceName ?? '—' },
                { id: 'average', header: t('colAverage'), cell: (c) => fmt(c.average) },
                { id: 'comment', header: t('colComment'), cell: (c) => c.comment },
              ]}
            />
          )
        }
      </Loaded>
    </section>
  );
}

/** @jsxRuntime classic */
/** @jsx h */
// Classic JSX (`h` calls): Preact's automatic jsx-runtime then stays with the widgets that use it
// instead of joining the shared runtime chunk the counter page downloads (its 12 KB budget).
/**
 * Appeal counter badge (Указ № 171): `<div data-otklik="appeal-counter" data-org="ORG"
 * data-variant="compact|full" data-lang="ru|be|en"></div>` or `<otklik-appeal-counter org="ORG">`.
 */
import {
  type AppealCounter,
  type AppealStats,
  fetchRoute,
  type getAppealCounterEndpoint,
  getAppealCounterRoute,
} from '@otklik/client';
import {
  defineBadge,
  defineWidget,
  formatDate,
  type OptionsOf,
  oneOf,
  organizationId,
  type Translator,
} from '@otklik/widget-core';
import { h } from 'preact';
import { counterMessages } from './counter-messages.ts';

const attributes = {
  org: organizationId(),
  variant: oneOf(['compact', 'full'], 'compact'),
};

type Options = OptionsOf<typeof attributes>;
type T = Translator<keyof (typeof counterMessages)['ru']>;

const css = `
.counter{margin:0}
.loading.compact{min-height:64px}
.loading.full{min-height:420px}
.compact p{margin:0}
.compact .title{font-weight:600}
table{border-collapse:collapse;width:100%}
caption{text-align:start;font-weight:600;padding-bottom:var(--_gap)}
caption span{display:block;font-weight:400;color:var(--_muted)}
th,td{padding:4px 6px;border-bottom:1px solid var(--_border);vertical-align:top}
thead th{text-align:end}
thead th:first-child,tbody th{text-align:start;font-weight:400}
tbody th.sub{padding-inline-start:20px;color:var(--_muted)}
td{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}
`;

/**
 * The badge: this month's and this year's figures, a line each (compact) or as a table (full).
 * widget-core's badge reads them once when mounted (the runtime remounts on attribute changes) and
 * shows the loading and error states.
 */
export const AppealCounterBadge = defineBadge({
  name: 'appeal-counter',
  messages: counterMessages,
  load: (portal, organizationId, signal) =>
    fetchRoute<typeof getAppealCounterEndpoint>(
      portal,
      getAppealCounterRoute,
      { params: { organizationId } },
      { signal },
    ),
  valid: (counter) =>
    typeof counter?.month?.received === 'number' && typeof counter.year?.received === 'number',
  view: (counter, t, full) => (full ? <Full t={t} counter={counter} /> : <Compact t={t} counter={counter} />),
});

function monthLabel(t: T, stats: AppealStats): string {
  const label = formatDate(t.lang, stats.from, { month: 'long', year: 'numeric' });
  return label.charAt(0).toLocaleUpperCase(t.lang) + label.slice(1);
}

function Compact({ t, counter }: { t: T; counter: AppealCounter }) {
  const { month, year } = counter;
  // One line per period: "Ноябрь 2026 г.: 20 обращений, рассмотрено 8", then the same for the year.
  const line = (period: string, stats: AppealStats) =>
    t.t('compact', {
      period,
      received: t.t('appeals', { count: stats.received }),
      considered: stats.considered.total,
    });
  return (
    <section class="box counter compact" aria-label={t.t('title')}>
      <p class="title">{t.t('title')}</p>
      <p>{line(monthLabel(t, month), month)}</p>
      <p>{line(t.t('yearColumn', { year: year.from.slice(0, 4) }), year)}</p>
    </section>
  );
}

type Row = [key: Parameters<T['t']>[0], pick: (stats: AppealStats) => number, sub?: boolean];

const rows: Row[] = [
  ['received', (s) => s.received],
  ['proposal', (s) => s.byType.proposal, true],
  ['application', (s) => s.byType.application, true],
  ['complaint', (s) => s.byType.complaint, true],
  ['inProgress', (s) => s.inProgress],
  ['considered', (s) => s.considered.total],
  ['supported', (s) => s.considered.supported, true],
  ['supportedMeasuresTaken', (s) => s.considered.supportedMeasuresTaken, true],
  ['notSupported', (s) => s.considered.notSupported, true],
  ['explained', (s) => s.considered.explained, true],
  ['forwarded', (s) => s.forwarded],
  ['leftWithoutAnswer', (s) => s.leftWithoutAnswer],
  ['overdue', (s) => s.overdue],
];

function Full({ t, counter }: { t: T; counter: AppealCounter }) {
  const { month, year } = counter;
  return (
    <div class="box counter full">
      <table>
        <caption>
          {t.t('title')}{' '}
          <span>{t.t('asOf', { date: formatDate(t.lang, counter.asOf, { dateStyle: 'long' }) })}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t.t('indicator')}</th>
            <th scope="col">{t.t('monthColumn', { period: monthLabel(t, month) })}</th>
            <th scope="col">{t.t('yearColumn', { year: year.from.slice(0, 4) })}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, pick, sub]) => (
            <tr key={key}>
              <th scope="row" class={sub ? 'sub' : undefined}>
                {t.t(key)}
              </th>
              <td>{t.n(pick(month))}</td>
              <td>{t.n(pick(year))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default defineWidget({
  name: 'appeal-counter',
  component: AppealCounterBadge,
  attributes,
  css,
  messages: counterMessages,
});

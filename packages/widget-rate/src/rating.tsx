/** @jsxRuntime classic */
/** @jsx h */
// Classic JSX and no hooks, like the appeal counter: Preact's jsx-runtime and hooks stay out of this
// page (its budget is the counter's 12 KB).
/**
 * Rating badge: `<div data-otklik="rating" data-org="ORG" data-variant="compact|full"
 * data-lang="ru|be|en"></div>` or `<otklik-rating org="ORG">`. The organisation's overall average,
 * number of ratings and position (compact); plus the averages per criterion and the distribution of
 * scores as captioned tables (full). Stars and bars are decoration next to their text.
 *
 * The summary is a plain cacheable GET (the portal sends an ETag). When a rating form on the same page
 * rates the same organisation (`otklik:rating-submitted` on `document`), the badge revalidates it.
 */
import {
  fetchRoute,
  type getRatingSummaryEndpoint,
  getRatingSummaryRoute,
  type RatingSummary,
} from '@otklik/client';
import {
  defineBadge,
  defineWidget,
  type OptionsOf,
  oneOf,
  organizationId,
  portalOf,
  type Translator,
} from '@otklik/widget-core';
import { h } from 'preact';
import type { RatingSubmittedDetail } from './rating-event.ts';
import { ratingMessages } from './rating-messages.ts';

export type { RatingSubmittedDetail };

const attributes = {
  org: organizationId(),
  variant: oneOf(['compact', 'full'], 'compact'),
};

type Options = OptionsOf<typeof attributes>;
type T = Translator<keyof (typeof ratingMessages)['ru']>;

// Empty stars and the empty part of a bar are outlined in the border colour, not filled with it: in
// high contrast that colour is black, and an empty bar would look full.
const css = `
.rating{margin:0;--_star:var(--otklik-color-star,#b25e00)}
.loading{min-height:64px}
p{margin:0}
.title{font-weight:600}
.big{font-size:1.3em}
.stars{color:var(--_bg);-webkit-text-stroke:1px var(--_border);letter-spacing:1px}
.stars .on{color:var(--_star);-webkit-text-stroke-color:var(--_star)}
.stars .half{background:linear-gradient(90deg,var(--_star) 50%,var(--_bg) 0);-webkit-background-clip:text;background-clip:text;color:transparent}
table{border-collapse:collapse;width:100%;margin-bottom:var(--_gap)}
caption{text-align:start;font-weight:600;padding-bottom:var(--_gap)}
caption span{display:block;font-weight:400;color:var(--_muted)}
th,td{padding:4px 6px;border-bottom:1px solid var(--_border);text-align:start}
tbody th{font-weight:400}
tbody th.sub{padding-inline-start:20px;color:var(--_muted)}
td{font-variant-numeric:tabular-nums}
progress{appearance:none;width:50%;height:10px;border:1px solid var(--_border);background:var(--_bg);margin-inline-end:8px}
::-webkit-progress-bar{background:var(--_bg)}
::-webkit-progress-value{background:var(--_star)}
::-moz-progress-bar{background:var(--_star)}
`;

/** An average for people: one decimal (`4,3`), a dash when there is none. */
const score = (t: T, average: number | null) => (average === null ? '—' : t.n(Math.round(average * 10) / 10));

/** Five stars for `average`, hidden from assistive technology: the number next to them says it. */
function Stars({ average }: { average: number }) {
  return (
    <span class="stars" aria-hidden="true">
      {[1, 2, 3, 4, 5].map((i) => (
        <span key={i} class={average >= i - 0.25 ? 'on' : average >= i - 0.75 ? 'half' : undefined}>
          ★
        </span>
      ))}
    </span>
  );
}

/** "3-е место из 12 …" / "Ranked 3 of 12 …" for each group the organisation is ranked in. */
const positions = (t: T, summary: RatingSummary) =>
  (['siblings', 'sphere'] as const).map(
    (key) => summary[key]?.rank && <p key={key}>{t.t(key, summary[key] as { rank: number; of: number })}</p>,
  );

/**
 * The badge: widget-core's badge reads the summary and shows the loading and error states; this one
 * reads it again after a rating of this organisation on the page.
 */
export class RatingBadge extends defineBadge({
  name: 'rating',
  messages: ratingMessages,
  load: (portal, organizationId, signal) =>
    fetchRoute<typeof getRatingSummaryEndpoint>(
      portal,
      getRatingSummaryRoute,
      { params: { organizationId } },
      { signal },
    ),
  valid: (summary) =>
    typeof summary?.count === 'number' && summary.distribution?.length === 5 && !!summary.criteria,
  view: (summary, t, full) => <Figures t={t} summary={summary} full={full} />,
}) {
  override componentDidMount() {
    super.componentDidMount();
    document.addEventListener('otklik:rating-submitted', this.rated);
  }

  override componentWillUnmount() {
    super.componentWillUnmount();
    document.removeEventListener('otklik:rating-submitted', this.rated);
  }

  private rated = (event: Event) => {
    const rated = (event as CustomEvent<RatingSubmittedDetail>).detail;
    if (rated?.organizationId !== this.props.options.org) return;
    // The summary is cached by the browser (the portal sends an ETag): ask the portal again.
    const portal = portalOf(this.props.config);
    const fetch = portal.fetch ?? globalThis.fetch;
    this.read({ ...portal, fetch: (input, init) => fetch(input, { ...init, cache: 'no-cache' }) });
  };
}

/** The overall average, the count and the positions (compact); plus criteria and distribution (full). */
function Figures({ t, summary, full }: { t: T; summary: RatingSummary; full: boolean }) {
  const { average, count } = summary;
  const counted = count ? t.t('ratings', { count }) : t.t('none');
  const overall =
    average === null ? (
      '—'
    ) : (
      <span>
        <Stars average={average} /> {t.t('outOf', { average: score(t, average) })}
      </span>
    );
  if (!full)
    return (
      <section class="box rating compact" aria-label={t.t('title')}>
        <p class="title">{t.t('title')}</p>
        {average !== null && <p class="big">{overall}</p>}
        <p class="muted">{counted}</p>
        {positions(t, summary)}
      </section>
    );
  return (
    <div class="box rating full">
      <table>
        <caption>
          {t.t('title')} <span>{counted}</span>
        </caption>
        <tbody>
          <tr>
            <th scope="row">{t.t('overall')}</th>
            <td>{overall}</td>
          </tr>
          {summary.criteria.map((c) => (
            <tr key={c.id}>
              <th scope="row" class="sub">
                {c.label[t.lang] ?? c.label.ru ?? c.label.be ?? c.label.en}
              </th>
              <td>{score(t, c.average)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>{t.t('distribution')}</caption>
        <thead>
          <tr>
            <th scope="col">{t.t('score')}</th>
            <th scope="col">{t.t('share')}</th>
          </tr>
        </thead>
        <tbody>
          {[5, 4, 3, 2, 1].map((n) => {
            const value = summary.distribution[n - 1] ?? 0;
            return (
              <tr key={n}>
                <th scope="row">{n}</th>
                <td>
                  <progress max={count || 1} value={value} aria-hidden="true" />
                  {`${t.n(value)} (${count ? Math.round((value / count) * 100) : 0} %)`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {positions(t, summary)}
    </div>
  );
}

export default defineWidget({
  name: 'rating',
  component: RatingBadge,
  attributes,
  css,
  messages: ratingMessages,
});

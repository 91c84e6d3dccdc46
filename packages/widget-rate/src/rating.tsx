/** @jsxRuntime classic */
/** @jsx h */
// Classic JSX and a class component, like the appeal counter: Preact's jsx-runtime and hooks stay out
// of this page (its budget is the counter's 12 KB).
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
  OtklikResponseShapeError,
  type RatingSummary,
} from '@otklik/client';
import {
  createTranslator,
  defineWidget,
  ErrorState,
  emit,
  type OptionsOf,
  oneOf,
  organizationId,
  portalOf,
  reportError,
  type Translator,
  type WidgetProps,
} from '@otklik/widget-core';
import { Component, h } from 'preact';
import { ratingMessages } from './rating-messages.ts';

export type { RatingSubmittedDetail } from './rating-event.ts';

const attributes = {
  org: organizationId(),
  variant: oneOf(['compact', 'full'], 'compact'),
};

type Options = OptionsOf<typeof attributes>;
type T = Translator<keyof (typeof ratingMessages)['ru']>;
type State = { status: 'loading' } | { status: 'ok'; summary: RatingSummary } | { status: 'error' };

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

export class RatingBadge extends Component<WidgetProps<Options>, State> {
  override state: State = { status: 'loading' };
  private controller = new AbortController();
  /** Only the newest load's answer is shown. */
  private loads = 0;

  override componentDidMount() {
    this.load(false);
    document.addEventListener('otklik:rating-submitted', this.onRated);
  }

  override componentWillUnmount() {
    this.controller.abort();
    document.removeEventListener('otklik:rating-submitted', this.onRated);
  }

  private onRated = (event: Event) => {
    const detail = (event as CustomEvent<{ organizationId?: string }>).detail;
    if (detail?.organizationId === this.props.options.org) this.load(true);
  };

  /** Fetches the summary; `fresh` revalidates with the portal (If-None-Match) instead of the cache. */
  private load(fresh: boolean) {
    const { options, config, host } = this.props;
    const { signal } = this.controller;
    const portal = portalOf(config);
    const load = ++this.loads;
    if (fresh) {
      const fetch = portal.fetch ?? globalThis.fetch;
      portal.fetch = (input, init) => fetch(input, { ...init, cache: 'no-cache' });
    }
    fetchRoute<typeof getRatingSummaryEndpoint>(
      portal,
      getRatingSummaryRoute,
      { params: { organizationId: options.org } },
      { signal },
    )
      .then((summary) => {
        // A cheap shape check instead of the schema: a proxy's or another version's JSON fails here.
        if (typeof summary?.count !== 'number' || summary.distribution?.length !== 5 || !summary.criteria)
          throw new OtklikResponseShapeError(200, []);
        if (load === this.loads) this.setState({ status: 'ok', summary });
      })
      .catch((error: unknown) => {
        if (signal.aborted || load !== this.loads) return;
        // A failed refresh keeps the figures already shown.
        if (this.state.status !== 'ok') this.setState({ status: 'error' });
        reportError(host, 'rating', error);
      });
  }

  override componentDidUpdate(_: WidgetProps<Options>, previous: State) {
    const { state } = this;
    if (state.status === 'ok' && previous.status !== 'ok')
      emit(this.props.host, 'ready', { widget: 'rating', data: state.summary });
  }

  render() {
    const { state } = this;
    const { options, lang } = this.props;
    const t: T = createTranslator(ratingMessages, lang);
    if (state.status === 'error') return <ErrorState message={t.t('unavailable')} />;
    if (state.status === 'loading')
      return (
        <div class={`box rating loading ${options.variant}`} aria-busy="true">
          <p class="muted">{t.t('title')}</p>
        </div>
      );
    const { summary } = state;
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
    if (options.variant !== 'full')
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
                  {c.label[lang] ?? c.label.ru ?? c.label.be ?? c.label.en}
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
}

export default defineWidget({
  name: 'rating',
  component: RatingBadge,
  attributes,
  css,
  messages: ratingMessages,
});

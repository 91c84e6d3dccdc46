/** @jsxRuntime classic */
/** @jsx h */
/**
 * Service-quality rating form: `<div data-otklik="rate" data-org="ORG" data-lang="ru|be|en"></div>` or
 * `<otklik-rate org="ORG">`. Loads the organisation's settings and services, then shows the form (or a
 * polite notice when the organisation takes no ratings), and after sending the thanks with the
 * organisation's current rating.
 *
 * Its page downloads the loader, the shared runtime and this module (≤ 20 KB gzip in all); the proof
 * of work solver and the identity step are lazy chunks. Requests go through `fetchRoute` (no schemas).
 */
import type {
  getWidgetSettingsEndpoint,
  listServicesEndpoint,
  RatingReceipt,
  Service,
  WidgetSettings,
} from '@otklik/client';
import { fetchRoute, getWidgetSettingsRoute, listServicesRoute } from '@otklik/client';
import {
  createTranslator,
  defineWidget,
  ErrorState,
  emit,
  type OptionsOf,
  organizationId,
  type Portal,
  portalOf,
  reportError,
  type WidgetProps,
} from '@otklik/widget-core';
import { Component, h } from 'preact';
import { RateForm } from './rate/form.tsx';
import { rateMessages } from './rate/messages.ts';
import type { IdentityModule, T } from './rate/types.ts';

export type { RatingSubmittedDetail } from './rating-event.ts';

const attributes = { org: organizationId() };
type Props = WidgetProps<OptionsOf<typeof attributes>>;

const css = `
.rate{display:flex;flex-direction:column;gap:calc(var(--_gap)*1.5)}
h2{margin:0;font-size:1.25em;line-height:1.3}
h2 .org{display:block;font-size:.8em;margin-top:2px;overflow-wrap:break-word}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip-path:inset(50%);white-space:nowrap;border:0}
p{margin:0}
fieldset,.field{display:flex;flex-direction:column;gap:6px}
fieldset{border:1px solid var(--_border);border-radius:var(--_radius);padding:var(--_gap) calc(var(--_gap)*1.5) calc(var(--_gap)*1.5);margin:0;min-width:0}
fieldset:has([aria-invalid=true]){border-color:var(--_danger)}
legend{font-weight:600;padding:0 4px}
label{font-weight:600}
.req{color:var(--_danger)}
.hint{color:var(--_muted);font-size:.93em}
.scale{display:flex;flex-wrap:wrap;gap:4px 16px}
.choice{display:flex;align-items:center;gap:6px;font-weight:400;min-height:32px;cursor:pointer}
.choice input{margin:0;width:20px;height:20px;flex:none}
input,select,textarea,button{font:inherit;color:inherit}
input:not([type=radio]),select,textarea{width:100%;padding:8px 10px;border:1px solid var(--_muted);border-radius:calc(var(--_radius)/2);background:var(--_bg);min-height:40px}
textarea{min-height:120px;resize:vertical}
input[readonly]{background:transparent;border-style:dashed}
[aria-invalid=true]{border-color:var(--_danger)!important;border-width:2px!important;accent-color:var(--_danger)}
.row{display:flex;flex-wrap:wrap;gap:var(--_gap);align-items:center}
button{cursor:pointer;padding:8px 16px;min-height:40px;border-radius:calc(var(--_radius)/2);border:1px solid var(--_accent);background:var(--_bg);color:var(--_accent)}
.primary{background:var(--_accent);color:var(--_bg);font-weight:600}
button:disabled{opacity:.6;cursor:default}
.alert{border:2px solid var(--_danger);border-radius:var(--_radius);padding:var(--_gap);color:var(--_danger)}
.ok{border:2px solid var(--_accent)}
`;

type State =
  | { status: 'loading' }
  | { status: 'error' }
  | { status: 'not-allowed' }
  | { status: 'ok'; settings: WidgetSettings; services: Service[]; identity?: IdentityModule | undefined }
  | { status: 'rated'; settings: WidgetSettings; receipt: RatingReceipt };

/** Every service of the organisation (pages of 100; a few pages at most). */
async function allServices(portal: Portal, organizationId: string, signal: AbortSignal): Promise<Service[]> {
  const services: Service[] = [];
  for (let offset = 0; offset < 1000; offset += 100) {
    const page = await fetchRoute<typeof listServicesEndpoint>(
      portal,
      listServicesRoute,
      { params: { organizationId }, query: offset ? { limit: 100, offset } : { limit: 100 } },
      { signal },
    );
    services.push(...page.items);
    if (!page.items.length || services.length >= page.total) break;
  }
  return services;
}

export class RateWidget extends Component<Props, State> {
  override state: State = { status: 'loading' };
  private controller = new AbortController();

  override componentDidMount() {
    const { config, options, host } = this.props;
    const { signal } = this.controller;
    const portal = portalOf(config);
    const organizationId = options.org;
    Promise.all([
      fetchRoute<typeof getWidgetSettingsEndpoint>(
        portal,
        getWidgetSettingsRoute,
        { params: { organizationId } },
        { signal },
      ),
      allServices(portal, organizationId, signal),
    ])
      .then(async ([settings, services]) => {
        const ratings = settings?.ratings;
        // A cheap shape check instead of the schema: a proxy's or another version's JSON fails here.
        if (!ratings?.criteriaSet?.criteria || !Array.isArray(services))
          throw Object.assign(new Error('settings'), { kind: 'response-shape' });
        const { identification, identity } = ratings;
        const identityStep =
          ratings.enabled &&
          identification !== 'anonymous' &&
          (identity.emailCode || identity.oidcProviders.length > 0)
            ? await import('@otklik/widget-core/identity')
            : undefined;
        if (signal.aborted) return;
        this.setState({ status: 'ok', settings, services, identity: identityStep });
        emit(host, 'ready', { widget: 'rate' });
      })
      .catch((error: unknown) => {
        if (signal.aborted) return;
        // Not a passing outage: the citizen is told where else to rate, the webmaster which origin
        // to allow.
        const refused = (error as { code?: string } | null)?.code === 'origin-not-allowed';
        this.setState({ status: refused ? 'not-allowed' : 'error' });
        reportError(
          host,
          'rate',
          refused
            ? Object.assign(
                new Error(
                  `this site (${location.origin}) is not among the allowed sites of organisation "${organizationId}": add ${location.origin} to them in the console (Settings → Allowed sites) or ask the portal's administrator; Otklik.diagnose() checks it`,
                ),
                { kind: 'problem', status: 403, code: 'origin-not-allowed' },
              )
            : error,
        );
      });
  }

  override componentWillUnmount() {
    this.controller.abort();
  }

  private rated = (receipt: RatingReceipt) => {
    const { state } = this;
    if (state.status !== 'ok') return;
    this.setState({ status: 'rated', settings: state.settings, receipt });
    emit(this.props.host, 'rating-submitted', {
      widget: 'rate',
      organizationId: this.props.options.org,
      ratingId: receipt.ratingId,
      average: receipt.summary.average,
    });
  };

  render() {
    const { state } = this;
    const { lang, config, options, host } = this.props;
    const t: T = createTranslator(rateMessages, lang);
    if (state.status === 'error') return <ErrorState message={t.t('unavailable')} />;
    if (state.status === 'not-allowed')
      return (
        <p class="box not-allowed" role="status">
          {t.t('notAllowed')}
        </p>
      );
    if (state.status === 'loading')
      return (
        <div class="box rate" aria-busy="true">
          <p class="hint">{t.t('loading')}</p>
        </div>
      );
    if (state.status === 'rated')
      return <Thanks t={t} receipt={state.receipt} name={state.settings.organizationName} />;
    const { settings, services } = state;
    if (!settings.ratings.enabled || !services.length)
      return (
        <p class="box" role="status">
          {t.t(settings.ratings.enabled ? 'noServices' : 'disabled')}
        </p>
      );
    return (
      <RateForm
        t={t}
        lang={lang}
        host={host}
        portal={portalOf(config)}
        organizationId={options.org}
        settings={settings}
        services={services}
        identity={state.identity}
        onRated={this.rated}
      />
    );
  }
}

/**
 * A name to be set inside «ёлочки»: its own quotes become „лапки“, so that «{name}» reads
 * «Школа „Ромашка“», never «Школа «Ромашка»».
 */
const innerQuotes = (text: string): string => text.replace(/«/g, '„').replace(/»/g, '“');

/** Thanks, and the organisation's rating including this one; the heading takes the focus. */
class Thanks extends Component<{ t: T; receipt: RatingReceipt; name: string }> {
  private heading: HTMLHeadingElement | null = null;

  override componentDidMount() {
    this.heading?.focus();
  }

  render() {
    const { t, receipt, name } = this.props;
    const { average, count } = receipt.summary;
    return (
      <section class="box rate ok" aria-labelledby="thanks-title">
        <h2
          id="thanks-title"
          tabIndex={-1}
          ref={(el) => {
            this.heading = el;
          }}
        >
          {t.t('thanks')}
        </h2>
        <p>{t.t('thanksText', { name: innerQuotes(name) })}</p>
        {average !== null && (
          <p class="current">
            {t.t('current', { average: Math.round(average * 10) / 10 })} ({t.t('ratings', { count })})
          </p>
        )}
      </section>
    );
  }
}

export default defineWidget({ name: 'rate', component: RateWidget, attributes, css, messages: rateMessages });

/** @jsxRuntime classic */
/** @jsx h */
// Classic JSX and a class component, as in the counter badge: no jsx-runtime or hooks chunk on this
// page, and nothing beyond what the shared runtime chunk already holds (its size is the counter's).
/**
 * QR code and printable poster for an organisation's rating page:
 * `<div data-otklik="qr" data-org="ORG" data-poster="a4|a5" data-url="https://…"></div>`.
 *
 * The code leads to `data-url` if given, else the organisation's `ratings.ratingPageUrl` (its
 * bus.gov.ru questionnaire, say), else the portal's own rating page `PORTAL/r/ORG`. It is drawn only
 * when asked for ("Show QR code", the poster, print): the encoder is a lazy chunk (`qr/draw.ts`).
 * The SVG is rendered from the module matrix as Preact elements (no markup strings: Trusted Types).
 */
import type { getWidgetSettingsEndpoint, WidgetSettings } from '@otklik/client';
import { fetchRoute, getWidgetSettingsRoute } from '@otklik/client';
import {
  type AttributeParser,
  createTranslator,
  defineWidget,
  ErrorState,
  emit,
  type OptionsOf,
  oneOf,
  organizationId,
  portalOf,
  reportError,
  type WidgetProps,
} from '@otklik/widget-core';
import { Component, h } from 'preact';
import { qrMessages } from './qr/messages.ts';
import type { Format, QrView } from './qr/view.tsx';

// Only what the shared runtime chunk already exports is imported from widget-core (AttributeError,
// warn, errorCode and sheet are not): one more export there would grow the counter page.

/** An absolute http(s) URL, serialised (`new URL().href`: ASCII, as the QR byte mode needs). */
const httpUrl: AttributeParser<string | undefined> = (raw, name) => {
  const value = raw?.trim();
  if (!value) return undefined;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {}
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:')
    throw Object.assign(new Error(`data-${name} must be an http(s) URL`), { code: 'invalid-attribute' });
  return url.href;
};

const attributes = {
  org: organizationId(),
  url: httpUrl,
  poster: oneOf(['none', 'a4', 'a5'], 'none'),
};

type Props = WidgetProps<OptionsOf<typeof attributes>>;

interface State {
  /** What the code encodes (final once the settings answered). */
  url: string;
  name: string | null;
  /** The organisation does not exist. */
  missing: boolean;
  /** The view chunk, once loaded, and how it starts. */
  view: { View: typeof QrView; poster: Format | null; draw: boolean } | null;
  busy: boolean;
  failed: boolean;
}

/** The portal's own rating page of `org`, in `lang` unless that is the organisation's default. */
function portalRatingPage(portalUrl: string, org: string, lang: string, defaultLang = 'ru'): string {
  const url = new URL(`r/${encodeURIComponent(org)}`, `${portalUrl.replace(/\/+$/, '')}/`);
  if (lang !== defaultLang) url.searchParams.set('lang', lang);
  return url.href;
}

const css = `
.qr{display:grid;grid-template-columns:minmax(0,1fr);gap:var(--_gap);justify-items:start}
p{margin:0}
.title{font-weight:600}
button,select{font:inherit;color:var(--_fg);background:var(--_bg);border:1px solid var(--_border);border-radius:var(--_radius);min-height:32px;padding:4px 12px;max-width:100%}
button{color:var(--_accent);border-color:var(--_accent);cursor:pointer}
button:disabled{opacity:.6;cursor:progress}
.actions,.controls{display:flex;flex-wrap:wrap;gap:var(--_gap);align-items:center}
.status:empty{display:none}
@media print{.actions,.controls,.status,.show{display:none!important}}
`;

/**
 * Before anyone asks for the code: the title, the organisation and two buttons. The view and the
 * encoder are loaded on the first click (a `data-poster` page loads the view at once, not the encoder).
 */
export class QrWidget extends Component<Props, State> {
  private controller = new AbortController();
  /** Resolves once the settings answered (or failed): the code's URL is final then. */
  private settled: Promise<void> = Promise.resolve();

  constructor(props: Props) {
    super(props);
    const { options, config, lang } = props;
    this.state = {
      url: options.url ?? portalRatingPage(config.portalUrl, options.org, lang),
      name: null,
      missing: false,
      view: null,
      busy: false,
      failed: false,
    };
  }

  override componentDidMount() {
    const { options, config, host, lang } = this.props;
    const { signal } = this.controller;
    this.settled = fetchRoute<typeof getWidgetSettingsEndpoint>(
      portalOf(config),
      getWidgetSettingsRoute,
      { params: { organizationId: options.org } },
      { signal },
    ).then(
      (settings: WidgetSettings) => {
        if (signal.aborted) return;
        const own = settings?.ratings?.ratingPageUrl;
        const url =
          options.url ??
          (typeof own === 'string' && /^https?:\/\//.test(own)
            ? new URL(own).href
            : portalRatingPage(config.portalUrl, options.org, lang, settings?.languages?.[0]));
        const name = typeof settings?.organizationName === 'string' ? settings.organizationName : null;
        this.setState({ url, name });
        emit(host, 'ready', { widget: 'qr', data: { url } });
      },
      (error: unknown) => {
        if (signal.aborted) return;
        if ((error as { code?: unknown })?.code === 'organization-not-found') {
          this.setState({ missing: true });
          reportError(host, 'qr', error);
          return;
        }
        // The code still works without the settings: it leads to the portal's page (or data-url).
        console.warn(`[otklik] qr: settings of ${options.org} unavailable; using ${this.state.url}`, error);
        emit(host, 'ready', { widget: 'qr', data: { url: this.state.url } });
      },
    );
    if (options.poster !== 'none') this.open(options.poster, false);
  }

  override componentWillUnmount() {
    this.controller.abort();
  }

  /** Loads the view (and, when drawing at once, the encoder in parallel), then hands over to it. */
  private open(poster: Format | null, draw: boolean) {
    this.setState({ busy: true, failed: false });
    Promise.all([import('./qr/view.tsx'), draw && import('./qr/draw.ts'), this.settled]).then(
      ([{ QrView }]) => {
        if (!this.controller.signal.aborted)
          this.setState({ view: { View: QrView, poster, draw }, busy: false });
      },
      (error: unknown) => {
        this.setState({ busy: false, failed: true });
        reportError(this.props.host, 'qr', error);
      },
    );
  }

  private show = () => this.open(null, true);
  private poster = () => this.open('a4', true);

  render() {
    const { lang, host, options } = this.props;
    const { url, name, view, busy, failed, missing } = this.state;
    const t = createTranslator(qrMessages, lang).t;
    if (missing) return <ErrorState message={t('unavailable')} />;
    if (view)
      return (
        <view.View
          host={host}
          lang={lang}
          org={options.org}
          url={url}
          name={name}
          poster={view.poster}
          closable={options.poster === 'none'}
          draw={view.draw}
          text={t}
        />
      );
    return (
      <section class="box qr" aria-label={t('title')}>
        <p class="title">{t('title')}</p>
        {name && <p class="muted org">{name}</p>}
        <button type="button" class="show" onClick={this.show} disabled={busy}>
          {t('show')}
        </button>
        <p class="status" role="status">
          {busy ? t('drawing') : failed ? t('failed') : ''}
        </p>
        <div class="actions">
          <button type="button" onClick={this.poster} disabled={busy}>
            {t('poster')}
          </button>
        </div>
      </section>
    );
  }
}

export default defineWidget({
  name: 'qr',
  component: QrWidget,
  attributes,
  css,
  messages: qrMessages,
});

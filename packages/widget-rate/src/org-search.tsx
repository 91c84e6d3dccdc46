/** @jsxRuntime classic */
/** @jsx h */
// Classic JSX and a class component, as in the counter badge: no jsx-runtime or hooks chunk on this
// page, and nothing beyond what the shared runtime chunk already holds (its size is the counter's).
/**
 * Organisation search and picker for portals and regional sites:
 * `<div data-otklik="org-search" data-country="RU|BY" data-sphere="education" data-category="school"
 * data-parent="ORG" data-target="rate-form" data-tiles="https://…/{z}/{x}/{y}.png"></div>`.
 *
 * A search box with suggestions (the WAI-ARIA APG 1.2 combobox with list autocomplete: debounced,
 * stale requests aborted), filters by sphere and category (from `GET /v1/spheres`; hidden when that
 * fails), a paginated result list, navigation from a parent organisation to its subordinates with a
 * breadcrumb back, and a map (Leaflet, a lazy chunk loaded when the user opens it; the list stays).
 *
 * "Rate" on a result: when `data-target` names the id of a `data-otklik="rate"` mount (or an
 * `<otklik-rate>` element) on the page, that form is switched to the organisation
 * (`data-org` + `Otklik.reload()`); otherwise it links to the portal's rating page `PORTAL/r/ORG`.
 * Either way `otklik:organization-picked` is dispatched.
 */
import type {
  LocalizedText,
  listSpheresEndpoint,
  Organization,
  QueryOf,
  SphereEntry,
  searchOrganizationsEndpoint,
} from '@otklik/client';
import {
  fetchRoute,
  listSpheresRoute,
  ORGANIZATION_ID_PATTERN,
  SLUG_PATTERN,
  searchOrganizationsRoute,
} from '@otklik/client';
import {
  type AttributeParser,
  createTranslator,
  defineWidget,
  emit,
  type Language,
  type OptionsOf,
  optionalString,
  portalOf,
  reportError,
  type Translator,
  type WidgetProps,
} from '@otklik/widget-core';
import { Component, h } from 'preact';
import type { MapHandle, MapMarker } from './map/map.ts';
import { searchMessages } from './org-search/messages.ts';

declare module '@otklik/widget-core' {
  interface OtklikEventMap {
    /**
     * A citizen chose an organisation to rate. `target` is the id of the rating form switched to it,
     * `null` when the widget links to the portal's rating page instead.
     */
    'organization-picked': {
      widget: 'org-search';
      organizationId: string;
      name: string;
      organization: Organization;
      target: string | null;
    };
  }
}

// Only what the shared runtime chunk already exports is imported from widget-core (AttributeError,
// warn, errorCode and sheet are not): one more export there would grow the counter page.

/** Logs like widget-core's `warn`. */
const warn = (message: string, error: unknown) => console.warn(`[otklik] ${message}`, error);

type Query = QueryOf<typeof searchOrganizationsEndpoint>;
type Org = Organization;
type T = Translator<keyof (typeof searchMessages)['ru']>;

/** Suggestions shown under the box. */
const SUGGESTIONS = 6;
/** Typing pause before suggestions are fetched. */
const DEBOUNCE_MS = 250;

/** `RU` or `BY`, written in either case. */
const country: AttributeParser<'RU' | 'BY' | undefined> = (raw, name) =>
  optionalString(/^(ru|by)$/i)(raw, name)?.toUpperCase() as 'RU' | 'BY' | undefined;

const attributes = {
  country,
  sphere: optionalString(SLUG_PATTERN),
  category: optionalString(SLUG_PATTERN),
  parent: optionalString(ORGANIZATION_ID_PATTERN),
  /** Id of the rating form (`data-otklik="rate"`) on this page that "Rate" switches. */
  target: optionalString(/^[A-Za-z][\w:.-]{0,99}$/),
  /** Tile URL template; none: the map shows its markers on a plain background. */
  tiles: optionalString(/^https?:\/\/\S+\{z\}\S*$/),
  tilesAttribution: optionalString(),
  /** Results per page (1–50). */
  limit: ((raw) => {
    const value = Number(raw);
    return Number.isInteger(value) && value >= 1 && value <= 50 ? value : 10;
  }) as AttributeParser<number>,
};

type Options = OptionsOf<typeof attributes>;
type Props = WidgetProps<Options>;

interface Crumb {
  id: string;
  name: string;
}

interface State {
  /** What is in the box. */
  text: string;
  suggestions: Org[];
  expanded: boolean;
  /** Index of the active suggestion (`aria-activedescendant`), -1 for none. */
  active: number;
  /** The search the result list shows. */
  q: string;
  sphere: string;
  category: string;
  /** Parent organisations opened, outermost first. */
  trail: Crumb[];
  results: Org[];
  total: number;
  status: 'loading' | 'ok' | 'failed';
  loadingMore: boolean;
  /** Filter choices, `null` while unknown or when the portal cannot list them. */
  spheres: SphereEntry[] | null;
  map: boolean;
  mapState: 'idle' | 'loading' | 'ready' | 'failed';
  highlighted: string | null;
  /** A message for the live region after "Rate" switched the form. */
  picked: string | null;
}

const localized = (text: LocalizedText, lang: Language) => text[lang] ?? text.ru ?? text.be ?? text.en ?? '';
const title = (org: Org) => org.shortName ?? org.name;

const css = `
form{display:grid;grid-template-columns:minmax(0,1fr);gap:4px}
select{max-width:100%}
label{font-weight:600}
p{margin:0}
.combo{position:relative;display:flex;gap:var(--_gap)}
input,select{font:inherit;color:var(--_fg);background:var(--_bg);border:1px solid var(--_border);border-radius:var(--_radius);min-height:36px;padding:4px 10px}
input{flex:1;min-width:0}
button,a.rate{font:inherit;color:var(--_accent);background:var(--_bg);border:1px solid var(--_accent);border-radius:var(--_radius);min-height:32px;padding:4px 12px;cursor:pointer;text-decoration:none;display:inline-flex;align-items:center}
button:disabled{opacity:.6;cursor:progress}
button[aria-pressed=true],a.rate,button.rate{background:var(--_accent);color:var(--_bg)}
[role=listbox]{position:absolute;z-index:10;top:100%;left:0;right:0;margin:2px 0 0;padding:4px 0;list-style:none;background:var(--_bg);border:1px solid var(--_border);border-radius:var(--_radius);box-shadow:0 4px 12px rgba(0,0,0,.15);max-height:320px;overflow:auto}
[role=listbox][hidden]{display:none}
[role=option]{padding:6px 10px;cursor:pointer}
[role=option] span{display:block;color:var(--_muted)}
[role=option].on,[role=option]:hover{background:var(--_accent);color:var(--_bg)}
[role=option].on span,[role=option]:hover span{color:inherit}
.hint{font-size:.9em}
.filters{display:flex;flex-wrap:wrap;gap:var(--_gap) calc(var(--_gap)*2);margin-top:var(--_gap)}
.filters div{display:grid;gap:2px}
.crumbs{display:flex;flex-wrap:wrap;gap:4px;list-style:none;margin:var(--_gap) 0 0;padding:0}
.crumbs li+li::before{content:"›";margin-inline-end:4px;color:var(--_muted)}
.crumbs button{border:0;padding:0;min-height:24px;text-decoration:underline}
.head{display:flex;align-items:center;justify-content:space-between;gap:var(--_gap);margin-top:calc(var(--_gap)*1.5)}
.heading{font-weight:600}
.status{margin:4px 0}
.results{list-style:none;margin:0;padding:0;display:grid;gap:var(--_gap)}
.org{border:1px solid var(--_border);border-radius:var(--_radius);padding:var(--_gap) calc(var(--_gap)*1.5)}
.org.on{border-color:var(--_accent);box-shadow:0 0 0 1px var(--_accent)}
.name{font-weight:600}
.acts{display:flex;flex-wrap:wrap;gap:var(--_gap);margin-top:6px}
.mapbox{margin:var(--_gap) 0}
.map{height:360px;border:1px solid var(--_border);border-radius:var(--_radius)}
.mapbar{display:flex;flex-wrap:wrap;gap:var(--_gap);align-items:center;margin-top:4px}
.more{margin-top:var(--_gap)}
@media (forced-colors:active){[role=option].on{outline:2px solid Highlight}}
`;

export class OrgSearch extends Component<Props, State> {
  private suggestController: AbortController | undefined;
  private resultsController: AbortController | undefined;
  private spheresController = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private focused = false;
  private ready = false;
  private unmounted = false;
  private mapModule: typeof import('./map/map.ts') | undefined;
  private mapHandle: MapHandle | undefined;
  private mapEl: HTMLElement | null = null;
  private headingEl: HTMLElement | null = null;
  private items = new Map<string, HTMLElement>();
  /** What to focus after the next render: the heading, or a result by id. */
  private focusNext: string | null = null;

  constructor(props: Props) {
    super(props);
    const { options } = props;
    this.state = {
      text: '',
      suggestions: [],
      expanded: false,
      active: -1,
      q: '',
      sphere: options.sphere ?? '',
      category: options.category ?? '',
      trail: [],
      results: [],
      total: 0,
      status: 'loading',
      loadingMore: false,
      spheres: null,
      map: false,
      mapState: 'idle',
      highlighted: null,
      picked: null,
    };
  }

  override componentDidMount() {
    this.loadSpheres();
    this.load(false);
  }

  override componentDidUpdate(_: Props, previous: State) {
    const { state } = this;
    if (state.map && this.mapModule && this.mapEl && !this.mapHandle) {
      this.mapHandle = this.mapModule.createMap(this.mapEl, this.props.host.shadowRoot as ShadowRoot, {
        tiles: this.props.options.tiles,
        onSelect: this.selectFromMap,
      });
      this.mapHandle.update(this.markers());
    } else if (this.mapHandle && previous.results !== state.results) this.mapHandle.update(this.markers());
    const focus = this.focusNext;
    const target = focus === 'heading' ? this.headingEl : focus ? this.items.get(focus) : undefined;
    if (target) {
      this.focusNext = null;
      target.focus();
    }
  }

  override componentWillUnmount() {
    this.unmounted = true;
    clearTimeout(this.timer);
    this.suggestController?.abort();
    this.resultsController?.abort();
    this.spheresController.abort();
    this.mapHandle?.destroy();
  }

  private t(): T {
    return createTranslator(searchMessages, this.props.lang);
  }

  /** The filters of every query: the widget's fixed ones, the chosen ones, the opened parent. */
  private filters(): Query {
    const { options } = this.props;
    const { sphere, category, trail } = this.state;
    const parent = trail.at(-1)?.id ?? options.parent;
    const query: Query = {};
    if (options.country) query.country = options.country;
    if (sphere) query.sphere = sphere;
    if (category) query.category = category;
    if (parent) query.parent = parent;
    return query;
  }

  private search(query: Query, signal: AbortSignal) {
    return fetchRoute<typeof searchOrganizationsEndpoint>(
      portalOf(this.props.config),
      searchOrganizationsRoute,
      { query },
      { signal },
    ).then((page) => {
      if (!Array.isArray(page?.items) || typeof page.total !== 'number') throw new Error('Unexpected answer');
      return page;
    });
  }

  private loadSpheres() {
    const { options, config } = this.props;
    fetchRoute<typeof listSpheresEndpoint>(
      portalOf(config),
      listSpheresRoute,
      { query: options.country ? { country: options.country } : {} },
      { signal: this.spheresController.signal },
    ).then(
      (list) => {
        if (!this.unmounted && Array.isArray(list?.items)) this.setState({ spheres: list.items });
      },
      // Filters are optional: the list works without them.
      (error: unknown) => this.unmounted || warn('org-search: no sphere filters', error),
    );
  }

  /** Loads the first page of results for the current search, or (`more`) the next page. */
  private load(more: boolean) {
    this.resultsController?.abort();
    const controller = new AbortController();
    this.resultsController = controller;
    const { options, host } = this.props;
    const { q, results } = this.state;
    const offset = more ? results.length : 0;
    this.setState(more ? { loadingMore: true } : { status: 'loading', picked: null });
    this.search(
      { ...this.filters(), ...(q ? { q } : {}), limit: options.limit, offset },
      controller.signal,
    ).then(
      (page) => {
        if (controller.signal.aborted) return;
        if (more && page.items[0]) this.focusNext = page.items[0].id;
        this.setState({
          results: more ? [...results, ...page.items] : page.items,
          total: page.total,
          status: 'ok',
          loadingMore: false,
        });
        if (!this.ready) {
          this.ready = true;
          emit(host, 'ready', { widget: 'org-search' });
        }
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        this.setState({ status: 'failed', loadingMore: false });
        reportError(host, 'org-search', error);
      },
    );
  }

  private suggest(q: string) {
    this.suggestController?.abort();
    const controller = new AbortController();
    this.suggestController = controller;
    this.search({ ...this.filters(), q, limit: SUGGESTIONS, offset: 0 }, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        this.setState({
          suggestions: page.items,
          expanded: this.focused && page.items.length > 0,
          active: -1,
        });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) warn('org-search: suggestions failed', error);
      },
    );
  }

  /** Drops pending and running suggestion requests and closes the list. */
  private cancelSuggestions(extra: Partial<State> = {}) {
    clearTimeout(this.timer);
    this.suggestController?.abort();
    this.setState({ expanded: false, active: -1, ...extra } as State);
  }

  private onInput = (event: Event) => {
    const text = (event.currentTarget as HTMLInputElement).value;
    this.cancelSuggestions({ text });
    if (text.trim().length < 2) {
      this.setState({ suggestions: [] });
      return;
    }
    this.timer = setTimeout(() => this.suggest(text.trim()), DEBOUNCE_MS);
  };

  private onKeyDown = (event: KeyboardEvent) => {
    const { suggestions, expanded, active, text } = this.state;
    const count = suggestions.length;
    switch (event.key) {
      case 'ArrowDown':
        if (!count) return;
        event.preventDefault();
        if (!expanded) this.setState({ expanded: true, active: event.altKey ? -1 : 0 });
        else this.setState({ active: (active + 1) % count });
        return;
      case 'ArrowUp':
        if (!count) return;
        event.preventDefault();
        if (!expanded) this.setState({ expanded: true, active: count - 1 });
        else this.setState({ active: active <= 0 ? count - 1 : active - 1 });
        return;
      case 'Enter': {
        const chosen = expanded ? suggestions[active] : undefined;
        if (chosen) {
          event.preventDefault();
          this.choose(chosen);
        }
        return; // otherwise the form submits: a full search
      }
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          this.cancelSuggestions();
        } else if (text) {
          event.preventDefault();
          this.cancelSuggestions({ text: '', suggestions: [] });
        }
        return;
    }
  };

  /** A suggestion was chosen: it becomes the box's value and the only result. */
  private choose(org: Org) {
    this.resultsController?.abort();
    this.cancelSuggestions({
      text: title(org),
      suggestions: [],
      results: [org],
      total: 1,
      status: 'ok',
      picked: null,
    });
  }

  private submit = (event: Event) => {
    event.preventDefault();
    // The box itself: its last keystroke may not have rendered yet.
    const text = (event.currentTarget as HTMLFormElement).querySelector('input')?.value ?? this.state.text;
    this.cancelSuggestions({ text, q: text.trim() });
    this.setState({}, () => this.load(false));
  };

  private setFilter(sphere: string, category: string) {
    this.setState({ sphere, category }, () => this.load(false));
  }

  /** Opens the subordinates of `org` (or, `org` null, goes back to `trail[0..depth)`). */
  private navigate(trail: Crumb[]) {
    const { options } = this.props;
    this.focusNext = 'heading';
    this.cancelSuggestions({
      trail,
      text: '',
      q: '',
      suggestions: [],
      sphere: options.sphere ?? '',
      category: options.category ?? '',
    });
    this.setState({}, () => this.load(false));
  }

  private ratingPage(org: Org): string {
    return `${this.props.config.portalUrl.replace(/\/+$/, '')}/r/${encodeURIComponent(org.id)}?lang=${this.props.lang}`;
  }

  /** The rating form `data-target` names, if it is one. */
  private target(): HTMLElement | null {
    const { host, options } = this.props;
    const el = options.target ? host.ownerDocument.getElementById(options.target) : null;
    return el && (el.getAttribute('data-otklik') === 'rate' || el.localName === 'otklik-rate') ? el : null;
  }

  private rate(org: Org, event: Event) {
    const target = this.target();
    emit(this.props.host, 'organization-picked', {
      widget: 'org-search',
      organizationId: org.id,
      name: org.name,
      organization: org,
      target: target?.id ?? null,
    });
    if (!target) {
      // A link leads to the portal's page by itself; a button whose form has since left the page does not.
      if ((event.currentTarget as Element | null)?.localName === 'button')
        location.assign(this.ratingPage(org));
      return;
    }
    event.preventDefault();
    if (target.localName === 'otklik-rate') target.setAttribute('org', org.id);
    else {
      target.setAttribute('data-org', org.id);
      (window as { Otklik?: { reload?: () => unknown } }).Otklik?.reload?.();
    }
    target.hidden = false;
    if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.focus();
    this.setState({ picked: this.t().t('picked', { name: title(org) }) });
  }

  private toggleMap = () => {
    const map = !this.state.map;
    if (!map) {
      this.mapHandle?.destroy();
      this.mapHandle = undefined;
      this.setState({ map, highlighted: null });
      return;
    }
    this.setState({ map });
    if (this.mapModule) return;
    this.setState({ mapState: 'loading' });
    import('./map/map.ts').then(
      (module) => {
        this.mapModule = module;
        if (!this.unmounted) this.setState({ mapState: 'ready' });
      },
      (error: unknown) => {
        if (!this.unmounted) this.setState({ mapState: 'failed' });
        warn('org-search: the map could not load', error);
      },
    );
  };

  private markers(): MapMarker[] {
    return this.state.results.flatMap((org) =>
      org.coordinates
        ? [{ id: org.id, name: title(org), lat: org.coordinates.lat, lon: org.coordinates.lon }]
        : [],
    );
  }

  /** A marker was clicked: its result is highlighted and focused. */
  private selectFromMap = (id: string) => {
    this.focusNext = id;
    this.setState({ highlighted: id });
  };

  private showOnMap(org: Org) {
    this.mapHandle?.focus(org.id);
    this.setState({ highlighted: org.id });
  }

  private attribution(t: T) {
    const { tiles, tilesAttribution } = this.props.options;
    if (!tiles) return <p class="muted">{t.t('noTiles')}</p>;
    if (tilesAttribution) return <p class="muted">{tilesAttribution}</p>;
    const host = new URL(tiles.replace(/[{}]/g, '')).hostname;
    return /(^|\.)openstreetmap\.org$/.test(host) ? (
      <p class="muted">
        © <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>
      </p>
    ) : (
      <p class="muted">{host}</p>
    );
  }

  render() {
    const { lang } = this.props;
    const s = this.state;
    const t = this.t();
    const last = s.trail.at(-1);
    const sphere = s.spheres?.find((entry) => entry.id === s.sphere);
    const targetForm = this.target();
    const status =
      s.picked ??
      (s.status === 'loading'
        ? t.t('loading')
        : s.status === 'failed'
          ? t.t('failed')
          : s.total
            ? t.t('found', { count: s.total })
            : t.t('nothing'));
    return (
      <div class="box search">
        <form role="search" aria-label={t.t('label')} onSubmit={this.submit}>
          <label for="otk-q">{t.t('label')}</label>
          <div class="combo">
            <input
              id="otk-q"
              type="text"
              role="combobox"
              autocomplete="off"
              spellcheck={false}
              aria-autocomplete="list"
              aria-expanded={s.expanded ? 'true' : 'false'}
              aria-controls="otk-list"
              aria-activedescendant={s.expanded && s.active >= 0 ? `otk-opt-${s.active}` : undefined}
              aria-describedby="otk-hint"
              value={s.text}
              onInput={this.onInput}
              onKeyDown={this.onKeyDown}
              onFocus={() => {
                this.focused = true;
              }}
              onBlur={() => {
                this.focused = false;
                if (this.state.expanded) this.setState({ expanded: false, active: -1 });
              }}
            />
            <button type="submit">{t.t('search')}</button>
            <ul id="otk-list" role="listbox" aria-label={t.t('suggestions')} hidden={!s.expanded}>
              {s.expanded &&
                s.suggestions.map((org, i) => (
                  <li
                    key={org.id}
                    id={`otk-opt-${i}`}
                    role="option"
                    aria-selected={i === s.active ? 'true' : 'false'}
                    class={i === s.active ? 'on' : undefined}
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => this.choose(org)}
                  >
                    {title(org)}
                    {org.address && <span>{org.address}</span>}
                  </li>
                ))}
            </ul>
          </div>
          <p id="otk-hint" class="muted hint">
            {t.t('hint')}
          </p>
        </form>
        {s.spheres && s.spheres.length > 0 && (
          <div class="filters">
            <div>
              <label for="otk-sphere">{t.t('sphere')}</label>
              <select
                id="otk-sphere"
                value={s.sphere}
                onChange={(event) => this.setFilter((event.currentTarget as HTMLSelectElement).value, '')}
              >
                <option value="">{t.t('anySphere')}</option>
                {s.spheres.map((entry) => (
                  <option key={entry.id} value={entry.id}>
                    {`${localized(entry.name, lang)} (${t.n(entry.count)})`}
                  </option>
                ))}
              </select>
            </div>
            {sphere && sphere.categories.length > 0 && (
              <div>
                <label for="otk-category">{t.t('category')}</label>
                <select
                  id="otk-category"
                  value={s.category}
                  onChange={(event) =>
                    this.setFilter(s.sphere, (event.currentTarget as HTMLSelectElement).value)
                  }
                >
                  <option value="">{t.t('anyCategory')}</option>
                  {sphere.categories.map((entry) => (
                    <option key={entry.id} value={entry.id}>
                      {`${localized(entry.name, lang)} (${t.n(entry.count)})`}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </div>
        )}
        {last && (
          <nav aria-label={t.t('path')}>
            <ol class="crumbs">
              <li>
                <button type="button" onClick={() => this.navigate([])}>
                  {t.t('all')}
                </button>
              </li>
              {s.trail.map((crumb, i) =>
                crumb === last ? (
                  <li key={crumb.id} aria-current="location">
                    {crumb.name}
                  </li>
                ) : (
                  <li key={crumb.id}>
                    <button type="button" onClick={() => this.navigate(s.trail.slice(0, i + 1))}>
                      {crumb.name}
                    </button>
                  </li>
                ),
              )}
            </ol>
          </nav>
        )}
        <div class="head">
          <p
            class="heading"
            tabIndex={-1}
            ref={(el) => {
              this.headingEl = el;
            }}
          >
            {last ? t.t('subordinatesOf', { name: last.name }) : t.t('results')}
          </p>
          <button type="button" aria-pressed={s.map ? 'true' : 'false'} onClick={this.toggleMap}>
            {t.t('map')}
          </button>
        </div>
        <p class="status" role="status">
          {status}
        </p>
        {s.map && (
          <div class="mapbox">
            {s.mapState === 'failed' ? (
              <p class="error">{t.t('mapFailed')}</p>
            ) : s.mapState === 'loading' ? (
              <p class="muted">{t.t('mapLoading')}</p>
            ) : (
              <div>
                <div
                  class="map"
                  role="region"
                  aria-label={t.t('mapLabel')}
                  ref={(el) => {
                    this.mapEl = el;
                  }}
                />
                <div class="mapbar">
                  <button type="button" onClick={() => this.mapHandle?.zoomIn()}>
                    {t.t('zoomIn')}
                  </button>
                  <button type="button" onClick={() => this.mapHandle?.zoomOut()}>
                    {t.t('zoomOut')}
                  </button>
                  {this.attribution(t)}
                </div>
              </div>
            )}
          </div>
        )}
        <ul class="results" aria-label={t.t('results')}>
          {s.results.map((org) => (
            <li
              key={org.id}
              id={`org-${org.id}`}
              class={org.id === s.highlighted ? 'org on' : 'org'}
              tabIndex={-1}
              ref={(el) => {
                if (el) this.items.set(org.id, el);
                else this.items.delete(org.id);
              }}
            >
              <p class="name">{title(org)}</p>
              {org.shortName && <p class="muted">{org.name}</p>}
              {org.address && <p class="muted">{org.address}</p>}
              <div class="acts">
                {targetForm ? (
                  <button
                    type="button"
                    class="rate"
                    aria-label={t.t('rateLabel', { name: title(org) })}
                    onClick={(event) => this.rate(org, event)}
                  >
                    {t.t('rate')}
                  </button>
                ) : (
                  <a
                    class="rate"
                    href={this.ratingPage(org)}
                    aria-label={t.t('rateLabel', { name: title(org) })}
                    onClick={(event) => this.rate(org, event)}
                  >
                    {t.t('rate')}
                  </a>
                )}
                {org.subordinateCount > 0 && (
                  <button
                    type="button"
                    aria-label={t.t('openLabel', { name: title(org), count: org.subordinateCount })}
                    onClick={() => this.navigate([...s.trail, { id: org.id, name: title(org) }])}
                  >
                    {t.t('open', { count: org.subordinateCount })}
                  </button>
                )}
                {s.map && s.mapState === 'ready' && org.coordinates && (
                  <button
                    type="button"
                    aria-label={t.t('onMapLabel', { name: title(org) })}
                    onClick={() => this.showOnMap(org)}
                  >
                    {t.t('onMap')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
        {s.status === 'ok' && s.results.length < s.total && (
          <button type="button" class="more" onClick={() => this.load(true)} disabled={s.loadingMore}>
            {t.t('more')}
          </button>
        )}
      </div>
    );
  }
}

export default defineWidget({
  name: 'org-search',
  component: OrgSearch,
  attributes,
  css,
  messages: searchMessages,
});

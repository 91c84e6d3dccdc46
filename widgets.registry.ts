/**
 * The widgets a page can embed: one row each. Everything else that lists widgets is derived from this
 * table (scripts/widget-registry/): the build entries and the loader's name → files map, the size
 * budgets, the widget packages' `exports`, `Otklik.diagnose()`'s rules, the WordPress and Joomla
 * whitelists (generated into the plugins by `pnpm build`) and the browser tests' widget cases.
 * Adding a widget is its entry module plus one row (packages/widget-core/README.md, "Adding a widget").
 */
import { OrganizationId, Slug } from '@otklik/client/schemas';

/** A client schema that is a string checked by one regular expression, such as `OrganizationId`. */
interface RegexSchema {
  readonly type: 'string';
  readonly pipe: readonly [
    { readonly type: 'string' },
    { readonly type: 'regex'; readonly requirement: RegExp },
  ];
}

/** The regular expression of a client schema, so that a pattern is written once, in the client. */
export function regexOf(schema: RegexSchema): RegExp {
  const [, check] = schema.pipe;
  return check.requirement;
}

/** An option that takes one of a few words; any letter case is accepted, lowercase is emitted. */
export interface KeywordOption {
  readonly values: readonly [string, ...string[]];
}

/** An option whose values match a pattern. */
export interface PatternOption {
  readonly pattern: RegExp;
  /** A valid value, for messages and tests. */
  readonly example: string;
  /** Kept as typed by the CMS plugins (URLs, element ids, text); other values are lowercased first. */
  readonly caseSensitive?: true;
  /** Free text or a URL, where quotes may belong (elsewhere a quote is damage an editor did). */
  readonly freeText?: true;
}

export type OptionSpec = KeywordOption | PatternOption;

export type Label = Readonly<Record<'en' | 'ru' | 'be', string>>;

export interface WidgetSpec {
  /** Its entry module, `<package folder>/src/<file>`; the module's default export is the widget. */
  readonly module: `widget-${string}/src/${string}.${'ts' | 'tsx'}`;
  /**
   * KB (1000 bytes) gzip of what a page with this widget alone downloads first: the loader, the entry
   * and every chunk it imports statically (DESIGN.md, "Budgets"; `scripts/size-report.ts`).
   */
  readonly budget: number;
  /** Code that loads on demand only: its name → a string only that code contains. */
  readonly lazyOnly?: Readonly<Record<string, string>>;
  /** Whether the mount point must name an organisation (`data-org`). */
  readonly needsOrg: boolean;
  /** Its own `data-*` options, in the order the CMS plugins write them (before the shared ones). */
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** What the CMS editors call it. */
  readonly label: Label;
}

export const oneOf = (...values: [string, ...string[]]): KeywordOption => ({ values });

/** A value checked by the client's schema of it (an organisation id, a slug). */
export const schemaOption = (schema: RegexSchema, example: string): PatternOption => ({
  pattern: regexOf(schema),
  example,
});

/** The organisation id of `data-org`. */
export const organizationId: RegExp = regexOf(OrganizationId);

/** Options every widget takes (widget-core reads them): its language and the high-contrast mode. */
export const sharedOptions = {
  // A language tag as in `lang` attributes (`be`, `ru-RU`): widgets use its language part.
  lang: { pattern: /^(ru|be|en)([-_][a-z0-9]{1,8})?$/i, example: 'be' },
  contrast: oneOf('high'),
} as const satisfies Record<string, OptionSpec>;

export const widgets = {
  appeal: {
    module: 'widget-appeal/src/appeal.tsx',
    budget: 26,
    needsOrg: true,
    options: {},
    label: { en: 'Appeal form', ru: 'Форма обращения', be: 'Форма звароту' },
  },
  'appeal-status': {
    module: 'widget-appeal/src/appeal-status.tsx',
    // The tracker page (its own entry; on the form's page it is a lazy chunk).
    budget: 26,
    needsOrg: true,
    options: {},
    label: { en: 'Appeal status', ru: 'Статус обращения', be: 'Статус звароту' },
  },
  'appeal-counter': {
    module: 'widget-appeal/src/appeal-counter.tsx',
    budget: 12,
    needsOrg: true,
    options: { variant: oneOf('compact', 'full') },
    label: { en: 'Appeal counter', ru: 'Счётчик обращений', be: 'Лічыльнік зваротаў' },
  },
  rate: {
    module: 'widget-rate/src/rate.tsx',
    budget: 20,
    needsOrg: true,
    options: {},
    label: { en: 'Service rating form', ru: 'Форма оценки качества услуг', be: 'Форма ацэнкі якасці паслуг' },
  },
  rating: {
    module: 'widget-rate/src/rating.tsx',
    budget: 12,
    needsOrg: true,
    options: { variant: oneOf('compact', 'full') },
    label: { en: 'Rating badge', ru: 'Рейтинг организации', be: 'Рэйтынг арганізацыі' },
  },
  qr: {
    module: 'widget-rate/src/qr.tsx',
    // Before the code is asked for: the encoder and the poster view are lazy chunks.
    budget: 12,
    lazyOnly: { 'qrcode-generator': 'code length overflow' },
    needsOrg: true,
    options: {
      poster: oneOf('none', 'a4', 'a5'),
      url: {
        pattern: /^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/[A-Za-z0-9._~/%-]*)?$/,
        example: 'https://bus.gov.ru/qrcode/rate/123',
        caseSensitive: true,
        freeText: true,
      },
    },
    label: { en: 'QR code for the rating form', ru: 'QR-код формы оценки', be: 'QR-код формы ацэнкі' },
  },
  'org-search': {
    module: 'widget-rate/src/org-search.tsx',
    // Without the map (Leaflet is a lazy chunk).
    budget: 20,
    lazyOnly: { Leaflet: 'leaflet-container' },
    needsOrg: false,
    options: {
      country: oneOf('ru', 'by'),
      sphere: schemaOption(Slug, 'education'),
      category: schemaOption(Slug, 'school'),
      parent: schemaOption(OrganizationId, 'demo-edu-dept'),
      /** The id of a rating form on the page that "Rate" switches. */
      target: { pattern: /^[A-Za-z][A-Za-z0-9_-]{0,63}$/, example: 'rate-form', caseSensitive: true },
      /** Results per page. */
      limit: { pattern: /^([1-9]|[1-4][0-9]|50)$/, example: '20' },
      tiles: {
        pattern: /^https:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?\/[A-Za-z0-9._~/{}-]*\{z\}[A-Za-z0-9._~/{}-]*$/,
        example: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
        caseSensitive: true,
        freeText: true,
      },
      'tiles-attribution': {
        // Plain text on one line: no markup characters, no control characters.
        pattern: /^[^<>"&\x00-\x1f\x7f]{1,200}$/u,
        example: '© OpenStreetMap',
        caseSensitive: true,
        freeText: true,
      },
    },
    label: { en: 'Organisation search', ru: 'Поиск организации', be: 'Пошук арганізацыі' },
  },
} as const satisfies Record<string, WidgetSpec>;

export type WidgetName = keyof typeof widgets;

/** The `data-*` options (without the prefix) widget `W` takes, `org` included. */
export type OptionName<W extends WidgetName> =
  | 'org'
  | (keyof (typeof widgets)[W]['options'] & string)
  | keyof typeof sharedOptions;

export const widgetNames = Object.keys(widgets) as WidgetName[];

/** A widget's options, its own first, then the shared ones. */
export function optionsOf(name: WidgetName): [string, OptionSpec][] {
  const spec: WidgetSpec = widgets[name];
  return [...Object.entries(spec.options), ...Object.entries(sharedOptions)];
}

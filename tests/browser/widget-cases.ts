import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { optionRule } from '../../scripts/widget-registry/rules.ts';
import {
  type OptionName,
  optionsOf,
  organizationId,
  type WidgetName,
  widgetNames,
} from '../../widgets.registry.ts';
import { widgetsDir } from './hostile-harness.ts';

/**
 * Every widget a page can embed, as one table the embedding suites (strict CSP, hostile host CSS, CSS
 * frameworks, accessibility, visually-impaired modes, several widgets on a page) iterate over: the mount
 * attributes, how to tell that it has rendered, and how to bring it into its interesting states. The
 * table is keyed by the widget registry's names (widgets.registry.ts): a widget added there does not
 * compile until it has rows here, and a row's attributes are options its widget takes, with values
 * their patterns accept (`mount` checks them).
 *
 * Locators given to the functions are the mount element (`[data-otklik]`); Playwright's role and CSS
 * locators look into its open shadow root.
 */
export interface WidgetState {
  name: string;
  /** Brings the widget from the previous state of the list (the first: from `shown`) into this one. */
  enter(widget: Locator, page: Page): Promise<void>;
  /**
   * Whether the state looks the same whenever and wherever it is entered (no live figures, no map
   * tiles laid out by script): pixel comparisons skip the others and compare computed styles only.
   */
  stable?: boolean;
}

/** A mount point's `data-*` attributes (without the prefix) for widget `W`: `org` and its options. */
type MountAttributes<W extends WidgetName> = { readonly [K in OptionName<W>]?: string };

export interface WidgetCase {
  /** The row's name: test titles, element ids, screenshot files. */
  name: string;
  /** The `data-otklik` value. */
  widget: WidgetName;
  /** The other `data-*` attributes, without the prefix. */
  attributes: Readonly<Record<string, string>>;
  /**
   * Resolves once the widget shows its content (not its loading state). Locator waits only, so that it
   * also works in `beforeAll`, where `expect.poll` is not available.
   */
  shown(widget: Locator): Promise<void>;
  /** The interesting states, in order. */
  states: WidgetState[];
  /** Texts of its first view in Russian and in Belarusian (for the language checks). */
  words: { ru: string[]; be: string[] };
  /** The attributes for a Belarusian page (an organisation that speaks it). */
  belarusian: Readonly<Record<string, string>>;
}

/** A row of widget `W`'s cases: its attributes typed by the options `W` takes. */
type CaseRow<W extends WidgetName> = Omit<WidgetCase, 'widget' | 'attributes' | 'belarusian'> & {
  attributes: MountAttributes<W>;
  belarusian: MountAttributes<W>;
};

const results = (widget: Locator) => widget.locator('.results .name');
const searchBox = (widget: Locator) =>
  widget.getByRole('combobox', { name: /Найти организацию|Знайсці арганізацыю|Find an organisation/ });

/** Picks the first service and scores 5 for every criterion with the mouse, then sends. */
export async function fillRateForm(widget: Locator): Promise<void> {
  await widget.getByRole('combobox', { name: /Услуга|Паслуга|Service/ }).selectOption({ index: 1 });
  for (const five of await widget.getByRole('radio', { name: /^5 — / }).all()) await five.check();
  await widget.getByRole('button', { name: /Отправить оценку|Адправіць ацэнку|Send rating/ }).click();
}

export const thanksHeading = /Спасибо за оценку|Дзякуй за ацэнку|Thank you/;

/** Widget name → its rows (at least one): TypeScript asks for every widget of the registry. */
const rows: { readonly [W in WidgetName]: readonly [CaseRow<W>, ...CaseRow<W>[]] } = {
  'appeal-counter': [
    {
      name: 'counter-full',
      attributes: { org: 'demo-school', variant: 'full' },
      belarusian: { org: 'demo-by', variant: 'full' },
      shown: (w) => w.getByRole('table').waitFor(),
      states: [],
      words: { ru: ['Поступило обращений'], be: ['Паступіла зваротаў'] },
    },
    {
      name: 'counter-compact',
      attributes: { org: 'demo-school', variant: 'compact' },
      belarusian: { org: 'demo-by', variant: 'compact' },
      shown: (w) => w.locator('section').filter({ hasText: /\d/ }).waitFor(),
      states: [],
      words: { ru: ['рассмотрено'], be: ['разгледжана'] },
    },
  ],
  appeal: [
    {
      name: 'appeal',
      attributes: { org: 'demo-school' },
      belarusian: { org: 'demo-by' },
      shown: (w) => w.getByRole('textbox', { name: /Фамилия|Прозвішча/ }).waitFor(),
      states: [
        {
          name: 'errors',
          stable: true,
          async enter(w) {
            await w.getByRole('button', { name: /Отправить обращение|Адправіць зварот/ }).click();
            await w.locator('[aria-invalid="true"]').first().waitFor();
          },
        },
      ],
      words: { ru: ['Фамилия', 'Отправить обращение'], be: ['Прозвішча', 'Адправіць зварот'] },
    },
  ],
  'appeal-status': [
    {
      name: 'appeal-status',
      attributes: { org: 'demo-school' },
      belarusian: { org: 'demo-by' },
      shown: (w) =>
        w.getByRole('heading', { name: /Узнать статус обращения|Даведацца статус звароту/ }).waitFor(),
      states: [],
      words: { ru: ['Узнать статус обращения'], be: ['Даведацца статус звароту'] },
    },
  ],
  rate: [
    {
      name: 'rate',
      attributes: { org: 'demo-school' },
      belarusian: { org: 'demo-by' },
      shown: (w) => w.getByRole('combobox', { name: /Услуга|Паслуга/ }).waitFor(),
      states: [
        {
          name: 'errors',
          stable: true,
          async enter(w) {
            await w.getByRole('button', { name: /Отправить оценку|Адправіць ацэнку/ }).click();
            await w.locator('[aria-invalid="true"]').first().waitFor();
          },
        },
        {
          // The thanks show the organisation's rating, which each submission changes.
          name: 'thanks',
          async enter(w) {
            await fillRateForm(w);
            await w.getByRole('heading', { name: thanksHeading }).waitFor({ timeout: 20_000 });
          },
        },
      ],
      words: {
        ru: ['Оцените качество услуги', 'Отправить оценку'],
        be: ['Ацаніце якасць паслугі', 'Адправіць ацэнку'],
      },
    },
  ],
  rating: [
    {
      name: 'rating-full',
      attributes: { org: 'demo-school', variant: 'full' },
      belarusian: { org: 'demo-by', variant: 'full' },
      shown: (w) => w.getByRole('table').nth(1).waitFor(),
      states: [],
      words: {
        ru: ['Рейтинг качества услуг', 'Общая оценка'],
        be: ['Рэйтынг якасці паслуг', 'Агульная адзнака'],
      },
    },
    {
      name: 'rating-compact',
      attributes: { org: 'demo-school', variant: 'compact' },
      belarusian: { org: 'demo-by', variant: 'compact' },
      shown: (w) => w.locator('section').filter({ hasText: /\d/ }).waitFor(),
      states: [],
      words: { ru: ['Рейтинг качества услуг'], be: ['Рэйтынг якасці паслуг'] },
    },
  ],
  qr: [
    {
      name: 'qr',
      attributes: { org: 'demo-school' },
      belarusian: { org: 'demo-by' },
      shown: (w) => w.getByRole('button', { name: /Показать QR-код|Паказаць QR-код/ }).waitFor(),
      states: [
        {
          name: 'drawn',
          stable: true,
          async enter(w) {
            await w.getByRole('button', { name: /Показать QR-код|Паказаць QR-код/ }).click();
            await w.getByRole('img', { name: /QR-код/ }).waitFor();
          },
        },
        {
          name: 'poster',
          stable: true,
          async enter(w) {
            await w.getByRole('button', { name: /Плакат для печати|Плакат для друку/ }).click();
            await w
              .getByRole('article')
              .getByRole('img', { name: /QR-код/ })
              .waitFor();
          },
        },
      ],
      words: {
        ru: ['QR-код страницы оценки', 'Показать QR-код'],
        be: ['QR-код старонкі ацэнкі', 'Паказаць QR-код'],
      },
    },
  ],
  'org-search': [
    {
      name: 'org-search',
      attributes: { country: 'RU' },
      belarusian: { country: 'BY' },
      shown: (w) => w.getByRole('status').filter({ hasText: /\d/ }).waitFor(),
      states: [
        {
          name: 'suggestions',
          stable: true,
          async enter(w, page) {
            await searchBox(w).focus();
            await page.keyboard.type('СОШ', { delay: 20 });
            await w
              .getByRole('listbox', { name: /Подсказки|Падказкі/ })
              .getByRole('option')
              .nth(1)
              .waitFor();
          },
        },
        {
          name: 'results',
          stable: true,
          async enter(w, page) {
            // (Focus may have moved on to another widget since: back to the box, where ArrowDown opens
            // the suggestions again on the first one.)
            await searchBox(w).focus();
            await page.keyboard.press('ArrowDown');
            await expect.poll(() => searchBox(w).getAttribute('aria-activedescendant')).toBe('otk-opt-0');
            await page.keyboard.press('Enter');
            await expect.poll(() => results(w).allInnerTexts()).toEqual(['МБОУ СОШ № 1']);
          },
        },
        {
          name: 'subordinates',
          stable: true,
          async enter(w, page) {
            await searchBox(w).fill('');
            await page.keyboard.press('Enter');
            await expect.poll(() => results(w).count()).toBe(5);
            await w
              .getByRole('button', { name: /Подведомственные организации: Управление образования/ })
              .click();
            await expect.poll(() => results(w).count()).toBe(4);
            await w.getByRole('navigation', { name: 'Подчинённость' }).waitFor();
          },
        },
        {
          name: 'map',
          async enter(w) {
            await w.getByRole('button', { name: 'Карта' }).click();
            await expect.poll(() => w.locator('path.leaflet-interactive').count()).toBe(4);
          },
        },
      ],
      words: { ru: ['Найти организацию', 'Организации'], be: ['Знайсці арганізацыю', 'Арганізацыі'] },
    },
  ],
};

export const widgetCases: WidgetCase[] = Object.entries(rows).flatMap(([widget, cases]) =>
  cases.map((row: CaseRow<WidgetName>) => ({ ...row, widget: widget as WidgetName })),
);

/** The rows of some widgets (`data-otklik` values). */
export const casesOf = (...widgets: WidgetName[]) => widgetCases.filter((c) => widgets.includes(c.widget));

/** Throws unless every attribute is `org` or an option `widget` takes, with a value it accepts. */
export function checkAttributes(widget: WidgetName, attributes: Readonly<Record<string, string>>): void {
  const options = new Map(optionsOf(widget).map(([name, spec]) => [name, optionRule(name, spec)]));
  for (const [name, value] of Object.entries(attributes)) {
    const rule = options.get(name);
    const valid =
      name === 'org'
        ? organizationId.test(value)
        : rule !== undefined && rule.pattern.test(rule.values ? value.toLowerCase() : value);
    if (!valid) throw new Error(`${widget}: data-${name}="${value}" is not an option value it takes`);
  }
}

/** The mount `<div>` of a row; `id` defaults to the row's name. */
export function mount(
  c: WidgetCase,
  options: { id?: string; attributes?: Readonly<Record<string, string>>; extra?: string } = {},
): string {
  checkAttributes(c.widget, options.attributes ?? c.attributes);
  const attributes = Object.entries(options.attributes ?? c.attributes)
    .map(([name, value]) => ` data-${name}="${value}"`)
    .join('');
  return `<div id="${options.id ?? c.name}" data-otklik="${c.widget}"${attributes}${options.extra ?? ''}></div>`;
}

/** The mount element of a row on a page (by the id `mount` gave it). */
export const widgetOf = (page: Page, c: WidgetCase | string, id?: string) =>
  page.locator(`#${id ?? (typeof c === 'string' ? c : c.name)}`);

/** Widget names of the build (the loader's map), but the troubleshooter, which is no page widget. */
export function builtWidgets(): string[] {
  const manifest = JSON.parse(readFileSync(resolve(widgetsDir, 'widgets/.vite/manifest.json'), 'utf8'));
  return Object.values(manifest as Record<string, { isEntry?: boolean; name?: string }>)
    .filter((chunk) => chunk.isEntry && chunk.name && chunk.name !== 'diagnose')
    .map((chunk) => chunk.name as string)
    .sort();
}

/** Fails when a widget of the registry has no row in `cases`, or the build is not the registry's. */
export function expectEveryWidgetCovered(cases: WidgetCase[] = widgetCases): void {
  const covered = new Set<string>(cases.map((c) => c.widget));
  expect(
    widgetNames.filter((name) => !covered.has(name)),
    'widgets without a row in tests/browser/widget-cases.ts',
  ).toEqual([]);
  expect(builtWidgets(), 'the build’s widgets (run `pnpm build`)').toEqual([...widgetNames].sort());
}

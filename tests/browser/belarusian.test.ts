import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './chromium.ts';
import { type Harness, otklikReady, pageWith, startHarness } from './hostile-harness.ts';
import { mount, widgetCases, widgetOf } from './widget-cases.ts';

/**
 * A Belarusian page: every string a citizen sees in a widget is Belarusian, in every state of the
 * table in widget-cases.ts and on the example site's by-appeal.html. Letters only Russian uses (и, щ,
 * ъ) give away an untranslated text. What the organisation itself wrote (its name, services, topics,
 * consent document) is its own business and is left out.
 */
const RUSSIAN_ONLY = /[ищъ]/i;

/**
 * The Russian texts of every widget dictionary that Belarusian says otherwise ("Не выбрана" has
 * none of the letters above): the longest literal part of each, between its placeholders.
 */
const dictionaries = import.meta.glob<Record<string, unknown>>(
  ['../../packages/{widget-*,widget-core}/src/**/*messages*.ts', '!**/*.test.ts'],
  { eager: true },
);
const russianMessages: string[] = [
  ...new Set(
    Object.values(dictionaries).flatMap((exports) =>
      Object.values(exports).flatMap((value) => {
        const messages = value as { ru?: Record<string, unknown>; be?: Record<string, unknown> };
        if (!messages?.ru || !messages.be) return [];
        const forms = (message: unknown) =>
          typeof message === 'string' ? [message] : Object.values(message as Record<string, string>);
        const belarusian = Object.values(messages.be).flatMap(forms).join('\n');
        return Object.values(messages.ru)
          .flatMap(forms)
          .map(
            (text) =>
              text
                .split(/\{\w+\}/)
                .sort((a, b) => b.length - a.length)[0]
                ?.trim() ?? '',
          )
          .filter((part) => part.length >= 6 && !belarusian.includes(part));
      }),
    ),
  ),
];

/** Visible texts, option labels, placeholders and accessible labels in the widgets' shadow roots. */
const russianTexts = (page: Page) =>
  page.evaluate(
    ([pattern, messages]) => {
      const letters = new RegExp(pattern, 'i');
      const russian = {
        test: (text: string) => letters.test(text) || messages.some((m) => text.includes(m)),
      };
      const found: string[] = [];
      /** Texts the organisation wrote, shown as they are. */
      const organisationData =
        '#f-topicId option:not([value=""]),#f-consent ~ span a,#f-service option:not([value=""]),.org,.name,.crumb,[data-org-text]';
      for (const host of Array.from(document.querySelectorAll('[data-otklik]'))) {
        const root = host.shadowRoot;
        if (!root) continue;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentElement;
          // A name the organisation wrote is quoted «…» inside a message: left out too.
          const text = node.textContent?.replace(/«[^»]*»/g, '').trim() ?? '';
          if (!text || !parent || parent.closest(organisationData) || parent.closest('style,script'))
            continue;
          if (russian.test(text)) found.push(`${host.id || host.getAttribute('data-otklik')}: ${text}`);
        }
        for (const el of Array.from(root.querySelectorAll('[aria-label],[placeholder],[title]'))) {
          if (el.closest(organisationData)) continue;
          for (const name of ['aria-label', 'placeholder', 'title']) {
            const value = el.getAttribute(name);
            if (value && russian.test(value)) found.push(`${host.id}: ${name}="${value}"`);
          }
        }
      }
      return found;
    },
    [RUSSIAN_ONLY.source, russianMessages] as const,
  );

describe.skipIf(!chromiumAvailable())('Belarusian pages speak Belarusian', () => {
  let h: Harness;

  it('knows the Russian texts of the dictionaries', () => {
    expect(russianMessages).toContain('Не выбрана');
    expect(russianMessages.length).toBeGreaterThan(100);
  });

  beforeAll(async () => {
    h = await startHarness({
      pages: (portal) => ({
        '/be.html': pageWith(
          portal,
          `<main>${widgetCases.map((c) => mount(c, { attributes: c.belarusian })).join('\n')}</main>`,
          { lang: 'be' },
        ),
      }),
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('by-appeal.html: the form, its errors and its file picker', async () => {
    const page = await h.browser.newPage();
    await page.goto(`${h.site.origin}/by-appeal.html`);
    await otklikReady(page);
    const form = page.locator('[data-otklik="appeal"]');
    await form.getByRole('textbox', { name: /Прозвішча/ }).waitFor();
    expect(await russianTexts(page)).toEqual([]);
    await form.getByRole('button', { name: 'Адправіць зварот' }).click();
    await form.locator('[aria-invalid="true"]').first().waitFor();
    expect(await russianTexts(page)).toEqual([]);
    // Control: an untranslated text planted in the form is found.
    await page.evaluate(() => {
      const planted = document.createElement('option');
      planted.textContent = 'Не выбрана';
      document.querySelector('[data-otklik="appeal"]')?.shadowRoot?.querySelector('form')?.append(planted);
    });
    expect(await russianTexts(page)).toEqual(['appeal: Не выбрана']);
    await page.close();
  });

  it('every widget in every state', async () => {
    const page = await h.browser.newPage();
    await page.goto(`${h.site.origin}/be.html`);
    await otklikReady(page);
    const report: string[] = [];
    for (const c of widgetCases) {
      await c.shown(widgetOf(page, c));
    }
    report.push(...(await russianTexts(page)).map((text) => `shown: ${text}`));
    const steps = Math.max(...widgetCases.map((c) => c.states.length));
    for (let i = 0; i < steps; i++) {
      for (const c of widgetCases) {
        // The organisation search's states search the Russian demo register (СОШ, Управление
        // образования); in Belarus only its first view is checked.
        const state = c.widget === 'org-search' ? undefined : c.states[i];
        if (!state) continue;
        await state.enter(widgetOf(page, c), page);
        for (const text of await russianTexts(page))
          if (!report.some((r) => r.endsWith(text))) report.push(`${c.name} ${state.name}: ${text}`);
      }
    }
    expect(report).toEqual([]);
    await page.close();
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../chromium.ts';
import { checkScreen, forgetErrors, useConsoleHarness } from './harness.ts';
import { openSignedIn } from './signing-in.ts';

/**
 * The thematic classifier in Chromium: the portal administrator checks and imports its CSV (every
 * refused line listed, nothing imported), then the school's administrator maps a topic to a code by
 * keyboard; each state through the screen check (axe, 320/375 px, strict CSP).
 */
describe.skipIf(!chromiumAvailable())('console classifier in Chromium', () => {
  const h = useConsoleHarness();

  const importSection = (page: Page) =>
    page.locator('section', {
      has: page.getByRole('heading', { name: 'Тематический классификатор обращений' }),
    });

  it('the administrator checks the CSV, sees each refused line, then imports it', async () => {
    const page = await openSignedIn(h, 'portal-admin@demo.otklik.localhost', '/console/administration', {
      width: 375,
    });
    try {
      const section = importSection(page);
      await section.waitFor();
      // Each part of the screen stands apart: a heading never sits right under the last form's button.
      const gaps = await page.evaluate(() =>
        [...document.querySelectorAll('main > section + section')].map((s) => {
          const previous = s.previousElementSibling?.getBoundingClientRect().bottom ?? 0;
          return s.getBoundingClientRect().top - previous;
        }),
      );
      expect(gaps.length).toBeGreaterThan(2);
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(24);
      const csv = section.getByRole('textbox', { name: /Классификатор в формате CSV/ });
      await csv.fill(['code;title', '0007.0001.0000.0000;Тестовый раздел', '7.1;Плохой код', ''].join('\n'));
      await section.getByRole('button', { name: 'Проверить классификатор' }).click();
      await section.getByText('Файл не принят: ничего не загружено').waitFor();
      expect(await section.getByRole('cell', { name: '3', exact: true }).count()).toBe(1);
      // The line's reason in the clerk's words, not the portal's English.
      expect(
        await section.getByRole('cell', { name: 'Код должен выглядеть так: 0002.0013.0000.0000.' }).count(),
      ).toBe(1);
      expect(await section.getByText(/Line 3|row\(s\) refused/).count()).toBe(0);
      // Chromium logs the expected 422 as a console error.
      forgetErrors(page);
      await checkScreen(page, { label: 'administration, classifier refused' });

      await csv.fill(
        ['code;title', '0007.0001.0000.0000;Тестовый раздел', '0007.0001.0002.0003;Тестовый вопрос'].join(
          '\n',
        ),
      );
      await section.getByRole('button', { name: 'Проверить классификатор' }).click();
      await section.getByText(/^Проверка: будет добавлено 2, переименовано 0, без изменений 0\./).waitFor();
      await checkScreen(page, { label: 'administration, classifier checked' });
      await section.getByRole('checkbox', { name: /Только проверить классификатор/ }).uncheck();
      await section.getByRole('button', { name: 'Загрузить классификатор' }).click();
      await section.getByText(/^Загружено: добавлено 2, переименовано 0, без изменений 0\./).waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('the school’s administrator maps a topic to a code by keyboard', async () => {
    const page = await openSignedIn(
      h,
      'admin@school.demo.otklik.localhost',
      '/console/settings/demo-school/classifier',
    );
    try {
      await page.getByRole('heading', { name: 'Коды тематического классификатора' }).waitFor();
      const choose = page.getByRole('button', { name: /^Выбрать код для темы/ }).first();
      await choose.waitFor();
      await checkScreen(page, { label: 'settings, classifier codes' });
      const topic = ((await choose.innerText()).match(/«(.+)»/) ?? [])[1] ?? '';
      await choose.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      // The search field has the focus: type, Enter searches.
      await page.keyboard.type('0002.0013');
      await page.keyboard.press('Enter');
      const pick = dialog.getByRole('button', { name: /^Выбрать 0002\.0013/ }).first();
      await pick.waitFor();
      await checkScreen(page, { label: 'settings, classifier search' });
      const code = ((await pick.innerText()).match(/\d{4}\.\d{4}\.\d{4}\.\d{4}/) ?? [])[0] ?? '';
      await pick.focus();
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: `Изменить код для темы «${topic}»` }).waitFor();
      expect(await page.locator('code', { hasText: code }).count()).toBe(1);
      await checkScreen(page, { label: 'settings, classifier code chosen' });
    } finally {
      await page.context().close();
    }
  });
});

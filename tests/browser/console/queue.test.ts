import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../chromium.ts';
import { type ConsoleLanguage, checkScreen, openConsole, useConsoleHarness } from './harness.ts';
import { openSignedIn, signInCookie } from './signing-in.ts';

/**
 * The queue screen in Chromium, signed in as the demo school's clerk (coordinator): the list with due
 * chips and the counts, the screen check (axe, 320/375 px, strict CSP) in each language, the saved
 * filters, search, and the list by keyboard (arrows move, Enter opens the appeal's card route).
 */
describe.skipIf(!chromiumAvailable())('console queue in Chromium', () => {
  const h = useConsoleHarness();

  /** The clerk's session, signed in once (sign-ins are rate-limited per address). */
  let clerkCookie: Promise<string> | null = null;
  async function openQueue(language: ConsoleLanguage = 'ru', width = 1280) {
    clerkCookie ??= signInCookie(h, 'clerk@school.demo.otklik.localhost');
    const cookie = await clerkCookie;
    const page = await openConsole(h, '/console/queue', { language, width, cookie });
    await page.locator('a[data-row-link]').first().waitFor();
    return page;
  }

  for (const [language, title] of [
    ['ru', 'Очередь'],
    ['be', 'Чарга'],
    ['en', 'Queue'],
  ] as const) {
    it(`the queue with due chips and counts passes the screen check (${language})`, async () => {
      const page = await openQueue(language);
      try {
        expect(await page.locator('h1').innerText()).toBe(title);
        expect(await page.locator('.queue-glance').innerText()).toMatch(/\d/);
        expect(await page.locator('.due-chip').count()).toBeGreaterThan(0);
        // A wide screen shows the filters as they are, with no button to fold them.
        expect(await page.locator('.queue-filters-toggle').isVisible()).toBe(false);
        expect(await page.locator('#queue-type').isVisible()).toBe(true);
        // Long words ("Зарэгістравана") and the due chips must not push the table past the page's edge
        // at a tablet's or a laptop's width either: a table wider than that scrolls on its own.
        await checkScreen(page, {
          label: `queue (${language})`,
          language,
          narrowWidths: [320, 375, 700, 1024, 1280],
        });
      } finally {
        await page.context().close();
      }
    });
  }

  it('numbers and initials stay on one line: a table that fits at 1280 px, cards where it would not', async () => {
    const page = await openQueue();
    try {
      const layout = () =>
        page.evaluate(() => {
          const scroll = document.querySelector<HTMLElement>('.data-list-scroll') as HTMLElement;
          const lines = (selector: string) =>
            [...document.querySelectorAll(selector)].map((el) => el.getClientRects().length);
          return {
            cards:
              getComputedStyle(document.querySelector('.data-list-row') as Element).display !== 'table-row',
            scrolls: scroll.scrollWidth > scroll.clientWidth,
            // The distinct counts of lines: [1] when every one is on a single line.
            numberLines: [...new Set(lines('a[data-row-link]'))],
            initialsLines: [...new Set(lines('.queue-initials'))],
          };
        });
      const one = [1];
      expect(await layout()).toEqual({ cards: false, scrolls: false, numberLines: one, initialsLines: one });
      for (const width of [1024, 700, 375, 320]) {
        await page.setViewportSize({ width, height: 800 });
        expect({ width, ...(await layout()) }).toEqual({
          width,
          cards: true,
          scrolls: false,
          numberLines: one,
          initialsLines: one,
        });
      }
    } finally {
      await page.context().close();
    }
  });

  it('on a phone the filters fold behind a button that counts them, and the first rows show at once', async () => {
    const page = await openQueue('ru', 375);
    try {
      const toggle = page.getByRole('button', { name: /^Фильтры/ });
      const type = page.getByLabel('Вид', { exact: true });
      const firstRowTop = () =>
        page
          .locator('a[data-row-link]')
          .first()
          .evaluate((link) => Math.round(link.getBoundingClientRect().top + window.scrollY));
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await type.isVisible()).toBe(false);
      const folded = await firstRowTop();
      // By keyboard: Enter opens them, the focus stays on the button, Tab goes on into the fields.
      await toggle.focus();
      await page.keyboard.press('Enter');
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      expect(
        await page.evaluate(() => document.activeElement?.classList.contains('queue-filters-toggle')),
      ).toBe(true);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('queue-type');
      const unfolded = await firstRowTop();
      console.log(
        `[queue] 375 px: the first row starts at ${folded} px with the filters folded, ${unfolded} px open`,
      );
      // Folded, the filters take the button's place beside "Найти" and nothing more.
      expect(folded).toBeLessThan(unfolded - 300);
      await type.selectOption('complaint');
      await page.getByLabel('Только с продлённым сроком').check();
      await expect.poll(() => toggle.innerText()).toBe('Фильтры (2)');
      await checkScreen(page, { label: 'queue, filters open, 375 px' });
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await type.isVisible()).toBe(false);
      await checkScreen(page, { label: 'queue, filters folded, 375 px' });
    } finally {
      await page.context().close();
    }
  });

  it('arrows move along the rows and Enter opens the appeal’s card route', async () => {
    const page = await openQueue();
    try {
      const links = page.locator('a[data-row-link]');
      const second = await links.nth(1).getAttribute('href');
      await links.first().focus();
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(second);
      await page.keyboard.press('Enter');
      await expect.poll(() => new URL(page.url()).pathname).toBe(second);
      expect(second).toMatch(/^\/console\/queue\/appeals\/[0-9a-f-]{36}$/);
    } finally {
      await page.context().close();
    }
  });

  it('the overdue tab, the search and an empty result that says what to do', async () => {
    const page = await openQueue('ru', 375);
    try {
      await page.getByRole('tab', { name: /Просрочены/ }).click();
      await expect
        .poll(
          async () =>
            (await page.locator('.due-chip--overdue').count()) ===
            (await page.locator('a[data-row-link]').count()),
        )
        .toBe(true);
      await checkScreen(page, { label: 'queue, overdue, 375 px' });
      await page.getByRole('tab', { name: /Все/ }).click();
      const number = (await page.locator('a[data-row-link]').first().innerText()).trim();
      await page.getByRole('searchbox').fill(number);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('a[data-row-link]').count()).toBe(1);
      expect((await page.locator('a[data-row-link]').innerText()).trim()).toBe(number);
      await page.getByRole('searchbox').fill('абракадабра');
      await page.keyboard.press('Enter');
      await page.getByText('Обращений нет').waitFor();
      await checkScreen(page, { label: 'queue, nothing found' });
    } finally {
      await page.context().close();
    }
  });

  it('the home screen counts what is due at 375 px, and a figure opens the queue on its tab', async () => {
    clerkCookie ??= signInCookie(h, 'clerk@school.demo.otklik.localhost');
    const page = await openConsole(h, '/console', { width: 375, cookie: await clerkCookie });
    try {
      const figures = page.getByRole('region', { name: 'Что ждёт ответа' }).getByRole('link');
      await figures.first().waitFor();
      const texts = await figures.allInnerTexts();
      // Overdue, due within 7 days, new: the coordinator's three, each with its count in the link.
      expect(texts).toHaveLength(3);
      for (const text of texts) expect(text).toMatch(/^\d+ /);
      await checkScreen(page, { label: 'home of the clerk, what is due, 375 px' });
      const overdue = Number(texts[0]?.split(' ')[0]);
      await figures.first().click();
      await page.waitForURL('**/console/queue?tab=overdue');
      expect(await page.getByRole('tab', { selected: true }).innerText()).toMatch(/^Просрочены/);
      // The queue lists exactly the appeals the figure counted.
      if (overdue === 0) await page.getByText('Обращений нет').waitFor();
      else await expect.poll(() => page.locator('a[data-row-link]').count()).toBe(Math.min(overdue, 20));
    } finally {
      await page.context().close();
    }
  });

  it('the executor’s own tab, topic and executor columns, and the due period by date fields', async () => {
    const page = await openSignedIn(h, 'teacher@school.demo.otklik.localhost', '/console/queue', {
      width: 375,
    });
    try {
      // The executor's only desk role: the queue opens on their own appeals (none in the demo).
      await page.getByText('Обращений нет').waitFor();
      expect(await page.getByRole('tab', { selected: true }).innerText()).toMatch(/^Мои/);
      // An executor holds no approver role: no "awaiting my approval" tab.
      expect(await page.getByRole('tab', { name: /согласования/ }).count()).toBe(0);
      await page.getByRole('tab', { name: /Все/ }).click();
      await page.locator('a[data-row-link]').first().waitFor();
      expect(await page.getByRole('columnheader', { name: 'Тема' }).count()).toBe(1);
      expect(await page.getByRole('columnheader', { name: 'Исполнитель' }).count()).toBe(1);
      // On a phone the filters and the order are behind their button.
      await page.getByRole('button', { name: 'Фильтры' }).click();
      // The order: by number, the lowest first.
      await page.getByRole('combobox', { name: 'Порядок' }).selectOption('number');
      await expect
        .poll(async () => {
          const numbers = await page.locator('a[data-row-link]').allInnerTexts();
          return numbers.length > 1 && numbers.join('\n') === [...numbers].sort().join('\n');
        })
        .toBe(true);
      // 30 February typed into the browser's own date field (its order follows the browser build's own
      // locale, month/day/year in this Chromium, whatever the page's language): said, not sent.
      const from = page.getByLabel('Срок с');
      await from.focus();
      await page.keyboard.type('02302026');
      await page.getByText('Такой даты нет: проверьте день, месяц и год').waitFor();
      expect(await from.getAttribute('aria-invalid')).toBe('true');
      await checkScreen(page, { label: 'queue, an impossible date, 375 px' });
      // A reversed period is said at its end and not sent.
      await from.fill('2099-01-02');
      await page.getByLabel('Срок по').fill('2099-01-01');
      await page.getByText('Конец периода раньше его начала').waitFor();
      await page.getByLabel('Срок по').fill('2099-12-31');
      await page.getByText('Обращений нет').waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('at 375 px the tabs keep to one row that scrolls sideways, and the keyboard brings each into view', async () => {
    // The head (approver) has five tabs, "Ждут моего согласования" among them.
    const page = await openSignedIn(h, 'head@school.demo.otklik.localhost', '/console/queue', { width: 375 });
    try {
      const list = page.getByRole('tablist', { name: 'Сохранённые фильтры' });
      await list.getByRole('tab', { name: /Ждут моего согласования/ }).waitFor();
      const tabs = list.getByRole('tab');
      expect(await tabs.count()).toBe(5);
      const tops = await tabs.evaluateAll((all) =>
        all.map((tab) => Math.round(tab.getBoundingClientRect().top)),
      );
      expect(new Set(tops).size).toBe(1);
      const sizes = () =>
        list.evaluate((el) => ({
          scrollWidth: el.scrollWidth,
          clientWidth: el.clientWidth,
          scrollHeight: el.scrollHeight,
          clientHeight: el.clientHeight,
        }));
      const before = await sizes();
      expect(before.scrollWidth).toBeGreaterThan(before.clientWidth);
      // No vertical scrollbar from the selected tab's line.
      expect(before.scrollHeight).toBe(before.clientHeight);
      // Keyboard unchanged: one Tab stop, End moves to the last tab, which scrolls into view.
      await list.getByRole('tab', { selected: true }).focus();
      await page.keyboard.press('End');
      const last = tabs.last();
      expect(await last.evaluate((tab) => tab === document.activeElement)).toBe(true);
      const inView = await last.evaluate((tab) => {
        const box = tab.getBoundingClientRect();
        const frame = (tab.parentElement as HTMLElement).getBoundingClientRect();
        return box.left >= frame.left - 1 && box.right <= frame.right + 1;
      });
      expect(inView).toBe(true);
      await page.keyboard.press('Enter');
      expect(await last.getAttribute('aria-selected')).toBe('true');
      await checkScreen(page, { label: 'queue, the head’s tabs, 375 px' });
    } finally {
      await page.context().close();
    }
  });
});

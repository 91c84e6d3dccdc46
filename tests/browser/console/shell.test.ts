import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../chromium.ts';
import { focused, tabTo } from '../keyboard.ts';
import { type ConsoleLanguage, checkScreen, openConsole, useConsoleHarness } from './harness.ts';
import { signInCookie } from './signing-in.ts';

/** A demo person whose navigation has three sections (queue, reports, ratings). */
const ANALYST = 'analyst@dept.demo.otklik.localhost';

/**
 * The console's shell in Chromium, served by the real portal under its strict CSP: every screen (in
 * each language) through `checkScreen`, the shell by keyboard alone at desktop and phone widths, and
 * the language switch.
 */
describe.skipIf(!chromiumAvailable())('the console in Chromium', () => {
  const h = useConsoleHarness();

  async function withPage(
    path: string,
    options: Parameters<typeof openConsole>[2],
    run: (page: Page) => Promise<void>,
  ) {
    const page = await openConsole(h, path, options);
    try {
      await run(page);
    } finally {
      await page.context().close();
    }
  }

  it('is served with the strict policy, hashed assets immutable', async () => {
    const index = await fetch(h.url('/console/queue'));
    expect(index.headers.get('content-security-policy')).toContain("require-trusted-types-for 'script'");
    // Written for each browser (it says whether that one is signed in): never shared.
    expect(index.headers.get('cache-control')).toBe('private, no-cache');
    const html = await index.text();
    const script = /<script type="module" crossorigin src="(\/console\/assets\/[^"]+\.js)"><\/script>/.exec(
      html,
    )?.[1];
    expect(script).toBeTruthy();
    const asset = await fetch(h.url(script ?? ''), { headers: { 'Accept-Encoding': 'br' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('br');
  });

  const screens: { path: string; h1: Record<ConsoleLanguage, string> }[] = [
    { path: '/console', h1: { ru: 'Добро пожаловать', be: 'Вітаем', en: 'Welcome' } },
    {
      path: '/console/sign-in',
      h1: { ru: 'Вход для сотрудников', be: 'Уваход для супрацоўнікаў', en: 'Staff sign-in' },
    },
    { path: '/console/queue', h1: { ru: 'Очередь', be: 'Чарга', en: 'Queue' } },
    { path: '/console/reports', h1: { ru: 'Отчёты', be: 'Справаздачы', en: 'Reports' } },
    { path: '/console/ratings', h1: { ru: 'Оценки', be: 'Ацэнкі', en: 'Ratings' } },
    { path: '/console/settings', h1: { ru: 'Настройки', be: 'Налады', en: 'Settings' } },
    {
      path: '/console/administration',
      h1: { ru: 'Администрирование', be: 'Адміністраванне', en: 'Administration' },
    },
    {
      path: '/console/no-such-page',
      h1: { ru: 'Страница не найдена', be: 'Старонка не знойдзена', en: 'Page not found' },
    },
  ];

  for (const language of ['ru', 'be', 'en'] as const)
    it(`every screen passes the screen check (${language})`, async () => {
      for (const screen of screens)
        await withPage(screen.path, { language }, async (page) => {
          expect(await page.locator('h1').innerText()).toBe(screen.h1[language]);
          await checkScreen(page, { label: `${screen.path} (${language})`, language });
        });
    });

  it('the sign-in form with its errors shown, and its code step, passes the screen check', async () => {
    await withPage('/console/sign-in', {}, async (page) => {
      await page.getByRole('button', { name: 'Получить код' }).click();
      await expect.poll(() => page.getByText('Введите адрес электронной почты').count()).toBe(1);
      await checkScreen(page, { label: 'sign-in, empty e-mail' });
      await page.getByRole('textbox', { name: /Рабочий адрес/ }).fill('clerk@school.example');
      await page.keyboard.press('Enter');
      await page.getByRole('textbox', { name: /Код из письма/ }).waitFor();
      await checkScreen(page, { label: 'sign-in, the code step' });
    });
  });

  it('the shell by keyboard alone: skip link, language, navigation; focus is always visible', async () => {
    // Signed in: the navigation lists sections only for someone who may open them.
    const cookie = await signInCookie(h, ANALYST);
    await withPage('/console', { cookie }, async (page) => {
      const outline = () =>
        page.evaluate(() => {
          const style = getComputedStyle(document.activeElement as Element);
          return style.outlineStyle === 'none' ? 0 : Number.parseFloat(style.outlineWidth);
        });
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ tag: 'a', text: 'Перейти к содержанию' });
      expect(await outline()).toBeGreaterThanOrEqual(2);
      // The skip link shows itself when focused.
      const box = await page.getByRole('link', { name: 'Перейти к содержанию' }).boundingBox();
      expect(box?.y).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('Enter');
      expect(await focused(page)).toMatchObject({ tag: 'main', id: 'main' });

      // From the top again: every stop in the header and the navigation shows its focus.
      await page.getByRole('link', { name: 'Перейти к содержанию' }).focus();
      const stops: string[] = [];
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        const now = await focused(page);
        stops.push(now?.text ?? '');
        expect(await outline(), now?.text).toBeGreaterThanOrEqual(2);
        if (now?.text === 'Оценки') break;
      }
      expect(stops).toEqual([
        'Отклик консоль',
        'RU Русский',
        'BE Беларуская',
        'EN English',
        'Аналитик отдела образования',
        'Очередь',
        'Отчёты',
        'Оценки',
      ]);

      // Enter on a section: the new page's heading has the focus, the tab is named after it.
      await tabTo(page, (f) => f.text === 'Оценки', { back: true });
      await page.keyboard.press('Enter');
      await expect.poll(() => focused(page)).toMatchObject({ tag: 'h1', text: 'Оценки' });
      expect(new URL(page.url()).pathname).toBe('/console/ratings');
      expect(await page.title()).toBe('Оценки — Отклик');
      // Back to where the keyboard was: Tab continues from the heading into the page.
      await page.keyboard.press('Tab');
      expect(
        await page.evaluate(() => document.querySelector('main')?.contains(document.activeElement)),
      ).toBe(true);
      await checkScreen(page, { label: 'ratings after keyboard navigation' });
    });
  });

  /** The links on the page that lead to the sign-in screen, as shown (visible ones only). */
  const waysIn = (page: Page) =>
    page
      .locator('a[href^="/console/sign-in"]:visible')
      .evaluateAll((links) => links.map((a) => (a as HTMLElement).innerText));

  it('signed out at 375 px and on a desktop: one way in per screen, no navigation, by keyboard', async () => {
    for (const width of [375, 1280])
      await withPage('/console', { width }, async (page) => {
        expect(await page.getByRole('navigation').count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Меню' }).count()).toBe(0);
        expect(await waysIn(page)).toEqual(['Перейти ко входу']);
        await page.getByRole('link', { name: 'Перейти к содержанию' }).focus();
        const stops: string[] = [];
        for (let i = 0; i < 5; i++) {
          await page.keyboard.press('Tab');
          stops.push((await focused(page))?.text ?? '');
        }
        // The header (product, language), then the home screen's way in.
        expect(stops).toEqual([
          'Отклик консоль',
          'RU Русский',
          'BE Беларуская',
          'EN English',
          'Перейти ко входу',
        ]);
        await page.keyboard.press('Enter');
        await expect.poll(() => focused(page)).toMatchObject({ tag: 'h1', text: 'Вход для сотрудников' });
        expect(await waysIn(page)).toEqual([]);
        await checkScreen(page, { label: `sign-in from the home screen at ${width} px` });
      });
    // A screen that needs a session: its own way in, back to it.
    await withPage('/console/reports', { width: 375 }, async (page) => {
      await page.getByRole('link', { name: 'Войти' }).waitFor();
      expect(await waysIn(page)).toEqual(['Войти']);
      await checkScreen(page, { label: 'reports signed out at 375 px' });
    });
  });

  it('signed out, the console does not ask who is signed in: nothing logged, an ended session’s cookie cleared', async () => {
    // The portal's page says whether the browser's cookie names a live session (a <meta>): none, and
    // one signed out since (revoked), the way a session that ran out looks.
    const cookie = await signInCookie(h, ANALYST);
    await h.portal.db.query(
      `UPDATE staff_sessions SET revoked_at = now()
       WHERE person_id = (SELECT id FROM people WHERE email = $1)`,
      [ANALYST],
    );
    for (const options of [{}, { cookie }]) {
      await withPage('/console', options, async (page) => {
        // checkScreen fails on any console error, the "Failed to load resource" of a 401 included.
        await checkScreen(page, { label: `home signed out${options.cookie ? ', the session ended' : ''}` });
        expect(await page.getByRole('link', { name: 'Перейти ко входу' }).count()).toBe(1);
        const asked = await page.evaluate(() =>
          performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
        );
        expect(asked.filter((path) => path.startsWith('/v1/'))).toEqual([]);
        const cookies = await page.context().cookies(h.url('/'));
        expect(cookies.map((c) => c.name)).not.toContain('otklik-session');
      });
    }
  });

  it('at 375 px the navigation folds behind a menu button operated by keyboard', async () => {
    const cookie = await signInCookie(h, ANALYST);
    await withPage('/console', { width: 375, height: 740, cookie }, async (page) => {
      const nav = page.getByRole('navigation', { name: 'Разделы' });
      expect(await nav.isVisible()).toBe(false);
      const menu = await tabTo(page, (f) => f.text === 'Меню');
      expect(menu.tag).toBe('button');
      const button = page.getByRole('button', { name: 'Меню' });
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      await page.keyboard.press('Enter');
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      expect(await nav.isVisible()).toBe(true);
      await page.keyboard.press('Tab');
      expect((await focused(page))?.text).toBe('Очередь');
      await page.keyboard.press('Escape');
      expect((await focused(page))?.text).toBe('Меню');
      expect(await nav.isVisible()).toBe(false);
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect((await focused(page))?.text).toBe('Отчёты');
      await page.keyboard.press('Enter');
      await expect.poll(() => focused(page)).toMatchObject({ tag: 'h1', text: 'Отчёты' });
      expect(await nav.isVisible()).toBe(false);
      await checkScreen(page, { label: 'reports at 375 px' });
    });
  });

  it('at 375 px the menu closes when Tab leaves it, and Escape closes it from its button', async () => {
    const cookie = await signInCookie(h, ANALYST);
    await withPage('/console', { width: 375, height: 740, cookie }, async (page) => {
      const nav = page.getByRole('navigation', { name: 'Разделы' });
      const button = page.getByRole('button', { name: 'Меню' });
      await tabTo(page, (f) => f.text === 'Меню');
      await page.keyboard.press('Enter');
      await expect.poll(() => nav.isVisible(), { message: 'opened' }).toBe(true);
      // Through every link of the panel (the person's link last), then one Tab more into the page.
      const links = await nav.getByRole('link').count();
      for (let i = 0; i < links; i++) await page.keyboard.press('Tab');
      expect((await focused(page))?.text).toBe('Аналитик отдела образования');
      expect(await nav.isVisible()).toBe(true);
      await page.keyboard.press('Tab');
      expect(
        await page.evaluate(() => document.getElementById('shell-nav')?.contains(document.activeElement)),
      ).toBe(false);
      // The panel folds on the next render (the focus handler only changes the state).
      await expect
        .poll(() => button.getAttribute('aria-expanded'), { message: 'closed by Tab' })
        .toBe('false');
      expect(await nav.isVisible()).toBe(false);
      // Shift+Tab back to the button, open it, Escape there: closed, the focus stays on the button.
      await tabTo(page, (f) => f.text === 'Меню', { back: true });
      await page.keyboard.press('Enter');
      await expect.poll(() => nav.isVisible(), { message: 'opened again' }).toBe(true);
      await page.keyboard.press('Escape');
      await expect
        .poll(() => button.getAttribute('aria-expanded'), { message: 'closed by Escape' })
        .toBe('false');
      expect((await focused(page))?.text).toBe('Меню');
      await checkScreen(page, { label: 'home at 375 px, the menu closed again' });
    });
  });

  it('at 375 px the header of organisation staff is two rows; the person’s link is in the menu', async () => {
    for (const [email, name] of [
      ['clerk@school.demo.otklik.localhost', 'Секретарь'],
      [ANALYST, 'Аналитик отдела образования'],
    ] as const) {
      const cookie = await signInCookie(h, email);
      await withPage('/console', { width: 375, height: 740, cookie }, async (page) => {
        const header = page.locator('.shell-header');
        const height = await header.evaluate((el) => Math.round(el.getBoundingClientRect().height));
        console.log(`[shell] 375 px: the header of ${email} is ${height} px high`);
        // Two rows of 44 px targets with their gaps and padding (three rows, 159 px, before).
        expect(height).toBeLessThanOrEqual(120);
        // The organisation shows, in one line, named in full for screen readers and in its title.
        const organization = page.locator('.shell-header .organization-name');
        expect(await organization.isVisible()).toBe(true);
        expect(await page.getByRole('link', { name: 'Отклик консоль' }).count()).toBe(1);
        expect(await page.locator('.shell-header .person-name').isVisible()).toBe(false);
        // By keyboard: product, language, menu; opened, the sections and then the person's link.
        await page.getByRole('link', { name: 'Перейти к содержанию' }).focus();
        const stops: string[] = [];
        for (let i = 0; i < 5; i++) {
          await page.keyboard.press('Tab');
          stops.push((await focused(page))?.text ?? '');
        }
        expect(stops).toEqual(['Отклик консоль', 'RU Русский', 'BE Беларуская', 'EN English', 'Меню']);
        await page.keyboard.press('Enter');
        const nav = page.getByRole('navigation', { name: 'Разделы' });
        const person = nav.getByRole('link', { name });
        await tabTo(page, (f) => f.text === name);
        expect(await person.getAttribute('href')).toBe('/console/account');
        expect(await nav.getByRole('link').last().innerText()).toBe(name);
        await page.keyboard.press('Escape');
        expect((await focused(page))?.text).toBe('Меню');
        await checkScreen(page, { label: `home of ${email} at 375 px` });
      });
    }
  });

  it('the language switch: by keyboard, the whole console and <html lang> follow, and it is remembered', async () => {
    await withPage('/console/queue', {}, async (page) => {
      await tabTo(page, (f) => f.text === 'BE Беларуская');
      await page.keyboard.press('Space');
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('be');
      expect(await page.locator('h1').innerText()).toBe('Чарга');
      expect(await page.title()).toBe('Чарга — Водгук');
      expect(await page.getByRole('button', { name: /^BE/ }).getAttribute('aria-pressed')).toBe('true');
      // The focus stayed on the switch.
      expect((await focused(page))?.text).toBe('BE Беларуская');
      await page.reload();
      await page.locator('main h1').waitFor();
      expect(await page.locator('h1').innerText()).toBe('Чарга');
      await checkScreen(page, { label: 'queue after switching to Belarusian', language: 'be' });
    });
  });

  it('a screen whose code cannot be loaded says so and offers a reload', async () => {
    const page = await h.browser.newPage({ locale: 'ru-RU' });
    try {
      await page.route(/\/console\/assets\/reports-[^/]+\.js$/, (route) => route.abort());
      await page.goto(h.url('/console/reports'));
      await expect.poll(() => page.locator('h1').count()).toBe(1);
      expect(await page.locator('h1').innerText()).toBe('Страница не открылась');
      expect(await page.getByRole('button', { name: 'Обновить страницу' }).count()).toBe(1);
    } finally {
      await page.close();
    }
  });

  it('checkScreen finds a CSP violation, an axe violation and sideways scrolling (a control)', async () => {
    await withPage('/console', {}, async (page) => {
      await page.evaluate(() => {
        const box = document.createElement('div');
        box.setAttribute('style', 'width: 2000px'); // blocked by style-src, and reported
        box.className = 'planted';
        const input = document.createElement('input'); // no label
        document.querySelector('main')?.append(box, input);
        const wide = document.createElement('pre');
        wide.textContent = 'x'.repeat(400);
        document.querySelector('main')?.append(wide);
      });
      const failure = await checkScreen(page, { label: 'planted' }).then(
        () => '',
        (error: Error) => error.message,
      );
      expect(failure).toContain('CSP style-src');
      expect(failure).toContain('axe: label');
      expect(failure).toMatch(/at 320 px: scrollWidth/);
    });
  });
});

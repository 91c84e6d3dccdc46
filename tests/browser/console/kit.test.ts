import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../chromium.ts';
import { focused, tabTo } from '../keyboard.ts';
import { checkScreen, openConsole, useConsoleHarness } from './harness.ts';
import { openSignedIn } from './signing-in.ts';

/**
 * The component kit in Chromium under the console's CSP (`/console/kit`, every component on example
 * data): axe with real colours in each state, the components by keyboard, the unsaved-changes guard
 * against links and the Back button.
 */
describe.skipIf(!chromiumAvailable())('the console kit in Chromium', () => {
  const h = useConsoleHarness();

  async function withKit(
    run: (page: Page) => Promise<void>,
    options: Parameters<typeof openConsole>[2] = {},
  ) {
    const page = await openConsole(h, '/console/kit', options);
    try {
      await run(page);
    } finally {
      await page.context().close();
    }
  }

  it('every component in its first state passes the screen check, in each language', async () => {
    for (const language of ['ru', 'be', 'en'] as const)
      await withKit((page) => checkScreen(page, { label: `kit (${language})`, language }), { language });
  });

  it('the form: errors beside the fields, the first focused, all of it passing the check', async () => {
    await withKit(async (page) => {
      await page.getByRole('button', { name: 'Проверить' }).click();
      await expect.poll(() => focused(page)).toMatchObject({ tag: 'input', type: 'text' });
      const name = page.getByRole('textbox', { name: /Название организации/ });
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('[aria-invalid="true"]').count()).toBe(5);
      expect(await page.getByText('Отметьте, чтобы продолжить').count()).toBe(1);
      await checkScreen(page, { label: 'kit form with errors' });
      // Filled in by keyboard, it passes.
      await name.fill('Гимназия № 1');
      await page.getByRole('textbox', { name: /Адрес для писем/ }).fill('office@school.example');
      await page.getByRole('combobox', { name: /Часовой пояс/ }).selectOption('Europe/Minsk');
      await page.getByRole('radio', { name: 'Жалоба' }).check();
      await page.getByRole('checkbox', { name: /Показывать организацию/ }).check();
      await page.getByRole('button', { name: 'Проверить' }).press('Enter');
      const notices = page.getByRole('region', { name: 'Уведомления', exact: true });
      await expect.poll(() => notices.innerText()).toContain('Проверка пройдена');
      expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
      await checkScreen(page, { label: 'kit form checked, notice shown' });
    });
  });

  it('saved filters and the list by keyboard; the empty state passes the check', async () => {
    await withKit(async (page) => {
      const rows = () => page.locator('a[data-row-link]');
      await tabTo(page, (f) => f.text === 'Все 4');
      await page.keyboard.press('ArrowRight');
      expect((await focused(page))?.text).toBe('Просроченные 1');
      expect(await rows().count()).toBe(4); // moving does not select
      await page.keyboard.press('Enter');
      await expect.poll(() => rows().count()).toBe(1);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Space');
      await expect.poll(() => page.getByText('Назначенных вам обращений нет').count()).toBe(1);
      await checkScreen(page, { label: 'kit list empty' });
      await page.keyboard.press('Home');
      await page.keyboard.press('Enter');
      await expect.poll(() => rows().count()).toBe(4);
      // One Tab stop into the list; arrows move between rows; Enter opens the row.
      await page.keyboard.press('Tab');
      expect((await focused(page))?.text).toBe('ШК-2027-0012');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect((await focused(page))?.text).toBe('ШК-2027-0016');
      await page.keyboard.press('Tab');
      expect((await focused(page))?.text).not.toMatch(/^ШК-/);
      await page.keyboard.press('Shift+Tab');
      expect((await focused(page))?.text).toBe('ШК-2027-0016');
      await page.keyboard.press('Enter');
      await expect.poll(() => new URL(page.url()).search).toBe('?appeal=3');
    });
  });

  it('at 320 px the list becomes cards, and the page still passes the check', async () => {
    await withKit(
      async (page) => {
        const display = await page
          .locator('.data-list-row')
          .first()
          .evaluate((row) => getComputedStyle(row).display);
        expect(display).toBe('block');
        await checkScreen(page, { label: 'kit at 320 px', narrowWidths: [320] });
      },
      { width: 320 },
    );
  });

  it('the dialog keeps the focus inside, closes on Escape and gives the focus back', async () => {
    await withKit(async (page) => {
      const opener = page.getByRole('button', { name: 'Открыть диалог' });
      await opener.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Назначить исполнителя' });
      await expect.poll(() => dialog.isVisible()).toBe(true);
      expect(await focused(page)).toMatchObject({ id: 'kit-executor' });
      // Tab goes round the dialog's own controls and never reaches the page behind it.
      const seen = new Set<string>();
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        const inside = await page.evaluate(() => !!document.activeElement?.closest('dialog'));
        const now = await focused(page);
        if (now && inside) seen.add(now.text || now.id);
        expect(inside || now === null, `Tab ${i + 1}: ${JSON.stringify(now)}`).toBe(true);
      }
      expect([...seen].sort()).toEqual(['kit-executor', 'Назначить', 'Отмена', '×'].sort());
      await checkScreen(page, { label: 'kit dialog open' });
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.isVisible()).toBe(false);
      expect((await focused(page))?.text).toBe('Открыть диалог');
    });
  });

  it('notices: polite and assertive, readable, dismissed by keyboard', async () => {
    await withKit(async (page) => {
      await page.getByRole('button', { name: 'Показать уведомление' }).click();
      await page.getByRole('button', { name: 'Показать ошибку' }).click();
      await expect.poll(() => page.getByRole('alert').last().innerText()).toContain('Ответ не отправлен');
      await checkScreen(page, { label: 'kit notices' });
      await page.getByRole('button', { name: 'Скрыть уведомление' }).first().focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('button', { name: 'Скрыть уведомление' }).count()).toBe(1);
    });
  });

  it('at 375 px a notice with a long address wraps inside the screen, its close button in reach', async () => {
    await withKit(
      async (page) => {
        await page.getByRole('button', { name: 'Показать уведомление' }).click();
        const notice = page.locator('.toast').first();
        await notice.waitFor();
        // As after an invitation: an address is one long word.
        await notice.locator('.toast-text').evaluate((text) => {
          text.textContent = 'Приглашение отправлено на director7@school7.demo.otklik.localhost';
        });
        const width = await page.evaluate(() => document.documentElement.clientWidth);
        const box = await notice.boundingBox();
        const close = await notice.getByRole('button', { name: 'Скрыть уведомление' }).boundingBox();
        expect(box && box.x + box.width).toBeLessThanOrEqual(width);
        expect(close && close.x + close.width).toBeLessThanOrEqual(width);
      },
      { width: 375 },
    );
  });

  it('unsaved changes: a link and the Back button ask first; staying stays, leaving leaves', async () => {
    // Signed in: the navigation offers the sections only then.
    const page = await openSignedIn(h, 'analyst@dept.demo.otklik.localhost', '/console');
    try {
      await page.getByRole('link', { name: 'Очередь' }).first().click();
      await expect.poll(() => page.locator('h1').innerText()).toBe('Очередь');
      await page.evaluate(() => {
        history.pushState(null, '', '/console/kit');
        dispatchEvent(new PopStateEvent('popstate'));
      });
      await expect.poll(() => page.locator('h1').innerText()).toBe('Компоненты консоли');
      await page.getByRole('textbox', { name: /Название организации/ }).fill('Черновик');

      const question = page.getByRole('alertdialog', { name: 'Уйти без сохранения?' });
      await page.getByRole('navigation').getByRole('link', { name: 'Отчёты' }).click();
      await expect.poll(() => question.isVisible()).toBe(true);
      expect(new URL(page.url()).pathname).toBe('/console/kit');
      expect((await focused(page))?.text).toBe('Остаться');
      await page.keyboard.press('Enter');
      await expect.poll(() => question.isVisible()).toBe(false);
      expect(await page.locator('h1').innerText()).toBe('Компоненты консоли');

      // "Stay", then at once the link again: the dialog's `close` event of the first answer arrives
      // (a queued task) after the second question opened, and must not dismiss it.
      await page.getByRole('navigation').getByRole('link', { name: 'Отчёты' }).click();
      await expect.poll(() => question.isVisible()).toBe(true);
      const stillAsking = await page.evaluate(async () => {
        const microtasks = async () => {
          for (let i = 0; i < 10; i++) await Promise.resolve();
        };
        const dialog = document.querySelector<HTMLDialogElement>('dialog[role="alertdialog"]');
        const stay = [...(dialog?.querySelectorAll('button') ?? [])].find(
          (b) => b.textContent === 'Остаться',
        );
        const reports = [...document.querySelectorAll<HTMLAnchorElement>('nav a')].find(
          (a) => a.textContent?.trim() === 'Отчёты',
        );
        stay?.click();
        await microtasks();
        reports?.click();
        await microtasks();
        await new Promise((resolve) => setTimeout(resolve, 200));
        return dialog?.open;
      });
      expect(stillAsking).toBe(true);
      await page.keyboard.press('Enter');
      await expect.poll(() => question.isVisible()).toBe(false);

      await page.goBack();
      await expect.poll(() => question.isVisible()).toBe(true);
      expect(new URL(page.url()).pathname).toBe('/console/kit');
      expect(await page.getByRole('textbox', { name: /Название организации/ }).inputValue()).toBe('Черновик');
      await checkScreen(page, { label: 'kit, leave with unsaved changes?' });
      await question.getByRole('button', { name: 'Уйти' }).click();
      await expect.poll(() => page.locator('h1').innerText()).toBe('Очередь');
    } finally {
      await page.context().close();
    }
  });
});

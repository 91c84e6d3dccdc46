import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../chromium.ts';
import { checkScreen, useConsoleHarness } from './harness.ts';
import { openSignedIn } from './signing-in.ts';

/**
 * The calendars screen in Chromium as the demo portal administrator: the seeded year with its
 * working-day count passes the screen check; marking a day and returning it to the ordinary week.
 */
describe.skipIf(!chromiumAvailable())('console calendars in Chromium', () => {
  const h = useConsoleHarness();

  it('shows the year, marks a day and clears it; the screen check passes', async () => {
    const page = await openSignedIn(
      h,
      'portal-admin@demo.otklik.localhost',
      '/console/administration/calendars',
      { width: 375 },
    );
    try {
      await page.getByText(/Рабочих дней в году: \d+/).waitFor();
      await page.getByLabel('Год').selectOption('2026');
      await page.getByText('Рабочих дней в году: 247').waitFor();
      await checkScreen(page, { label: 'calendars, RU 2026' });
      await page.getByLabel('Год').selectOption('2027');
      await page.getByLabel(/Дата \(ГГГГ-ММ-ДД\)/).fill('2027-03-17');
      await page.getByLabel('Вид').selectOption('day_off');
      await page.getByLabel('Примечание').fill('Перенос');
      await page.getByRole('button', { name: 'Сохранить день' }).press('Enter');
      await page
        .getByRole('button', { name: /Убрать/ })
        .first()
        .waitFor();
      const marked = page.locator('time[datetime="2027-03-17"]');
      await expect.poll(() => marked.count()).toBe(1);
      await page.getByLabel(/Дата \(ГГГГ-ММ-ДД\)/).fill('2027-03-20');
      await page.getByLabel('Вид').selectOption('holiday');
      await page.getByRole('button', { name: 'Сохранить день' }).press('Enter');
      await page.getByText(/Не сохранено/).waitFor();
      const row = page.locator('tr', { has: marked });
      await row.getByRole('button').press('Enter');
      await expect.poll(() => marked.count()).toBe(0);
    } finally {
      await page.context().close();
    }
  });
});

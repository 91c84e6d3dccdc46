import { readFile } from 'node:fs/promises';
import { createApiKey } from '@otklik/portal';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../chromium.ts';
import { focused } from '../keyboard.ts';
import { checkScreen, consoleDir, useConsoleHarness } from './harness.ts';
import { openSignedIn } from './signing-in.ts';

const ANALYST = 'analyst@dept.demo.otklik.localhost';

/**
 * The monthly report and the rating analytics in Chromium, on the real portal under the console's
 * strict CSP, signed in as the demo region's analyst: each screen through `checkScreen` (axe, 320 and
 * 375 px, CSP), the XLSX downloaded by keyboard and read back, an appeal answered through the staff
 * API showing up in the screen and in the file.
 */
describe.skipIf(!chromiumAvailable())('console reports and rating analytics in Chromium', () => {
  const h = useConsoleHarness();

  it('the report: screen check, an answer counted, the XLSX by keyboard read back', async () => {
    const page = await openSignedIn(h, ANALYST, '/console/reports');
    try {
      await page.getByRole('table', { name: /по организациям/ }).waitFor();
      await checkScreen(page, { label: 'reports, the region this month' });
      // The demo maps no topic to a classifier code: the report says so, and who can change it.
      expect(await page.locator('.report-unclassified').innerText()).toMatch(
        /^Обращений без кода классификатора: \d+\. .* Коды тем указывает администратор организации в настройках\.$/,
      );
      const schoolRow = page.getByRole('row').filter({ hasText: 'общеобразовательная школа № 1»' }).first();
      await schoolRow.waitFor();
      // Its short name at 375 px, the full one only for screen readers there; wide, the full name.
      const short = schoolRow.locator('.org-name-short');
      expect(await short.isVisible()).toBe(false);
      expect(await schoolRow.getByRole('cell').first().innerText()).toMatch(/^Муниципальное бюджетное/);
      await page.setViewportSize({ width: 375, height: 800 });
      expect(await short.innerText()).toBe('МБОУ СОШ № 1');
      expect(await short.getAttribute('title')).toMatch(/^Муниципальное бюджетное/);
      const full = await schoolRow.locator('.org-name-full').boundingBox();
      expect(full?.width).toBeLessThanOrEqual(1);
      await page.setViewportSize({ width: 1280, height: 800 });
      const consideredBefore = Number(
        (await schoolRow.getByRole('cell').nth(5).innerText()).replace(/\s/g, ''),
      );

      // An appeal of the school answered now (through the staff API, as the desk does).
      const key = await createApiKey(h.portal.db, 'demo-school', 'reports browser test');
      const [open] = await h.portal.db.query<{ id: string }>(
        `SELECT id FROM appeals WHERE organization_id = 'demo-school' AND status IN ('registered', 'in_review')
         ORDER BY registered_at DESC LIMIT 1`,
      );
      const answered = await fetch(h.url(`/v1/staff/appeals/${open?.id}/answer`), {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ result: 'supported', text: 'Вопрос решён, спасибо за обращение.' }),
      });
      expect(answered.status).toBe(200);

      // "Show" again by keyboard: from the scope checkbox, Tab to the button.
      await page.getByLabel('Вместе с подведомственными организациями').focus();
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ text: 'Показать' });
      await page.keyboard.press('Enter');
      await expect
        .poll(async () => Number((await schoolRow.getByRole('cell').nth(5).innerText()).replace(/\s/g, '')))
        .toBe(consideredBefore + 1);

      await page.getByRole('button', { name: 'Скачать XLSX' }).focus();
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      expect(download.suggestedFilename()).toMatch(/^appeal-report-demo-edu-dept-\d{4}-\d{2}\.xlsx$/);
      const path = await download.path();
      const book = new ExcelJS.Workbook();
      const bytes = await readFile(path);
      await book.xlsx.load(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      );
      const sheet = book.getWorksheet('Организации');
      const rows: (string | number)[][] = [];
      sheet?.eachRow((row) => {
        rows.push((row.values as (string | number)[]).slice(1));
      });
      const school = rows.find((r) => r[0] === 'demo-school');
      expect(school?.[6]).toBe(consideredBefore + 1);
      await expect.poll(() => page.getByText(/скачан/).count()).toBeGreaterThan(0);
      await checkScreen(page, { label: 'reports, after the download' });
    } finally {
      await page.context().close();
    }
  }, 120_000);

  it('rating analytics: charts with their tables, subordinates, and a subordinate opened by keyboard', async () => {
    const page = await openSignedIn(h, ANALYST, '/console/ratings');
    try {
      await page
        .getByRole('img', { name: /по месяцам/ })
        .waitFor()
        .catch(async (error: unknown) => {
          throw new Error(`${String(error)}\n${await page.locator('main').innerText()}`);
        });
      await page.getByRole('table', { name: /Средняя оценка по месяцам/ }).waitFor();
      await page.getByRole('table', { name: /Число оценок по баллам/ }).waitFor();
      await page.getByRole('table', { name: /Подведомственные организации/ }).waitFor();
      expect(await page.locator('svg.chart-svg path.chart-line').count()).toBeGreaterThan(0);
      // Drawn with attributes only: no style attribute anywhere in the charts.
      expect(await page.locator('figure.chart [style]').count()).toBe(0);
      // Each panel says its period: the chosen quarter's dates, the distribution all time (its count).
      const periods = page.locator('.ratings-period');
      expect(await periods.first().innerText()).toMatch(
        /^Период: \d{1,2}\s\S+ \d{4}\sг\. – \d{1,2}\s\S+ \d{4}\sг\.$/,
      );
      const distribution = page.locator('section[aria-labelledby="ratings-distribution"] .ratings-period');
      const counted = (
        await page
          .getByRole('table', { name: /Число оценок по баллам/ })
          .locator('td[data-label="Оценок"]')
          .allInnerTexts()
      ).reduce((sum, cell) => sum + Number(cell.replace(/\s/g, '')), 0);
      expect(await distribution.innerText()).toMatch(
        new RegExp(`^За всё время, а не за выбранный период: ${counted} оцен`),
      );
      await checkScreen(page, { label: 'ratings, the department' });

      // A school by its short name at 375 px, its button named by the full name; wide, the full name.
      const subordinates = page.getByRole('table', { name: /Подведомственные/ });
      const school = subordinates.getByRole('button', { name: /^Муниципальное бюджетное.*школа № 1»$/ });
      const schoolShort = school.locator('.org-name-short');
      expect(await schoolShort.isVisible()).toBe(false);
      expect(await school.innerText()).toMatch(/^Муниципальное бюджетное/);
      await page.setViewportSize({ width: 375, height: 800 });
      expect(await schoolShort.isVisible()).toBe(true);
      expect(await schoolShort.innerText()).toBe('МБОУ СОШ № 1');
      expect(await schoolShort.getAttribute('title')).toMatch(/^Муниципальное бюджетное/);
      expect((await school.locator('.org-name-full').boundingBox())?.width).toBeLessThanOrEqual(1);
      await page.setViewportSize({ width: 1280, height: 800 });

      // A subordinate opens by keyboard from the table.
      const first = page
        .getByRole('table', { name: /Подведомственные/ })
        .getByRole('button')
        .first();
      const name = await first.innerText();
      await first.focus();
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.getByRole('button', { name: /Управление образования|отдел/i }).count())
        .toBeGreaterThan(0);
      expect(name.length).toBeGreaterThan(0);
      await checkScreen(page, { label: 'ratings, a school' });
    } finally {
      await page.context().close();
    }
  }, 120_000);

  it('webhooks: the list with the last response, a missing address and a refused loopback URL beside the field', async () => {
    const db = h.portal.db;
    await db.query(
      `INSERT INTO webhooks (id, organization_id, url, events, description, secret_sealed)
       VALUES ('6f1c1f39-7d0e-4c55-9a53-1d7bd0c1e0aa', 'demo-school', 'https://sed.example.org/otklik',
               ARRAY['appeal.filed', 'appeal.answered'], 'СЭД', 'sealed')`,
    );
    await db.query(
      `INSERT INTO webhook_deliveries (webhook_id, event_id, event, payload, attempts, last_status, last_error,
         last_attempt_at, next_attempt_at)
       VALUES ('6f1c1f39-7d0e-4c55-9a53-1d7bd0c1e0aa', 'e1', 'appeal.filed', '{}', 1, 503, 'The receiver answered 503',
         now(), now() + interval '1 day')`,
    );
    const page = await openSignedIn(h, 'admin@school.demo.otklik.localhost', '/console/webhooks');
    try {
      await page.getByRole('table', { name: 'Вебхуки организации' }).waitFor();
      const table = await page.getByRole('table', { name: 'Вебхуки организации' }).innerText();
      expect(table).toMatch(/ошибка: приёмник ответил 503/);
      await checkScreen(page, { label: 'webhooks, one failing' });
      // Checked before sending: no address, the error beside the field and the focus on it.
      await page.getByRole('button', { name: 'Добавить' }).focus();
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.getByText('Укажите адрес, начинающийся с https:// или http://').count())
        .toBe(1);
      expect(await focused(page)).toMatchObject({ id: 'hook-url' });
      await checkScreen(page, { label: 'webhooks, the address missing' });
      // A loopback address is refused by the portal (this one does not allow private networks).
      await page.getByLabel(/Адрес \(URL\) приёмника/).fill('http://127.0.0.1:9/hook');
      const [refused] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/webhooks') && r.request().method() === 'POST'),
        page.getByLabel(/Адрес \(URL\) приёмника/).press('Enter'),
      ]);
      expect(refused.status()).toBe(422);
      expect(((await refused.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe('body.url');
      // The portal's reason, in the clerk's words, beside the field; the focus back on it.
      await expect
        .poll(() =>
          page
            .getByText('Адрес ведёт во внутреннюю сеть, портал туда не обращается.', { exact: false })
            .count(),
        )
        .toBe(1);
      expect(await page.getByText(/private, loopback/).count()).toBe(0);
      expect(await focused(page)).toMatchObject({ id: 'hook-url' });
      // Those words came from the Russian refusal texts alone: the other languages' were never fetched.
      const manifest = JSON.parse(await readFile(`${consoleDir}/.vite/manifest.json`, 'utf8')) as Record<
        string,
        { file: string }
      >;
      const fetched = await page.evaluate(() =>
        performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
      );
      const loaded = (lang: string) =>
        fetched.some((path) => path.endsWith(`/${manifest[`src/kit/refusals/${lang}.ts`]?.file}`));
      expect([loaded('ru'), loaded('be'), loaded('en')]).toEqual([true, false, false]);
    } finally {
      await page.context().close();
    }
  }, 120_000);
});

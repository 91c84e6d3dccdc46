import { readFile } from 'node:fs/promises';
import { createLogger } from '@otklik/portal';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../chromium.ts';
import { mailedCode } from '../mailed-code.ts';
import { type SiteServer, startExampleSite } from '../site-server.ts';
import { checkScreen, type MailHarness, startMailHarness } from './harness.ts';
import { signedInByMail } from './signing-in.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

const SCHOOL = 'demo-school';
const STAFF = {
  administrator: 'admin@school.demo.otklik.localhost',
  coordinator: 'clerk@school.demo.otklik.localhost',
  executor: 'teacher@school.demo.otklik.localhost',
  approver: 'head@school.demo.otklik.localhost',
  analyst: 'analyst@dept.demo.otklik.localhost',
} as const;
/** The first retry's delay (doubled per attempt): short, so the outage and the catch-up take seconds. */
const RETRY_BASE_MS = 100;
/**
 * How long a poll may wait for an outcome on a loaded machine (two cores shared by many runs): it ends
 * as soon as the outcome is there, so a generous bound costs nothing when things go well.
 */
const UNTIL = { timeout: 20_000 } as const;

/** The report's figure columns in the screen's order (the XLSX has the same after its two name columns). */
const FIGURES = [
  'received',
  'proposal',
  'application',
  'complaint',
  'considered',
  'supported',
  'measuresTaken',
  'notSupported',
  'explained',
  'forwarded',
  'extended',
  'leftWithoutAnswer',
  'inProgress',
  'overdue',
] as const;
type Figures = Record<(typeof FIGURES)[number], number>;

/**
 * One appeal's whole journey in Chromium as people make it, on the real portal (PGlite, demo seed, mail
 * over SMTP to a test mailbox, the webhook worker polling every 100 ms): a citizen files through the
 * appeal widget on the school's own site (another origin); the school's administrator has registered a
 * webhook in the console pointing at a loopback receiver, which is down while the appeal is filed and
 * taken into review (the deliveries fail and are retried with growing delays) and then comes back; the
 * coordinator, the executor and the approver move the appeal through the desk's screens; the analyst
 * sees it counted in the month's report and in the XLSX the screen downloads. The receiver checks every
 * delivery's signature and time, and has each event of the appeal exactly once.
 */
describe.skipIf(!chromiumAvailable())(
  'an appeal from the widget through the desk to the report and the webhook',
  () => {
    let h: MailHarness;
    let site: SiteServer;
    let receiver: WebhookReceiver;
    /** The portal's log lines about failed webhook attempts, with the time they were written. */
    const failedAttempts: { at: number; deliveryId: string; attempt: number }[] = [];

    beforeAll(async () => {
      receiver = await startWebhookReceiver();
      const quiet = createLogger();
      h = await startMailHarness('Школа <noreply@otklik.test>', {
        webhooks: { allowPrivateNetworks: true, intervalMs: 100, retryBaseMs: RETRY_BASE_MS },
        logger: {
          log(level, msg, fields) {
            if (msg === 'webhook delivery failed')
              failedAttempts.push({
                at: Date.now(),
                deliveryId: String(fields?.deliveryId),
                attempt: Number(fields?.attempt),
              });
            quiet.log(level, msg, fields);
          },
        },
      });
      site = await startExampleSite(h.portal, [SCHOOL]);
    });

    afterAll(async () => {
      await site?.close();
      await h?.close();
      await receiver?.stop();
    });

    /** A report row's figures as the screen shows them (thin spaces and all). */
    async function rowFigures(row: Locator): Promise<Figures> {
      const cells = await row.getByRole('cell').allInnerTexts();
      return Object.fromEntries(
        FIGURES.map((name, i) => [name, Number((cells[i + 1] ?? '').replace(/\s/g, ''))]),
      ) as Figures;
    }

    /** The webhooks table's one row, read again from the portal (the screen shows what it loaded). */
    async function hookRow(admin: Page): Promise<{ last: string; pending: number }> {
      await admin.reload();
      const row = admin.getByRole('table', { name: 'Вебхуки организации' }).getByRole('row').nth(1);
      await row.waitFor();
      const cells = await row.getByRole('cell').allInnerTexts();
      return { last: cells[2] ?? '', pending: Number(cells[3]) };
    }

    it('filed on the school site, answered in the desk, counted in the report and its XLSX, each event delivered once and signed', async () => {
      const started = Date.now();
      // The analyst's report before: the school's row and the region's total.
      const analyst = await signedInByMail(h, STAFF.analyst, '/console/reports');
      const reportTable = analyst.getByRole('table', { name: /по организациям/ });
      await reportTable.waitFor();
      const schoolRow = reportTable.getByRole('row').filter({ hasText: 'общеобразовательная школа № 1»' });
      const totalRow = reportTable.getByRole('row').filter({ hasText: 'Итого' });
      await schoolRow.waitFor();
      const before = { school: await rowFigures(schoolRow), total: await rowFigures(totalRow) };

      // The administrator registers the document system's receiver; the secret is shown once.
      const admin = await signedInByMail(h, STAFF.administrator, '/console/webhooks');
      await admin.getByLabel(/Адрес \(URL\) приёмника/).fill(receiver.url);
      await admin.getByLabel('Описание').fill('СЭД «Дело»');
      await admin.getByRole('button', { name: 'Добавить' }).click();
      const secret = admin.getByRole('textbox', { name: 'Секрет вебхука' });
      await secret.waitFor();
      receiver.secret = await secret.inputValue();
      expect(receiver.secret).toMatch(/^whsec_/);
      expect(await admin.getByRole('table', { name: 'Вебхуки организации' }).innerText()).toContain(
        'Обращение поступило, Статус изменился, Дан ответ, Заявитель написал',
      );
      await checkScreen(admin, { label: 'webhooks, one registered, its secret shown once' });

      // The coordinator is at the queue already; the receiver goes down; the citizen files meanwhile.
      const clerk = await signedInByMail(h, STAFF.coordinator, '/console/queue');
      await receiver.stop();
      const wentDown = Date.now();
      const email = 'irina.petrova@example.ru';
      const citizen = await h.browser.newPage();
      await citizen.goto(`${site.origin}/appeal.html`);
      const form = citizen.locator('[data-otklik="appeal"]');
      await form.getByRole('textbox', { name: /Фамилия/ }).fill('Петрова');
      await form.getByRole('textbox', { name: /^Имя/ }).fill('Ирина');
      await form.getByRole('textbox', { name: /Адрес электронной почты/ }).fill(email);
      const since = Date.now();
      await form.getByRole('button', { name: 'Получить код' }).click();
      await form
        .getByRole('textbox', { name: /Код из письма/ })
        .fill(await mailedCode(h.mailbox, email, since));
      await form.getByRole('button', { name: 'Подтвердить' }).click();
      await form.getByText(`Адрес ${email} подтверждён`).waitFor();
      await form.getByRole('radio', { name: 'Заявление' }).check();
      await form.locator('#f-text').fill('Прошу установить питьевой фонтанчик на втором этаже.');
      await form.locator('#f-consent').check();
      await form.getByRole('button', { name: 'Отправить обращение' }).click();
      await form.getByRole('heading', { name: 'Обращение зарегистрировано' }).waitFor({ timeout: 20_000 });
      const number = (await form.locator('dd.number').innerText()).trim();
      expect(number).not.toBe('');
      await citizen.close();

      // The administrator sees the failure and the delivery waiting; the portal keeps retrying, each
      // time after a longer pause.
      await expect
        .poll(async () => hookRow(admin), UNTIL)
        .toMatchObject({
          last: expect.stringMatching(/ошибка: приёмник не принимает соединения/),
          pending: 1,
        });
      await expect.poll(() => failedAttempts.length, UNTIL).toBeGreaterThanOrEqual(3);
      await checkScreen(admin, { label: 'webhooks, the receiver down' });

      // The coordinator finds the appeal in the queue by its number and takes it into review (still down).
      await clerk.getByRole('searchbox').fill(number);
      await clerk.keyboard.press('Enter');
      await clerk.getByRole('link', { name: number, exact: true }).click();
      await clerk.getByRole('heading', { level: 1, name: `Обращение № ${number}` }).waitFor();
      await clerk.getByRole('button', { name: 'Взять в работу' }).click();
      await expect.poll(() => clerk.locator('.card-side').innerText(), UNTIL).toContain('На рассмотрении');
      await expect.poll(async () => (await hookRow(admin)).pending, UNTIL).toBe(2);

      // The receiver is back: both waiting events arrive at their next attempt.
      // (The wait is up to about as long as the outage: the delay before the next attempt doubles.)
      const cameBack = Date.now();
      await receiver.start();
      await expect
        .poll(() => receiver.accepted.filter((d) => d.payload.appeal.registrationNumber === number).length, {
          timeout: 30_000,
        })
        .toBe(2);
      const catchUp = Date.now() - cameBack;

      // The coordinator assigns the executor.
      await clerk.getByRole('combobox', { name: 'Исполнитель' }).selectOption({ label: 'Завуч' });
      await clerk.getByRole('button', { name: 'Назначить' }).click();
      await clerk.getByText('Исполнитель назначен').first().waitFor();
      await clerk.context().close();

      // The executor finds it under "Mine", drafts the answer and sends it for approval.
      const teacher = await signedInByMail(h, STAFF.executor, '/console/queue');
      await teacher.getByRole('tab', { name: /Мои/ }).click();
      await teacher.getByRole('link', { name: number, exact: true }).click();
      await teacher.getByRole('combobox', { name: 'Результат рассмотрения' }).selectOption('explained');
      await teacher
        .getByRole('textbox', { name: 'Текст ответа' })
        .fill('Уважаемая Ирина! Фонтанчик будет установлен за счёт бюджета следующего года.');
      await teacher.getByRole('button', { name: 'Отправить на согласование' }).click();
      await teacher.getByText('Отправлено на согласование').first().waitFor();
      await teacher.context().close();

      // The approver finds it under "Awaiting my approval", approves and sends: the portal's answer.
      const head = await signedInByMail(h, STAFF.approver, '/console/queue');
      await head.getByRole('tab', { name: /Ждут моего согласования/ }).click();
      await head.getByRole('link', { name: number, exact: true }).click();
      await head.getByRole('button', { name: 'Согласовать и отправить' }).click();
      await head.getByText('Ответ отправлен заявителю').first().waitFor();
      await expect.poll(() => head.locator('.card-side').innerText(), UNTIL).toContain('Рассмотрено');
      await head.context().close();

      // The analyst shows the month again: the school's row and the total each count it once, received
      // as an application and considered as explained; nothing else moved.
      await analyst.getByRole('button', { name: 'Показать' }).click();
      const grown = (figures: Figures): Figures => ({
        ...figures,
        received: figures.received + 1,
        application: figures.application + 1,
        considered: figures.considered + 1,
        explained: figures.explained + 1,
      });
      await expect.poll(() => rowFigures(schoolRow), UNTIL).toEqual(grown(before.school));
      const after = { school: await rowFigures(schoolRow), total: await rowFigures(totalRow) };
      expect(after.total).toEqual(grown(before.total));

      // The XLSX through the screen's button: the same figures in the same rows.
      const [download] = await Promise.all([
        analyst.waitForEvent('download'),
        analyst.getByRole('button', { name: 'Скачать XLSX' }).click(),
      ]);
      const bytes = await readFile(await download.path());
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      );
      const rows: unknown[][] = [];
      book.getWorksheet('Организации')?.eachRow((row) => {
        rows.push((row.values as unknown[]).slice(1));
      });
      const fileFigures = (row: unknown[] | undefined) =>
        Object.fromEntries(FIGURES.map((name, i) => [name, row?.[i + 2]]));
      expect(fileFigures(rows.find((r) => r[0] === SCHOOL))).toEqual(after.school);
      expect(fileFigures(rows.find((r) => r[1] === 'Итого'))).toEqual(after.total);
      await analyst.context().close();

      // Every event of the appeal reached the receiver exactly once, signed and in time (the receiver
      // refused nothing), and the administrator's screen shows the last response.
      await expect
        .poll(
          () => receiver.accepted.filter((d) => d.payload.appeal.registrationNumber === number).length,
          UNTIL,
        )
        .toBe(3);
      const mine = receiver.accepted.filter((d) => d.payload.appeal.registrationNumber === number);
      expect(receiver.refused).toEqual([]);
      expect(mine.map((d) => [d.event, d.payload.event, d.payload.appeal.status]).sort()).toEqual([
        ['appeal.answered', 'appeal.answered', 'answered'],
        ['appeal.filed', 'appeal.filed', 'registered'],
        ['appeal.status_changed', 'appeal.status_changed', 'in_review'],
      ]);
      expect(new Set(mine.map((d) => d.deliveryId)).size).toBe(3);
      expect(new Set(mine.map((d) => d.payload.id)).size).toBe(3);
      expect(new Set(mine.map((d) => d.payload.appeal.id)).size).toBe(1);
      expect(mine.find((d) => d.event === 'appeal.answered')?.payload.appeal.result).toBe('explained');
      // Each event says when it happened (not when it was delivered), in the order it happened.
      const occurred = (event: string) =>
        Date.parse(mine.find((d) => d.event === event)?.payload.occurredAt ?? '');
      expect(occurred('appeal.filed')).toBeGreaterThanOrEqual(wentDown - 1000);
      expect(occurred('appeal.filed')).toBeLessThan(occurred('appeal.status_changed'));
      expect(occurred('appeal.status_changed')).toBeLessThan(cameBack);
      expect(occurred('appeal.status_changed')).toBeLessThan(occurred('appeal.answered'));
      expect(occurred('appeal.answered')).toBeLessThanOrEqual(Date.now());
      // …and they arrived in that order: after the outage the status change waited for the filing, so a
      // document system never hears of a change to an appeal it has not been told of.
      expect(mine.map((d) => d.event)).toEqual(['appeal.filed', 'appeal.status_changed', 'appeal.answered']);
      expect(await hookRow(admin)).toMatchObject({
        last: expect.stringMatching(/доставлено, ответ 204$/),
        pending: 0,
      });
      await checkScreen(admin, { label: 'webhooks, all delivered' });
      await admin.context().close();

      // The outage in the portal's log: the filed event failed again and again, each retry after the
      // doubled delay, and was then delivered on the attempt after the last failure.
      const filed = mine.find((d) => d.event === 'appeal.filed');
      const attempts = failedAttempts.filter((a) => a.deliveryId === filed?.deliveryId);
      expect(attempts.length).toBeGreaterThanOrEqual(3);
      expect(attempts.map((a) => a.attempt)).toEqual(attempts.map((_, i) => i + 1));
      for (let i = 1; i < attempts.length; i++) {
        const gap = (attempts[i]?.at ?? 0) - (attempts[i - 1]?.at ?? 0);
        expect(gap).toBeGreaterThanOrEqual(RETRY_BASE_MS * 2 ** (i - 1) - 25);
      }
      const [row] = await h.portal.db.query<{ attempts: number }>(
        'SELECT attempts FROM webhook_deliveries WHERE id = $1',
        [filed?.deliveryId],
      );
      expect(row?.attempts).toBe(attempts.length + 1);
      console.info(
        `journey: ${Date.now() - started} ms; receiver down ${cameBack - wentDown} ms; filed delivered after ${attempts.length} failed attempts, ${catchUp} ms after the receiver came back`,
      );
    }, 120_000);
  },
);

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../chromium.ts';
import { focused } from '../keyboard.ts';
import { mailedCode } from '../mailed-code.ts';
import { type SiteServer, startExampleSite } from '../site-server.ts';
import { checkScreen, type MailHarness, startMailHarness } from './harness.ts';
import { signedInByMail } from './signing-in.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const SCHOOL = 'demo-school';
const STAFF = {
  coordinator: 'clerk@school.demo.otklik.localhost',
  executor: 'teacher@school.demo.otklik.localhost',
  approver: 'head@school.demo.otklik.localhost',
} as const;

/**
 * The answer's whole way in Chromium, on the real portal (PGlite, demo seed, mail over SMTP to a test
 * server) serving the built widgets and console: a citizen files on a school's page → the coordinator
 * assigns → the executor drafts from a template → the approver returns it once, then approves → the
 * citizen's tracker and mail show the answer, and the counter counts it. Every card state passes the
 * screen check (axe, 320/375 px, strict CSP).
 */
describe.skipIf(!chromiumAvailable())('the appeal card in Chromium', () => {
  let h: MailHarness;
  let site: SiteServer;

  beforeAll(async () => {
    h = await startMailHarness('Школа <noreply@otklik.test>');
    site = await startExampleSite(h.portal, [SCHOOL]);
  });

  afterAll(async () => {
    await site?.close();
    await h?.close();
  });

  const counter = async () => {
    const res = await fetch(`${h.portal.url}/v1/organizations/${SCHOOL}/appeal-counter`, {
      headers: { Origin: site.origin },
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { month: { considered: { supportedMeasuresTaken: number } } }).month
      .considered.supportedMeasuresTaken;
  };

  it('a citizen files → assigned → drafted from a template → returned once → approved → the tracker, the mail and the counter show it', async () => {
    // The citizen files on the school's page, with an e-mail code and a PDF.
    const email = 'alexey.smirnov@example.ru';
    const citizen = await h.browser.newPage();
    await citizen.goto(`${site.origin}/appeal.html`);
    await expect.poll(() => citizen.getByRole('textbox', { name: /Фамилия/ }).count()).toBe(1);
    await citizen.getByRole('textbox', { name: /Фамилия/ }).fill('Смирнов');
    await citizen.getByRole('textbox', { name: /^Имя/ }).fill('Алексей');
    await citizen.getByRole('textbox', { name: /Адрес электронной почты/ }).fill(email);
    const since = Date.now();
    await citizen.getByRole('button', { name: 'Получить код' }).click();
    await citizen
      .getByRole('textbox', { name: /Код из письма/ })
      .fill(await mailedCode(h.mailbox, email, since));
    await citizen.getByRole('button', { name: 'Подтвердить' }).click();
    await expect.poll(() => citizen.getByText(`Адрес ${email} подтверждён`).count()).toBe(1);
    await citizen.getByRole('radio', { name: 'Заявление' }).check();
    await citizen
      .locator('[data-otklik="appeal"] #f-text')
      .fill('Прошу отремонтировать крыльцо у входа в школу.');
    await citizen.locator('[data-otklik="appeal"] #f-attachments').setInputFiles({
      name: 'Фото.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await expect.poll(() => citizen.getByText('Файл Фото.pdf загружен').count(), { timeout: 10_000 }).toBe(1);
    await citizen.locator('[data-otklik="appeal"] #f-consent').check();
    await citizen.getByRole('button', { name: 'Отправить обращение' }).click();
    await expect
      .poll(() => citizen.getByRole('heading', { name: 'Обращение зарегистрировано' }).count(), {
        timeout: 20_000,
      })
      .toBe(1);
    const trackerLink = await citizen
      .getByRole('textbox', { name: 'Личная ссылка на обращение' })
      .inputValue();
    await citizen.close();
    const [row] = await h.portal.db.query<{ id: string; registration_number: string }>(
      'SELECT id, registration_number FROM appeals WHERE applicant_email = $1',
      [email],
    );
    if (!row) throw new Error('the appeal was not stored');
    const number = row.registration_number;
    const cardPath = `/console/queue/appeals/${row.id}`;
    const before = await counter();

    // The coordinator opens the card and assigns the executor, by keyboard.
    const clerk = await signedInByMail(h, STAFF.coordinator, cardPath);
    await clerk.getByRole('heading', { level: 1, name: `Обращение № ${number}` }).waitFor();
    expect(await clerk.getByText('Прошу отремонтировать крыльцо').count()).toBe(1);
    // Internal notes say they are not for the applicant; no answer editor for a coordinator.
    expect(await clerk.getByText('Не видно заявителю.').count()).toBe(1);
    expect(await clerk.getByRole('button', { name: 'Отправить на согласование' }).count()).toBe(0);
    await checkScreen(clerk, { label: 'card, coordinator, new appeal' });
    // The PDF previews from a blob copy in a frame with nothing allowed.
    await clerk.getByRole('button', { name: 'Просмотр Фото.pdf' }).click();
    const frame = clerk.locator('iframe.card-preview-frame');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    await clerk.getByRole('button', { name: 'Скрыть просмотр Фото.pdf' }).click();
    // Nobody is assigned yet: the empty choice says so in words.
    expect(await clerk.locator('#card-executor option').first().innerText()).toBe('Не назначен');
    await clerk.getByRole('combobox', { name: 'Исполнитель' }).focus();
    await clerk.keyboard.press('ArrowDown');
    expect(await clerk.getByRole('combobox', { name: 'Исполнитель' }).inputValue()).not.toBe('');
    await clerk.keyboard.press('Tab');
    expect(await focused(clerk)).toMatchObject({ id: 'card-internal-due' });
    // The browser's own date field: Tab walks its day, month, year and calendar button, then leaves it.
    for (let segment = 0; segment < 4; segment++) {
      await clerk.keyboard.press('Tab');
      if ((await focused(clerk))?.id !== 'card-internal-due') break;
    }
    expect(await focused(clerk)).toMatchObject({ text: 'Назначить' });
    await clerk.keyboard.press('Enter');
    await expect.poll(() => clerk.getByText('Исполнитель назначен').count()).toBe(1);
    // Assigned, it is being worked on: "На рассмотрении", not "Зарегистрировано" any more.
    const status = clerk.locator('dt', { hasText: /^Статус$/ }).locator('xpath=following-sibling::dd[1]');
    await expect.poll(() => status.innerText()).toBe('На рассмотрении');
    await clerk.getByRole('textbox', { name: 'Новая заметка' }).fill('Проверить с завхозом');
    await clerk.getByRole('button', { name: 'Добавить заметку' }).click();
    await expect.poll(() => clerk.getByText('Проверить с завхозом').count()).toBe(1);
    await clerk.context().close();

    // The executor drafts from the template and sends it for approval.
    const teacher = await signedInByMail(h, STAFF.executor, cardPath);
    await teacher.getByRole('combobox', { name: 'Шаблон' }).selectOption({ label: 'Меры приняты' });
    await teacher.getByRole('button', { name: 'Вставить шаблон' }).click();
    const answer = teacher.getByRole('textbox', { name: 'Текст ответа' });
    const filled = await answer.inputValue();
    expect(filled).toContain('Уважаемый(ая) Алексей!');
    expect(filled).toContain(`№ ${number}`);
    expect(await teacher.getByRole('combobox', { name: 'Результат рассмотрения' }).inputValue()).toBe(
      'supported_measures_taken',
    );
    // The template's blank is named beside the text, and nothing goes for approval while it is left.
    await teacher.getByText('Осталось заполнить: [… какие меры приняты].', { exact: false }).waitFor();
    await teacher.getByRole('button', { name: 'Отправить на согласование' }).click();
    await expect.poll(() => answer.getAttribute('aria-invalid')).toBe('true');
    expect(await focused(teacher)).toMatchObject({ id: 'card-answer-text' });
    await answer.fill(filled.replace('[… какие меры приняты]', 'крыльцо будет отремонтировано'));
    // A file goes with the answer.
    await teacher.locator('#card-answer-file').setInputFiles({
      name: 'Смета.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await expect.poll(() => teacher.getByText('Файл Смета.pdf приложен').count()).toBe(1);
    await teacher.getByRole('button', { name: 'Убрать Смета.pdf' }).waitFor();
    await checkScreen(teacher, { label: 'card, executor, drafting' });
    await teacher.getByRole('button', { name: 'Отправить на согласование' }).click();
    await expect.poll(() => teacher.getByText('Отправлено на согласование').count()).toBe(1);

    // The approver (while the executor still has it open) returns it with a comment.
    const head = await signedInByMail(h, STAFF.approver, cardPath);
    await expect.poll(() => head.getByText(/Сейчас обращение открыто также: Завуч/).count()).toBe(1);
    await head.getByRole('button', { name: 'Вернуть с замечанием' }).click();
    const dialog = head.getByRole('dialog', { name: 'Вернуть с замечанием' });
    await dialog.getByRole('textbox', { name: /Замечание исполнителю/ }).fill('Укажите срок ремонта.');
    await dialog.getByRole('button', { name: 'Вернуть с замечанием' }).click();
    await expect.poll(() => head.getByText('Черновик возвращён').count()).toBeGreaterThan(0);
    // Staff mail leaves with each step (no periodic run here): the approver heard of the draft sent
    // to them, the executor of its return with the comment.
    await h.mailbox.waitFor(
      (m) => m.to.includes(STAFF.approver) && m.text.includes('ответ отправлен вам на согласование'),
    );
    const returnedMail = await h.mailbox.waitFor(
      (m) => m.to.includes(STAFF.executor) && m.text.includes('ответ возвращён на доработку'),
    );
    expect(returnedMail.text).toContain('комментарий: Укажите срок ремонта.');

    // The executor sees the comment, adds the date, sends it again.
    await teacher.reload();
    await teacher.getByText('Возвращено на доработку: Укажите срок ремонта.').waitFor();
    await checkScreen(teacher, { label: 'card, executor, returned draft' });
    const again = teacher.getByRole('textbox', { name: 'Текст ответа' });
    await again.fill(`${await again.inputValue()}\nСрок — до 1 мая.`);
    await teacher.getByRole('button', { name: 'Отправить на согласование' }).click();
    await expect.poll(() => teacher.getByText('Отправлено на согласование').count()).toBeGreaterThan(0);
    await teacher.context().close();

    // The approver approves and sends: the portal's answer, not an optimistic one.
    await head.reload();
    await head.getByRole('button', { name: 'Согласовать и отправить' }).waitFor();
    await checkScreen(head, { label: 'card, approver, on approval' });
    await head.getByRole('button', { name: 'Согласовать и отправить' }).click();
    await expect.poll(() => head.getByText('Ответ отправлен заявителю').count()).toBe(1);
    await head.getByRole('heading', { name: 'Ответ', exact: true }).first().waitFor();
    // The sent answer once (not the approved draft beside it), with who approved it.
    await expect.poll(() => head.getByRole('heading', { name: 'Ответ', exact: true }).count()).toBe(1);
    await expect
      .poll(() =>
        head
          .locator('.card-main')
          .getByText(/Срок — до 1 мая\./)
          .count(),
      )
      .toBe(1);
    expect(
      await head
        .locator('.card-main')
        .getByText(/^Согласовал\(а\) Директор/)
        .count(),
    ).toBe(1);
    const history = await head.locator('.card-history').innerText();
    expect(history).toMatch(/Ответ согласован — Директор/);
    expect(history).toMatch(/Черновик возвращён — Директор: Укажите срок ремонта\./);
    expect(history).toMatch(/Назначен исполнитель — Секретарь: Завуч/);
    await checkScreen(head, { label: 'card, approver, answered' });

    // The answer's print view, on A4 without the console's chrome.
    await head.getByRole('link', { name: 'Ответ для печати' }).click();
    await head.getByRole('heading', { level: 1, name: `Ответ для печати · ${number}` }).waitFor();
    expect(await head.locator('.print-sheet').innerText()).toContain('Срок — до 1 мая.');
    await checkScreen(head, { label: 'print view of the answer' });
    await head.emulateMedia({ media: 'print' });
    expect(await head.locator('.shell-header').isVisible()).toBe(false);
    expect(await head.getByRole('button', { name: 'Печать' }).isVisible()).toBe(false);
    await head.context().close();

    // The citizen: the mail, the tracker, the counter.
    const mail = await h.mailbox.waitFor(
      (m) => m.to.includes(email) && m.subject === `Ответ на обращение № ${number}`,
    );
    expect(mail.text).toContain('Срок — до 1 мая.');
    expect(mail.text).not.toContain('Проверить с завхозом');
    const tracker = await h.browser.newPage();
    await tracker.goto(trackerLink);
    await expect
      .poll(() => tracker.getByRole('heading', { name: 'Ответ' }).count(), { timeout: 15_000 })
      .toBe(1);
    const view = await tracker.locator('[data-otklik="appeal"] section').innerText();
    expect(view).toContain('крыльцо будет отремонтировано');
    expect(view).toContain('Смета.pdf');
    expect(view).not.toContain('Проверить с завхозом');
    await tracker.close();
    expect(await counter()).toBe(before + 1);
  }, 240_000);

  it('the registration card prints on A4 and passes the screen check in be and en', async () => {
    const [row] = await h.portal.db.query<{ id: string }>(
      `SELECT id FROM appeals WHERE organization_id = $1 AND status = 'registered' ORDER BY id LIMIT 1`,
      [SCHOOL],
    );
    const path = `/console/queue/appeals/${row?.id}`;
    const page = await signedInByMail(h, STAFF.coordinator, path);
    try {
      // The narrow state column keeps a status word whole ("Зарегистрировано" once broke before its "о").
      const status = page.locator('dt', { hasText: /^Статус$/ }).locator('xpath=following-sibling::dd[1]');
      expect(await status.innerText()).toBe('Зарегистрировано');
      const lines = await status.evaluate((dd) => {
        const range = document.createRange();
        range.selectNodeContents(dd);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      });
      expect(lines).toBe(1);
      await page.getByRole('link', { name: 'Регистрационная карточка' }).click();
      await page.getByRole('heading', { level: 1, name: /^Регистрационная карточка · / }).waitFor();
      await checkScreen(page, { label: 'print view of the registration card' });
      for (const [language, heading] of [
        ['be', /^Зварот № /],
        ['en', /^Appeal No\. /],
      ] as const) {
        await page.evaluate((lang) => localStorage.setItem('otklik.console.language', lang), language);
        await page.goto(h.url(path));
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await checkScreen(page, { label: `card in ${language}`, language });
      }
    } finally {
      await page.context().close();
    }
  }, 120_000);

  it('forward by competence and a request for clarification through their dialogs, by keyboard; mail settings on the account screen', async () => {
    const [row] = await h.portal.db.query<{ id: string; registration_number: string }>(
      `SELECT id, registration_number FROM appeals WHERE organization_id = $1 AND status = 'registered'
       ORDER BY id OFFSET 1 LIMIT 1`,
      [SCHOOL],
    );
    const path = `/console/queue/appeals/${row?.id}`;
    const page = await signedInByMail(h, STAFF.coordinator, path);
    try {
      await page
        .getByRole('heading', { level: 1, name: `Обращение № ${row?.registration_number}` })
        .waitFor();
      // Escape closes a dialog and gives the focus back to the button that opened it.
      const clarify = page.getByRole('button', { name: 'Запросить уточнение' });
      await clarify.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Запросить уточнение' });
      await dialog.waitFor();
      await checkScreen(page, { label: 'card, clarification dialog' });
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.isVisible()).toBe(false);
      expect(await focused(page)).toMatchObject({ text: 'Запросить уточнение' });
      await page.keyboard.press('Enter');
      await dialog.getByRole('textbox', { name: /Что нужно уточнить/ }).fill('Уточните номер класса.');
      await dialog.getByRole('button', { name: 'Подтвердить' }).click();
      await expect.poll(() => page.locator('.card-thread').innerText()).toContain('Уточните номер класса.');

      // Extension: the dialog asks for the date and the reason; once extended, no second extension.
      await page.getByRole('button', { name: 'Продлить срок' }).click();
      const extend = page.getByRole('dialog', { name: 'Продлить срок' });
      await extend.getByRole('button', { name: 'Подтвердить' }).click();
      await expect.poll(() => extend.getByText('Заполните это поле').count()).toBe(2);
      await checkScreen(page, { label: 'card, extension dialog with errors' });
      const [due] = await h.portal.db.query<{ until: string }>(
        `SELECT to_char(COALESCE(due_date, (due_at AT TIME ZONE 'Europe/Moscow')::date) + 10, 'YYYY-MM-DD') AS until
         FROM appeals WHERE id = $1`,
        [row?.id],
      );
      await extend.getByLabel(/Новый срок/).fill(due?.until ?? '');
      await extend.getByRole('textbox', { name: /Причина продления/ }).fill('Нужна проверка на месте');
      await extend.getByRole('button', { name: 'Подтвердить' }).click();
      // (The side may say «Рассмотрение продлено» already, of the applicant's other appeal: wait for
      // the dialog to close and the card to be read again, then the button is gone.)
      await extend.waitFor({ state: 'hidden' });
      await expect.poll(() => page.getByRole('button', { name: 'Продлить срок' }).count()).toBe(0);
      expect(await page.locator('.card-side').innerText()).toContain('Рассмотрение продлено');

      await page.getByRole('button', { name: 'Направить по компетенции' }).click();
      const forward = page.getByRole('dialog', { name: 'Направить по компетенции' });
      await forward.getByRole('textbox', { name: /Куда направлено/ }).fill('Управление образования');
      await forward.getByRole('button', { name: 'Подтвердить' }).click();
      await expect.poll(() => page.locator('.card-side').innerText()).toContain('Направлено по компетенции');
      // Closed: no more moves, no assignment.
      expect(await page.getByRole('button', { name: 'Продлить срок' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Назначить' }).count()).toBe(0);
      await checkScreen(page, { label: 'card, forwarded' });
      const [status] = await h.portal.db.query<{ status: string; forwarded_to: string }>(
        'SELECT status, forwarded_to FROM appeals WHERE id = $1',
        [row?.id],
      );
      expect(status).toEqual({ status: 'forwarded', forwarded_to: 'Управление образования' });

      await page.goto(h.url('/console/account'));
      await page.getByRole('heading', { name: 'Письма о работе с обращениями' }).waitFor();
      await checkScreen(page, { label: 'account with mail settings' });
      await page.getByRole('checkbox', { name: 'Одним письмом в день (сводка)' }).check();
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await expect.poll(() => page.getByText('Настройки писем сохранены').count()).toBe(1);
      const [prefs] = await h.portal.db.query<{ daily_digest: boolean }>(
        `SELECT s.daily_digest FROM staff_mail_preferences s JOIN people p ON p.id = s.person_id WHERE p.email = $1`,
        [STAFF.coordinator],
      );
      expect(prefs?.daily_digest).toBe(true);
    } finally {
      await page.context().close();
    }
  }, 120_000);
});

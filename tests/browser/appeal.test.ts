import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApiKey, startPortal } from '@otklik/portal';
import { type Mailbox, startMailbox } from '@otklik/portal/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './chromium.ts';
import { openPage, shots, widgetsDir } from './hostile-harness.ts';
import { mailedCode } from './mailed-code.ts';
import { type SiteServer, startExampleSite } from './site-server.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/**
 * The citizen's appeal as it happens on a school's site: the built bundles served by the real portal
 * (PGlite, demo seed, outbox delivering over SMTP to a test mail server), the example pages served
 * from another origin, real Chromium driven mostly by the keyboard.
 */

const APPEALS_PATH = '/v1/organizations/demo-school/appeals';

describe.skipIf(!chromiumAvailable())('citizen appeal in Chromium on a foreign page', () => {
  let portal: Awaited<ReturnType<typeof startPortal>>;
  let mailbox: Mailbox;
  let site: SiteServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(resolve(widgetsDir, 'otklik.js'))) {
      throw new Error('dist/widgets is missing: run `pnpm build` first (`pnpm test` does).');
    }
    mailbox = await startMailbox();
    portal = await startPortal({
      database: { kind: 'pglite' },
      port: 0,
      seed: 'demo',
      widgetsDir,
      smtp: {
        url: `smtp://127.0.0.1:${mailbox.port}`,
        from: 'МБОУ СОШ № 1 <noreply@otklik.test>',
        intervalMs: 100,
      },
    });
    site = await startExampleSite(portal, ['demo-school', 'demo-by', 'demo-by-state'], {
      // A Belarusian state body: appeals go through обращения.бел, the form is a hand-off.
      '/by-state-appeal.html': pageWith('be', '<div data-otklik="appeal" data-org="demo-by-state"></div>'),
      // WordPress and Joomla install in English, and many school templates keep that.
      '/en-appeal.html': pageWith('en-US', '<div data-otklik="appeal" data-org="demo-school"></div>'),
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await portal?.close();
    await mailbox?.close();
  });

  /** The page at `url` in Chromium, its errors recorded, once the widgets are ready. */
  const open = (url: string) => openPage(browser, url);

  /** The focused element, looking through shadow roots: its id, tag, type and text. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      let element: Element | null = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      if (!element || element === document.body) return null;
      return {
        id: element.id,
        tag: element.tagName.toLowerCase(),
        type: (element as HTMLInputElement).type ?? '',
        text: (element.textContent ?? '').trim(),
        value: (element as HTMLInputElement).value,
        checked: (element as HTMLInputElement).checked,
      };
    });

  /** Presses Tab and returns what got the focus. */
  async function tab(page: Page, shift = false) {
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
    return focused(page);
  }

  async function formReady(page: Page) {
    await expect.poll(() => page.getByRole('textbox', { name: /Фамилия|Прозвішча/ }).count()).toBe(1);
  }

  /** The code mailed to `email` since `since` to confirm the address (not a staff sign-in's). */
  const codeFor = (email: string, since: number) =>
    mailedCode(mailbox, email, since, { subject: /^Код подтверждения: / });

  /** Fills the applicant and verifies the e-mail with the code from the mail (mouse-free but quick). */
  async function fillVerified(page: Page, email: string) {
    await formReady(page);
    await page.getByRole('textbox', { name: /Фамилия/ }).fill('Смирнов');
    await page.getByRole('textbox', { name: /^Имя/ }).fill('Алексей');
    await page.getByRole('textbox', { name: /Адрес электронной почты/ }).fill(email);
    const since = Date.now();
    await page.getByRole('button', { name: 'Получить код' }).click();
    const code = await codeFor(email, since);
    await page.getByRole('textbox', { name: /Код из письма/ }).fill(code);
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await expect.poll(() => page.getByText(`Адрес ${email} подтверждён`).count()).toBe(1);
  }

  const appealsOf = (email: string) =>
    portal.db.query<{ id: string; registration_number: string; due_date: string; status: string }>(
      `SELECT id, registration_number, due_date::text AS due_date, status FROM appeals
       WHERE applicant_email = $1 ORDER BY registered_at`,
      [email],
    );

  /** The widget's box (the host's own innerText does not include its shadow root). */
  const widget = (page: Page) => page.locator('[data-otklik="appeal"] .appeal');
  const widgetText = (page: Page) => widget(page).innerText();

  it('files an appeal after an e-mail code, mails the number, tracks it, shows the answer and takes a rating', async () => {
    const email = 'maria.ivanova@example.ru';
    const { page, errors } = await open(`${site.origin}/appeal.html`);
    await formReady(page);

    // Applicant, by keyboard: click into the first field, then type and Tab like a person.
    await page.getByRole('textbox', { name: /Фамилия/ }).click();
    await page.keyboard.type('Иванова');
    expect((await tab(page))?.id).toBe('f-applicant-firstName');
    await page.keyboard.type('Мария');
    expect((await tab(page))?.id).toBe('f-applicant-patronymic');
    await page.keyboard.type('Петровна');
    expect((await tab(page))?.id).toBe('f-applicant-email');
    await page.keyboard.type(email);
    expect(await tab(page)).toMatchObject({ tag: 'button', text: 'Получить код' });
    const since = Date.now();
    await page.keyboard.press('Enter');

    // The code arrives by e-mail at the SMTP server.
    await expect.poll(() => page.getByText(`Код отправлен на ${email}`).count()).toBe(1);
    const code = await codeFor(email, since);
    // Focus is on the code field, which has just appeared.
    const codeField = page.getByRole('textbox', { name: /Код из письма/ });
    await expect
      .poll(() => codeField.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement))
      .toBe(true);
    await page.keyboard.type(code);
    expect(await tab(page)).toMatchObject({ tag: 'button', text: 'Подтвердить' });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText(`Адрес ${email} подтверждён`).count()).toBe(1);
    // The verified address is locked.
    expect(
      await page.getByRole('textbox', { name: /Адрес электронной почты/ }).getAttribute('readonly'),
    ).toBe('');

    // On with Tab: postal address, co-authors, type, topic, text, consent.
    expect((await tab(page))?.id).toBe('f-applicant-postalAddress');
    await page.keyboard.type('г. Демо, ул. Школьная, д. 12, кв. 5');
    expect(await tab(page)).toMatchObject({ tag: 'button', text: 'Добавить соавтора' });
    expect(await tab(page)).toMatchObject({ tag: 'input', type: 'radio', id: 'f-type' });
    // Arrow keys move through the radio group and choose; "Заявление" is the second.
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toMatchObject({ type: 'radio', value: 'application', checked: true });
    expect(await tab(page)).toMatchObject({ tag: 'select', id: 'f-topicId' });
    expect(await tab(page)).toMatchObject({ tag: 'textarea', id: 'f-text' });
    const text =
      'Прошу сообщить, когда в школьной столовой начнут выдавать горячие завтраки для учеников 5–7 классов.\nСпасибо.';
    await page.keyboard.type(text);
    const left = await page.locator('[data-otklik="appeal"] #f-text-hint').innerText();
    expect(left).toMatch(/^Осталось .+ из /);
    expect(left.replace(/\D/g, '')).toBe(`${10_000 - text.length}10000`);
    // Attach a small PDF: the file input comes next; the upload starts at once with its progress.
    // A labelled button in the widget's language opens the (hidden) native file input.
    expect(await tab(page)).toMatchObject({
      tag: 'button',
      id: 'f-attachments-button',
      text: 'Прикрепить файлы',
    });
    await page.locator('[data-otklik="appeal"] #f-attachments').setInputFiles({
      name: 'Справка.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await expect.poll(() => page.getByText('Файл Справка.pdf загружен').count(), { timeout: 10_000 }).toBe(1);
    expect(await tab(page)).toMatchObject({ tag: 'button', text: 'Удалить' });
    expect(await tab(page)).toMatchObject({ tag: 'input', type: 'checkbox', id: 'f-consent' });
    await page.keyboard.press('Space');
    expect(await focused(page)).toMatchObject({ id: 'f-consent', checked: true });
    expect(await tab(page)).toMatchObject({ tag: 'a', text: expect.stringContaining('Согласие') });
    expect(await tab(page)).toMatchObject({ tag: 'button', text: 'Отправить обращение' });
    await widget(page).screenshot({ path: resolve(shots, 'appeal-form-filled.png') });

    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Обращение зарегистрировано' }).count(), {
        timeout: 20_000,
      })
      .toBe(1);
    // The receipt takes the focus, so a screen reader announces it.
    expect(await focused(page)).toMatchObject({ id: 'receipt-title' });

    const [row] = await appealsOf(email);
    if (!row) throw new Error('the appeal was not stored');
    expect(row.status).toBe('registered');
    const number = row.registration_number;
    const receiptText = await widgetText(page);
    expect(receiptText).toContain(number);
    expect(receiptText).toContain(`не позднее ${ruDate(row.due_date)}`);
    // 59-ФЗ: 30 days from registration; a term whose last day is not a working day in the Russian
    // calendar ends on the working day before it (deadlines/rules.ts).
    const [term] = await portal.db.query<{ day: string }>(
      `SELECT to_char(d, 'YYYY-MM-DD') AS day
       FROM generate_series($1::date + 30, $1::date, '-1 day') AS d
       WHERE COALESCE((SELECT kind = 'working' FROM calendar_days WHERE country = 'RU' AND day = d::date),
                      extract(isodow FROM d) < 6)
       LIMIT 1`,
      [todayIn('Europe/Moscow')],
    );
    expect(row.due_date).toBe(term?.day);
    expect(daysBetween(todayIn('Europe/Moscow'), row.due_date)).toBeGreaterThan(20);
    await widget(page).screenshot({ path: resolve(shots, 'appeal-receipt.png') });
    const receiptLink = await page.getByRole('textbox', { name: 'Личная ссылка на обращение' }).inputValue();

    // Nothing personal is left in browser storage.
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);

    // The registration mail: same number, due date and the private link back to this page.
    const registered = await mailbox.waitFor(
      (m) => m.to.includes(email) && m.subject === `Обращение зарегистрировано: № ${number}`,
    );
    expect(registered.text).toContain(`Регистрационный номер: ${number}`);
    const link = new RegExp(
      `${escape(site.origin)}/appeal\\.html#otklik-appeal=${row.id}\\.[\\w-]{16,}`,
    ).exec(registered.text)?.[0];
    expect(link, registered.text).toBeDefined();
    expect(link).toBe(receiptLink);

    // The citizen opens the link from the mail in a new tab: the status tracker.
    const tracker = await open(link as string);
    const trackerView = tracker.page.locator('[data-otklik="appeal"] section');
    await expect
      .poll(() => tracker.page.getByRole('heading', { name: `Обращение № ${number}` }).count())
      .toBe(1);
    expect(await statusOf(tracker.page)).toBe('Зарегистрировано');
    expect(await trackerView.innerText()).toContain(ruDate(row.due_date));
    expect(await trackerView.innerText()).toContain('Вложения');
    // The attachment downloads from the tracker with the appeal's secret (sent as a header, not a URL).
    const [download] = await Promise.all([
      tracker.page.waitForEvent('download'),
      tracker.page.getByRole('button', { name: 'Справка.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Справка.pdf');
    const saved = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of saved) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('latin1')).toBe(PDF.toString('latin1'));

    // The same private link opens on the status page as well.
    const statusPage = await open(`${site.origin}/status.html${new URL(link as string).hash}`);
    await expect
      .poll(() => statusPage.page.getByRole('heading', { name: `Обращение № ${number}` }).count())
      .toBe(1);
    expect(await statusOf(statusPage.page)).toBe('Зарегистрировано');
    expect(statusPage.errors).toEqual([]);
    await statusPage.page.close();

    // Staff answer through the API with the school's key.
    const key = await createApiKey(portal.db, 'demo-school', 'browser test');
    const answerText = 'Горячие завтраки для 5–7 классов выдаются с 1 октября, с 9:40 до 10:00.';
    const answered = await fetch(`${portal.url}/v1/staff/appeals/${row.id}/answer`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ result: 'explained', text: answerText }),
    });
    expect(answered.status, await answered.clone().text()).toBe(200);
    const answerMail = await mailbox.waitFor(
      (m) => m.to.includes(email) && m.subject === `Ответ на обращение № ${number}`,
    );
    expect(answerMail.text).toContain(answerText);

    // The citizen reloads the tracker: the answer is there.
    await tracker.page.reload();
    await expect.poll(() => tracker.page.getByRole('heading', { name: 'Ответ' }).count()).toBe(1);
    expect(await statusOf(tracker.page)).toBe('Рассмотрено');
    const view = await trackerView.innerText();
    expect(view).toContain(answerText);
    expect(view).toContain('Разъяснено');

    // Rates it 5 with the keyboard: Tab into the group, arrows to 5, Tab to the comment, send.
    const one = tracker.page.getByRole('radio', { name: '1 балл' });
    await one.focus();
    await tracker.page.keyboard.press('Space');
    for (let i = 0; i < 4; i++) await tracker.page.keyboard.press('ArrowRight');
    expect(await focused(tracker.page)).toMatchObject({ type: 'radio', value: '5', checked: true });
    expect(await tab(tracker.page)).toMatchObject({ tag: 'textarea', id: 'f-comment' });
    await tracker.page.keyboard.type('Быстро и по делу.');
    expect(await tab(tracker.page)).toMatchObject({ tag: 'button', text: 'Отправить оценку' });
    await tracker.page.keyboard.press('Enter');
    await expect.poll(() => tracker.page.getByText('Ваша оценка ответа: 5 из 5. Спасибо!').count()).toBe(1);
    expect(await tracker.page.getByRole('radio').count()).toBe(0);
    const [rated] = await portal.db.query<{ rating: number; rating_comment: string }>(
      'SELECT rating, rating_comment FROM appeals WHERE id = $1',
      [row.id],
    );
    expect(rated).toEqual({ rating: 5, rating_comment: 'Быстро и по делу.' });

    expect(errors, errors.join('\n')).toEqual([]);
    expect(tracker.errors, tracker.errors.join('\n')).toEqual([]);
    await tracker.page.close();
    await page.close();
  });

  it('keeps the typed appeal on a lost response and files it once on retry', async () => {
    const email = 'lost.response@example.ru';
    const { page, errors, consoleErrors } = await open(`${site.origin}/appeal.html`);
    await fillVerified(page, email);
    await page.getByRole('radio', { name: 'Жалоба' }).check();
    const text = 'Во дворе школы третью неделю не работает освещение у калитки со стороны ул. Садовой.';
    await page.getByRole('textbox', { name: /Текст обращения/ }).fill(text);
    await page.getByRole('checkbox', { name: /согласие/ }).check();

    // The connection fails on the first press of "send": the request reaches the portal (which files
    // the appeal) but its response is lost, and the client's one immediate automatic retry does not
    // get through at all. The citizen's retry then goes through.
    const keys: (string | undefined)[] = [];
    await page.route(`${portal.url}${APPEALS_PATH}`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key']);
      if (keys.length === 1) {
        const response = await route.fetch();
        if (response.status() !== 201) throw new Error(`filing refused: ${await response.text()}`);
        return route.abort('connectionreset');
      }
      if (keys.length === 2) return route.abort('internetdisconnected');
      return route.continue();
    });

    const submit = page.getByRole('button', { name: 'Отправить обращение' });
    await submit.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').allInnerTexts())
      .toEqual([expect.stringContaining('Обращение не отправлено: нет связи с сервером')]);
    // Everything typed is still there, and the button says what it will do.
    expect(await page.getByRole('textbox', { name: /Текст обращения/ }).inputValue()).toBe(text);
    expect(await page.getByRole('radio', { name: 'Жалоба' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /согласие/ }).isChecked()).toBe(true);
    const retry = page.getByRole('button', { name: 'Отправить ещё раз' });
    expect(await retry.count()).toBe(1);
    expect(await appealsOf(email)).toHaveLength(1);

    await retry.focus();
    await page.keyboard.press('Space');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Обращение зарегистрировано' }).count(), {
        timeout: 20_000,
      })
      .toBe(1);
    // Three requests, one idempotency key, one appeal.
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/\S{16,}/);
    expect(new Set(keys).size).toBe(1);
    const rows = await appealsOf(email);
    expect(rows).toHaveLength(1);
    expect(await widgetText(page)).toContain(rows[0]?.registration_number);
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);

    // Only the aborted request may complain (Chromium logs it as a failed resource).
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    const unexpected = consoleErrors
      .filter((m) => !(m.location().url.includes(APPEALS_PATH) || /net::ERR_/.test(m.text())))
      .map((m) => m.text());
    expect(unexpected).toEqual([]);
    await page.close();
  });

  it('asks for the patronymic and address in Belarusian under 300-З, with no e-mail code step', async () => {
    const { page, errors } = await open(`${site.origin}/by-appeal.html`);
    await formReady(page);
    expect(await page.getByRole('heading', { name: 'Электронны зварот', level: 2 }).count()).toBe(1);
    const patronymic = page.getByRole('textbox', { name: /Імя па бацьку/ });
    const address = page.getByRole('textbox', { name: /Паштовы адрас/ });
    expect(await patronymic.getAttribute('required')).toBe('');
    expect(await address.getAttribute('required')).toBe('');
    // No identity step.
    expect(await page.getByRole('button', { name: /код/i }).count()).toBe(0);
    expect(await page.getByText('Пацвярджэнне асобы').count()).toBe(0);

    // Without the patronymic and the address the form says what is missing.
    await page.getByRole('textbox', { name: /Прозвішча/ }).fill('Коваль');
    await page.getByRole('textbox', { name: 'Імя', exact: true }).fill('Алеся');
    await page.getByRole('textbox', { name: /Адрас электроннай пошты/ }).fill('alesia.koval@example.by');
    await page.getByRole('radio', { name: 'Прапанова' }).check();
    await page
      .getByRole('textbox', { name: /Тэкст звароту/ })
      .fill('Прапаную падоўжыць час работы аддзялення дзённага знаходжання да 18:00.');
    await page.getByRole('checkbox', { name: /згоду/ }).check();
    await page.getByRole('button', { name: 'Адправіць зварот' }).click();
    await expect.poll(() => page.getByRole('alert').allInnerTexts()).toEqual([expect.stringMatching(/2/)]);
    expect(await focused(page)).toMatchObject({ id: 'f-applicant-patronymic' });

    await patronymic.fill('Міхайлаўна');
    await address.fill('г. Дэма, вул. Незалежнасці, 7, кв. 12');
    await page.getByRole('button', { name: 'Адправіць зварот' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Зварот зарэгістраваны' }).count(), {
        timeout: 20_000,
      })
      .toBe(1);
    const [row] = await appealsOf('alesia.koval@example.by');
    expect(row?.registration_number).toMatch(/^ЗВ/);
    expect(await widgetText(page)).toContain(row?.registration_number);
    expect(errors, errors.join('\n')).toEqual([]);
    await page.close();
  });

  it('files a Russian appeal from a page whose <html lang> is en-US, the default of WordPress and Joomla', async () => {
    const email = 'english.page@example.ru';
    const { page, errors } = await open(`${site.origin}/en-appeal.html`);
    await expect.poll(() => page.getByRole('textbox', { name: /Surname/ }).count()).toBe(1);
    await expect
      .poll(() =>
        page.getByText('Appeals are taken in Russian: please write your appeal in Russian.').count(),
      )
      .toBe(1);
    await page.getByRole('textbox', { name: /Surname/ }).fill('Smirnova');
    await page.getByRole('textbox', { name: /^First name/ }).fill('Anna');
    await page.getByRole('textbox', { name: /E-mail address/ }).fill(email);
    const since = Date.now();
    await page.getByRole('button', { name: 'Get a code' }).click();
    const code = await mailedCode(mailbox, email, since, { subject: /^Verification code: / });
    await page.getByRole('textbox', { name: /Code from the e-mail/ }).fill(code);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('radio', { name: 'Proposal' }).check();
    await page.getByRole('textbox', { name: /Your appeal/ }).fill('Прошу открыть кружок робототехники.');
    await page.getByRole('checkbox', { name: /consent/ }).check();
    await page.getByRole('button', { name: 'Send the appeal' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Your appeal is registered' }).count(), {
        timeout: 20_000,
      })
      .toBe(1);
    const [row] = await portal.db.query<{ language: string }>(
      'SELECT language FROM appeals WHERE applicant_email = $1',
      [email],
    );
    expect(row?.language).toBe('ru');
    expect(errors, errors.join('\n')).toEqual([]);
    await page.close();
  });

  it('hands a Belarusian state body over to обращения.бел, without a form', async () => {
    const { page, errors } = await open(`${site.origin}/by-state-appeal.html`);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Звароты прымаюцца праз дзяржаўную сістэму' }).count())
      .toBe(1);
    expect(await widgetText(page)).toContain('толькі праз дзяржаўную сістэму зваротаў');
    const link = page.getByRole('link', { name: /Перайсці да падачы звароту/ });
    expect(await link.count()).toBe(1);
    expect(new URL((await link.getAttribute('href')) as string).host).toBe(
      new URL('https://обращения.бел').host,
    );
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('button').count()).toBe(0);
    expect(errors, errors.join('\n')).toEqual([]);
    await page.close();
  });

  // Regression: `new URL(url).host` is punycode, so the citizen read "(xn--80abnmycp7evc.xn--90ais)".
  it('names обращения.бел in the hand-off link as people write it, not in punycode', async () => {
    const { page } = await open(`${site.origin}/by-state-appeal.html`);
    const link = page.getByRole('link', { name: /Перайсці да падачы звароту/ });
    await expect.poll(() => link.count()).toBe(1);
    const text = await link.innerText();
    await page.close();
    expect(text).toContain('(обращения.бел)');
  });

  // Regression: "Получить код" is disabled while the request runs and during the resend countdown; the
  // focus used to fall to <body>, and the next Tab skipped the code field that had appeared above.
  it('puts the focus on the code field after the code is requested with the keyboard', async () => {
    const { page } = await open(`${site.origin}/appeal.html`);
    try {
      await formReady(page);
      await page.getByRole('textbox', { name: /Адрес электронной почты/ }).click();
      await page.keyboard.type('focus.after.code@example.ru');
      expect(await tab(page)).toMatchObject({ tag: 'button', text: 'Получить код' });
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByText('Код отправлен на focus.after.code@example.ru').count()).toBe(1);
      await expect.poll(async () => (await focused(page))?.id, { timeout: 2000 }).toBe('f-code');
    } finally {
      await page.close();
    }
  });

  // Regression: the code input sits inside the appeal <form>, so Enter in it used to submit the whole
  // appeal ("исправьте 4 ошибки") instead of checking the code.
  it('checks the code when the citizen presses Enter in the code field', async () => {
    const email = 'enter.in.code@example.ru';
    const { page } = await open(`${site.origin}/appeal.html`);
    try {
      await formReady(page);
      await page.getByRole('textbox', { name: /Адрес электронной почты/ }).fill(email);
      const since = Date.now();
      await page.getByRole('button', { name: 'Получить код' }).click();
      const code = await codeFor(email, since);
      await page.getByRole('textbox', { name: /Код из письма/ }).click();
      await page.keyboard.type(code);
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.getByText(`Адрес ${email} подтверждён`).count(), { timeout: 3000 })
        .toBe(1);
      expect(await page.getByRole('alert').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('is usable by keyboard: every control is reached with Tab, errors are announced and focused', async () => {
    const { page, errors } = await open(`${site.origin}/appeal.html`);
    await formReady(page);

    // Every control a citizen may use in the widget (the honeypot is not one of them, nor the native
    // file input, hidden from everyone: the "Прикрепить файлы" button opens it).
    const controls = await page.evaluate(() => {
      const root = document.querySelector('[data-otklik="appeal"]')?.shadowRoot;
      if (!root) return [];
      return [...root.querySelectorAll('input, select, textarea, button, a[href]')]
        .filter(
          (el) =>
            !el.closest('.hp') &&
            !(el as HTMLButtonElement).disabled &&
            el.getAttribute('aria-hidden') !== 'true',
        )
        .map((el) => {
          const input = el as HTMLInputElement;
          return input.type === 'radio'
            ? `radio:${input.value}`
            : el.id || el.textContent?.trim() || el.tagName;
        });
    });
    expect(controls).toContain('f-applicant-surname');
    expect(controls).toContain('f-consent');

    // Tab from the top of the page until the submit button; collect what got the focus.
    const reached = new Set<string>();
    await page.locator('body').focus();
    for (let i = 0; i < 80; i++) {
      const now = await tab(page);
      if (now) reached.add(now.type === 'radio' ? `radio:${now.value}` : now.id || now.text || now.tag);
      if (now?.text === 'Отправить обращение') break;
    }
    // A radio group is one Tab stop: the first radio stands for the group.
    // A radio group is one Tab stop (arrows move inside it): its first radio stands for the group.
    expect(controls).toEqual(
      expect.arrayContaining(['radio:proposal', 'radio:application', 'radio:complaint']),
    );
    const expected = controls.filter((c) => !/^radio:(application|complaint)$/.test(c));
    expect([...reached]).toEqual(expect.arrayContaining(expected));
    expect(reached.has('f-website')).toBe(false);

    // Send the empty form with Enter: the summary is announced and the first invalid field focused.
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Отправить обращение' });
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').allInnerTexts())
      .toEqual([expect.stringMatching(/^Обращение не отправлено: исправьте \d+ ошиб/)]);
    expect(await focused(page)).toMatchObject({ id: 'f-applicant-surname' });
    expect(await page.getByRole('textbox', { name: /Фамилия/ }).getAttribute('aria-invalid')).toBe('true');
    // The error is tied to the field for screen readers.
    expect(await page.getByRole('textbox', { name: /Фамилия/ }).getAttribute('aria-describedby')).toContain(
      'f-applicant-surname-error',
    );

    // Space on the button submits too: after fixing the surname, focus goes to the next invalid field.
    await page.keyboard.type('Петров');
    await page.getByRole('button', { name: 'Отправить обращение' }).focus();
    await page.keyboard.press('Space');
    await expect.poll(async () => (await focused(page))?.id).toBe('f-applicant-firstName');
    expect(errors, errors.join('\n')).toEqual([]);
    await page.close();
  });

  async function statusOf(page: Page): Promise<string> {
    return page.locator('[data-otklik] dd.status').innerText();
  }
});

function pageWith(lang: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Test</title>
    <script src="http://localhost:8787/otklik.js" defer></script></head><body>${body}</body></html>`;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A `YYYY-MM-DD` date as the form writes it in Russian ("1 октября 2025 г."). */
function ruDate(isoDate: string): string {
  return new Intl.DateTimeFormat('ru', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
    .format(new Date(`${isoDate}T00:00:00Z`))
    .replace(/^(\d+) /, '$1\u00a0')
    .replace(/ г\.$/, '\u00a0г.');
}

function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './chromium.ts';
import { type Harness, otklikReady, pageWith, startHarness } from './hostile-harness.ts';
import { expectEveryWidgetCovered, mount, widgetCases, widgetOf } from './widget-cases.ts';

/**
 * Phones: at 320 and 375 CSS px nothing in any widget may stick out sideways (the page would scroll
 * horizontally and cut the widget off), in every state of the table in widget-cases.ts and in the
 * status tracker of an answered appeal with a message (the organisation's full name, the reply box).
 * A registration number or a date is never broken across lines ("ОБ-2026-/000001", "г." alone).
 */
const widths = [320, 375] as const;
const steps = Math.max(...widgetCases.map((c) => c.states.length));

/** An answered appeal of demo-school with a clarification; returns its private-link fragment. */
async function answeredAppeal(h: Harness): Promise<string> {
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  const hash = createHash('sha256').update(secret).digest('hex');
  await h.portal.db.query(
    `INSERT INTO appeals (id, organization_id, registration_number, type, status, result, received_at,
       registered_at, due_at, due_date, answered_at, answer_text, applicant_surname, applicant_first_name,
       applicant_email, text, access_secret_hash, language, topic_id)
     VALUES ($1, 'demo-school', 'ОБ-2026-000001', 'complaint', 'answered', 'explained',
       '2026-12-05T23:45:00Z', '2026-12-05T23:45:00Z', '2027-01-05T20:59:59Z', '2027-01-05',
       '2026-12-20T09:00:00Z', $2, 'Иванова', 'Мария', 'maria@example.ru', $3, $4, 'ru', 'education')`,
    [
      id,
      'Уважаемая Мария Петровна! Расписание кружков изменено с 1 января; подробности — у классного руководителя.',
      'Прошу разобраться с расписанием кружков: занятия «Юный техник» переносят без предупреждения.',
      hash,
    ],
  );
  await h.portal.db.query(
    `INSERT INTO appeal_events (appeal_id, status, at) VALUES ($1, 'registered', '2026-12-05T23:45:00Z'),
       ($1, 'answered', '2026-12-20T09:00:00Z')`,
    [id],
  );
  await h.portal.db.query(
    `INSERT INTO appeal_messages (id, appeal_id, author, text, at)
     VALUES ($2, $1, 'applicant', 'Дополнение: занятия проходят по средам в кабинете № 12.', '2026-12-06T08:00:00Z')`,
    [id, randomUUID()],
  );
  return `#otklik-appeal=${id}.${secret}`;
}

/** Elements of the widgets' shadow roots whose box ends right of the viewport, or left of 0. */
const overflowing = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width)
      found.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    for (const host of Array.from(document.querySelectorAll('[data-otklik]'))) {
      /** Whether an ancestor in the shadow tree clips its content (a map's pane, a scroller). */
      const clipped = (el: Element) => {
        for (let node = el.parentElement; node; node = node.parentElement)
          if (getComputedStyle(node).overflowX !== 'visible') return true;
        return false;
      };
      for (const el of Array.from(host.shadowRoot?.querySelectorAll('*') ?? [])) {
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || el.closest('.sr,.hp,[hidden]') || clipped(el)) continue;
        if (rect.right > width + 0.5 || rect.left < -0.5)
          found.push(
            `${host.id} ${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).replace(/ /g, '.')}` : ''} [${Math.round(rect.left)}, ${Math.round(rect.right)}]`,
          );
        const style = getComputedStyle(el);
        if (
          el.scrollWidth > el.clientWidth + 1 &&
          /auto|scroll/.test(style.overflowX) &&
          el.tagName !== 'TEXTAREA'
        )
          found.push(
            `${host.id} ${el.tagName.toLowerCase()} scrolls inside: ${el.scrollWidth} > ${el.clientWidth}`,
          );
      }
    }
    return found;
  });

/** Texts that must stay on one line (their element's height is one line). */
const brokenNumbers = (page: Page, selector: string) =>
  page.evaluate((selector) => {
    const broken: string[] = [];
    for (const host of Array.from(document.querySelectorAll('[data-otklik]'))) {
      for (const el of Array.from(host.shadowRoot?.querySelectorAll(selector) ?? [])) {
        if (el.getClientRects().length > 1) broken.push(el.textContent ?? '');
      }
    }
    return broken;
  }, selector);

describe.skipIf(!chromiumAvailable())('no sideways scrolling on phones', () => {
  let h: Harness;
  let link = '';

  beforeAll(async () => {
    h = await startHarness({
      pages: (portal) => ({
        '/all.html': pageWith(portal, `<main>${widgetCases.map((c) => mount(c)).join('\n')}</main>`),
        '/tracker.html': pageWith(
          portal,
          '<main><div id="tracker" data-otklik="appeal-status" data-org="demo-school"></div></main>',
        ),
      }),
    });
    link = await answeredAppeal(h);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('has a row for every widget', () => {
    expectEveryWidgetCovered();
  });

  for (const width of widths) {
    it(`every widget in every state fits ${width} px`, async () => {
      const page = await h.browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(`${h.site.origin}/all.html`);
      await otklikReady(page);
      for (const c of widgetCases) await c.shown(widgetOf(page, c));
      const report: string[] = (await overflowing(page)).map((o) => `shown: ${o}`);
      for (let i = 0; i < steps; i++) {
        for (const c of widgetCases) {
          const state = c.states[i];
          if (!state) continue;
          await state.enter(widgetOf(page, c), page);
          for (const o of await overflowing(page))
            if (!report.some((r) => r.endsWith(o))) report.push(`${c.name} ${state.name}: ${o}`);
        }
      }
      expect(report).toEqual([]);
      await page.close();
    });

    it(`the tracker of an answered appeal fits ${width} px, its number and dates unbroken`, async () => {
      // A browser in UTC: the appeal was registered at 02:45 Moscow time on 6 December (23:45 UTC on
      // the 5th); every date is the organisation's.
      const page = await h.browser.newPage({ viewport: { width, height: 800 }, timezoneId: 'UTC' });
      await page.goto(`${h.site.origin}/tracker.html${link}`);
      await otklikReady(page);
      const tracker = page.locator('#tracker');
      await tracker.getByRole('heading', { name: /Обращение/ }).waitFor();
      await tracker.getByRole('textbox', { name: /Дополнить обращение/ }).waitFor();
      expect(await overflowing(page)).toEqual([]);
      expect(await brokenNumbers(page, '.nowrap,time')).toEqual([]);
      const heading = await tracker.getByRole('heading', { level: 2 }).innerText();
      expect(heading).toContain('ОБ-2026-000001');
      expect(heading).toContain('№\u00a0');
      const text = await tracker.locator('.appeal').innerText();
      expect(text).toContain('6\u00a0декабря 2026\u00a0г.');
      expect(text).not.toContain('5\u00a0декабря');
      // The copy of what was sent: type, topic and text.
      expect(text).toMatch(/Вид обращения\s+Жалоба/);
      expect(text).toMatch(/Тема\s+Организация обучения/);
      await tracker.getByText('Текст обращения').click();
      await tracker.getByText(/занятия «Юный техник» переносят/).waitFor();
      expect(await overflowing(page)).toEqual([]);
      await page.close();
    });
  }
});

import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** What has the keyboard focus, looking through shadow roots. */
export interface Focused {
  id: string;
  tag: string;
  type: string;
  name: string;
  value: string;
  text: string;
  label: string;
}

/** The focused element, looking through shadow roots; `null` for the page itself. */
export const focused = (page: Page): Promise<Focused | null> =>
  page.evaluate(() => {
    let element: Element | null = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element || element === document.body) return null;
    const input = element as HTMLInputElement;
    return {
      id: element.id,
      tag: element.tagName.toLowerCase(),
      type: input.type ?? '',
      name: input.name ?? '',
      value: input.value ?? '',
      text: (element.textContent ?? '').trim(),
      label: element.getAttribute('aria-label') ?? '',
    };
  });

/**
 * Presses Tab (`back`: Shift+Tab) until `match` holds for the focused element; fails after `limit`
 * presses.
 */
export async function tabTo(
  page: Page,
  match: (f: Focused) => boolean,
  { back = false, limit = 60 } = {},
): Promise<Focused> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    if (now && match(now)) return now;
  }
  throw new Error('the element was not reached with Tab');
}

/** The checked radios of the rating form `widget`: `[criterion, score]` pairs. */
export const checkedScores = (widget: Locator): Promise<string[][]> =>
  widget.evaluate((host) =>
    Array.from(
      host.shadowRoot?.querySelectorAll<HTMLInputElement>('input[type=radio]:checked') ?? [],
      (r) => [r.name, r.value],
    ),
  );

/**
 * Rates the first service of the rating form `widget` today with the keyboard only, 5 for every
 * criterion, types `comment` if given, and sends it with Enter. Starts from wherever the focus is
 * (Tab moves on from there).
 */
export async function rateWithKeyboard(page: Page, widget: Locator, { comment = '' } = {}): Promise<void> {
  await tabTo(page, (f) => f.id === 'f-service');
  await page.keyboard.press('ArrowDown');
  expect((await focused(page))?.value).not.toBe('');
  const criteria = await widget.evaluate(
    (host) =>
      new Set(
        Array.from(host.shadowRoot?.querySelectorAll('input[type=radio]') ?? [], (r) =>
          r.getAttribute('name'),
        ),
      ).size,
  );
  expect(criteria).toBeGreaterThan(0);
  const groups: string[] = [];
  for (let i = 0; i < criteria; i++) {
    // One Tab stop per radio group, on its first radio; Space checks it, arrows move and check.
    const radio = await tabTo(page, (f) => f.type === 'radio' && !groups.includes(f.name));
    groups.push(radio.name);
    expect(radio.value).toBe('1');
    await page.keyboard.press('Space');
    for (let n = 0; n < 4; n++) await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toMatchObject({ type: 'radio', name: radio.name, value: '5' });
  }
  const scores = await checkedScores(widget);
  expect(scores).toHaveLength(criteria);
  expect(scores.every(([, value]) => value === '5')).toBe(true);
  if (comment) {
    await tabTo(page, (f) => f.id === 'f-comment');
    await page.keyboard.type(comment);
  }
  await tabTo(page, (f) => f.tag === 'button' && f.type === 'submit');
  await page.keyboard.press('Enter');
}

import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../chromium.ts';
import { focused } from '../keyboard.ts';
import { checkScreen, useConsoleHarness } from './harness.ts';
import { openSignedIn } from './signing-in.ts';

/**
 * The people screen in Chromium, by keyboard at 375 px: a role changes only through the dialog's
 * confirmation, the result is announced, cancelling changes nothing; each state through the screen
 * check (axe, 320/375 px, strict CSP).
 */
describe.skipIf(!chromiumAvailable())('console people in Chromium', () => {
  const h = useConsoleHarness();

  it('the administrator changes the clerk’s role through a confirmed dialog, by keyboard', async () => {
    const page = await openSignedIn(h, 'admin@school.demo.otklik.localhost', '/console/people', {
      width: 375,
    });
    try {
      const clerk = 'clerk@school.demo.otklik.localhost';
      const row = page.getByRole('row').filter({ hasText: clerk });
      await row.waitFor();
      await checkScreen(page, { label: 'people' });
      const before = await row.getByRole('cell').nth(1).innerText();

      // Escape cancels: nothing changes, the focus is back on the button.
      const change = row.getByRole('button', { name: `Сменить роль ${clerk}` });
      await change.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('alertdialog', { name: `Сменить роль: ${clerk}` });
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await focused(page)).toMatchObject({ tag: 'button', text: `Сменить роль ${clerk}` });
      expect(await row.getByRole('cell').nth(1).innerText()).toBe(before);

      await page.keyboard.press('Enter');
      await dialog.waitFor();
      // The role select has the focus: a new role is picked, then confirmed.
      expect(await focused(page)).toMatchObject({ tag: 'select' });
      await dialog.getByRole('combobox', { name: 'Новая роль' }).selectOption('approver');
      await checkScreen(page, { label: 'people, role change asked' });
      await dialog.getByRole('button', { name: 'Сменить роль' }).focus();
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'hidden' });
      const notices = page.getByRole('region', { name: 'Уведомления', exact: true });
      await expect
        .poll(() => notices.innerText())
        .toContain(`Роль сотрудника ${clerk} изменена: Согласующий`);
      await expect.poll(() => row.getByRole('cell').nth(1).innerText()).toBe('Согласующий');
      await checkScreen(page, { label: 'people, role changed' });
    } finally {
      await page.context().close();
    }
  });
});

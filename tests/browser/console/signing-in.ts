import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { createKeyRing } from '../../../packages/portal/src/security/keys.ts';
import { queuedMail } from '../../../packages/portal/src/testing/outbox.ts';
import { tabTo } from '../keyboard.ts';
import { mailedCode } from '../mailed-code.ts';
import {
  type ConsoleHarness,
  type ConsoleLanguage,
  type MailHarness,
  type OpenOptions,
  openConsole,
} from './harness.ts';

/**
 * Signing staff in, the ways the console tests need: by the mailed code on the sign-in screen (the code
 * read from the SMTP test mailbox, or from the outbox of a portal that sends no mail), or over HTTP for
 * a session cookie when the sign-in is not what is tested.
 */

/** Where a test reads the code mailed to `email` for a sign-in asked for at or after `since` (`Date.now()`). */
export type CodeSource = (email: string, since: number) => Promise<string>;

/** From the SMTP test mailbox: only a mail whose subject is a code's, arrived since (`mailedCode`). */
export const fromMailbox =
  (h: MailHarness): CodeSource =>
  (email, since) =>
    mailedCode(h.mailbox, email, since);

/**
 * The code of the newest sign-in mail queued for `email` in the outbox of a portal that sends no mail,
 * its sealed payload opened with the portal's keys (the same secret, kept in its database). Read once
 * the portal has answered the request for the code, the newest is that request's.
 */
export async function queuedSignInCode(h: ConsoleHarness, email: string): Promise<string> {
  const keys = createKeyRing(h.portal.db);
  const mail = await queuedMail<{ code: string }>(h.portal.db, keys, 'staff-sign-in-code', email);
  return mail?.code ?? '';
}

/** From the outbox (`queuedSignInCode`). */
export const fromOutbox =
  (h: ConsoleHarness): CodeSource =>
  (email) =>
    queuedSignInCode(h, email);

/** The sign-in screen's words the steps are found by. */
const SCREEN: Record<
  ConsoleLanguage,
  { email: string; sendCode: string /** The code field's label. */; codeStep: string; signIn: string }
> = {
  ru: { email: 'Рабочий адрес', sendCode: 'Получить код', codeStep: 'Код из письма', signIn: 'Войти' },
  be: { email: 'Працоўны адрас', sendCode: 'Атрымаць код', codeStep: 'Код з ліста', signIn: 'Увайсці' },
  en: {
    email: 'Work e-mail',
    sendCode: 'Send me a code',
    codeStep: 'Code from the e-mail',
    signIn: 'Sign in',
  },
};

export interface SignInWay {
  /** With the keyboard alone: Tab to each field, type, Enter. Default: fill the fields, click the buttons. */
  keyboard?: boolean;
  /** The address is in the field already (from an invitation): checked, not typed. Not with `keyboard`. */
  prefilled?: boolean;
  /** The screen's language. Default `ru`. */
  language?: ConsoleLanguage;
}

/**
 * Signs `email` in on `page`, which shows the sign-in screen: asks for the code, waits for the code
 * step, enters the code read from `code`. What follows (home, the page asked for, the authenticator's
 * step) is for the caller to wait for.
 */
export async function signInByMailedCode(
  page: Page,
  email: string,
  code: CodeSource,
  way: SignInWay = {},
): Promise<void> {
  const words = SCREEN[way.language ?? 'ru'];
  const since = Date.now();
  if (way.keyboard) {
    await tabTo(page, (f) => f.tag === 'input' && f.type === 'email');
    await page.keyboard.type(email);
    await page.keyboard.press('Enter');
  } else {
    const field = page.getByRole('textbox', { name: words.email });
    if (way.prefilled) expect(await field.inputValue()).toBe(email);
    else await field.fill(email);
    await page.getByRole('button', { name: words.sendCode, exact: true }).click();
  }
  const field = page.getByRole('textbox', { name: words.codeStep });
  await field.waitFor();
  const value = await code(email, since);
  if (way.keyboard) {
    await tabTo(page, (f) => f.tag === 'input' && f.type === 'text');
    await page.keyboard.type(value);
    await page.keyboard.press('Enter');
  } else {
    await field.fill(value);
    await page.getByRole('button', { name: words.signIn, exact: true }).click();
  }
}

/**
 * Opens the sign-in screen on the way to `path` in a fresh browser, signs `email` in with the code from
 * the mailbox, and returns the page once it is at `path`.
 */
export async function signedInByMail(h: MailHarness, email: string, path: string): Promise<Page> {
  const page = await openConsole(h, `/console/sign-in?next=${encodeURIComponent(path)}`);
  await signInByMailedCode(page, email, fromMailbox(h));
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toBe(path);
  return page;
}

/** Signs `email` in through the portal's endpoints (the code read from the outbox): the session cookie. */
export async function signInCookie(h: ConsoleHarness, email: string): Promise<string> {
  const headers = { Origin: h.portal.url, 'Content-Type': 'application/json' };
  const started = await fetch(h.url('/v1/staff/sign-in'), {
    method: 'POST',
    headers,
    body: JSON.stringify({ email }),
  });
  if (started.status !== 202) throw new Error(`sign-in request: ${started.status}`);
  const { signInId } = (await started.json()) as { signInId: string };
  const verified = await fetch(h.url(`/v1/staff/sign-in/${signInId}`), {
    method: 'POST',
    headers,
    body: JSON.stringify({ code: await queuedSignInCode(h, email) }),
  });
  if (verified.status !== 200) throw new Error(`sign-in: ${verified.status}`);
  return (verified.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

/** Opens `path` signed in as `email` (a session from `signInCookie`). */
export async function openSignedIn(
  h: ConsoleHarness,
  email: string,
  path: string,
  options: OpenOptions = {},
): Promise<Page> {
  return openConsole(h, path, { ...options, cookie: await signInCookie(h, email) });
}

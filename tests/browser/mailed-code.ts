import type { Mailbox } from '@otklik/portal/testing';
import { expect } from 'vitest';

/**
 * The subject of a mail that carries a code: the staff sign-in's ("Код входа в консоль: …") and the
 * citizen's ("Код подтверждения: …"). Only such a mail is read for a code: staff notices and the
 * citizen's own mails go to the same addresses and carry six-digit registration numbers.
 */
export const CODE_SUBJECT = /^Код /;

export interface MailedCodeOptions {
  /** The subject a mail must have to count (e.g. the English one). Default `CODE_SUBJECT`. */
  subject?: RegExp;
  /** How long to wait for the mail (the outbox sends every 100 ms; a loaded machine is slower). */
  timeoutMs?: number;
}

/**
 * The six-digit code in the first mail with a code's subject to `email` that arrived at or after
 * `since`: a `Date.now()` taken before the code was asked for, so an earlier code is never read (the
 * mailbox stamps each mail on arrival, in this process).
 */
export async function mailedCode(
  mailbox: Mailbox,
  email: string,
  since: number,
  { subject = CODE_SUBJECT, timeoutMs = 20_000 }: MailedCodeOptions = {},
): Promise<string> {
  const mail = await mailbox.waitFor(
    (m) => m.to.includes(email) && subject.test(m.subject) && m.at.getTime() >= since,
    timeoutMs,
  );
  const code = /\b(\d{6})\b/.exec(mail.subject)?.[1];
  expect(code, mail.subject).toMatch(/^\d{6}$/);
  // The text says the same code (it is what a person reads).
  expect(mail.text).toContain(code);
  return code as string;
}

import { describe, expect, it } from 'vitest';
import { PORTAL_NAME } from '../people/sign-in.ts';
import { renderMail } from './templates.ts';

describe('the staff sign-in code mail', () => {
  const payload = { organizationName: PORTAL_NAME, code: '245813', expiresMinutes: 10 };

  it('names the console as the invitation and the notices do, in the reader’s language', () => {
    // Not «Otklik» in quotes inside Russian text, as if it were an organisation.
    const ru = renderMail('staff-sign-in-code', { ...payload, language: 'ru' });
    expect(ru.subject).toBe('Код входа в консоль: 245813');
    expect(ru.text).toMatch(/^Ваш код для входа в консоль Отклика: 245813\n/);
    expect(
      renderMail('staff-invitation', {
        ...payload,
        language: 'ru',
        inviteUrl: 'u',
        role: 'administrator',
        expiresDays: 7,
      }).text,
    ).toContain('в консоль Отклика');
    expect(renderMail('staff-sign-in-code', { ...payload, language: 'be' }).text).toMatch(
      /^Ваш код для ўваходу ў кансоль Водгуку: 245813\n/,
    );
    expect(renderMail('staff-sign-in-code', { ...payload, language: 'en' }).text).toMatch(
      /^Your code to sign in to the Otklik console: 245813\n/,
    );
  });
});

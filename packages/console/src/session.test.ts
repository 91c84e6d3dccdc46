import { afterEach, describe, expect, it } from 'vitest';
import { applySession, chooseOrganization, chosenOrganizationId, timeZone } from './session.ts';
import { signInForTest } from './testing/session.ts';

afterEach(() => {
  applySession(null);
  chosenOrganizationId.value = null;
});

describe('the time zone dates are counted in', () => {
  it('is the chosen organisation’s, from the session, not the reader’s', () => {
    signInForTest({
      email: 'analyst@example.org',
      memberships: [
        {
          organizationId: 'kamchatka',
          organizationName: 'Камчатка',
          organizationTimeZone: 'Asia/Kamchatka',
          role: 'analyst',
          subtree: false,
        },
        {
          organizationId: 'minsk',
          organizationName: 'Мінск',
          organizationTimeZone: 'Europe/Minsk',
          role: 'analyst',
          subtree: false,
        },
      ],
    });
    expect(timeZone.value).toBe('Asia/Kamchatka');
    chooseOrganization('minsk');
    expect(timeZone.value).toBe('Europe/Minsk');
  });

  it('falls back to the browser’s when the session does not say', () => {
    signInForTest({ email: 'clerk@example.org', memberships: [['demo-school', 'Школа', 'coordinator']] });
    expect(timeZone.value).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});

import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { AppealSubmission, ApplicantMessageInput, LostLinkRequest } from './intake.ts';
import { OrganizationSearchQuery } from './organizations.ts';
import { StaffQueueQuery } from './staff-appeals.ts';
import { RatingCommentsQuery } from './staff-ratings.ts';
import { isCalendarDate, isPlainText, PLAIN_TEXT_MESSAGE } from './text.ts';

describe('plain text', () => {
  it('refuses NUL and unpaired surrogates, keeps paired ones', () => {
    expect(isPlainText('Привет, мир 👋')).toBe(true);
    expect(isPlainText('a\u0000b')).toBe(false);
    expect(isPlainText('a\uD83Db')).toBe(false);
    expect(isPlainText('\uDC4B')).toBe(false);
    expect(isPlainText('end\uD83D')).toBe(false);
  });

  it('names the field of a text that holds a NUL', () => {
    const result = v.safeParse(ApplicantMessageInput, { text: 'hello\u0000' });
    expect(result.success).toBe(false);
    const issue = result.issues?.[0];
    expect(issue?.message).toBe(PLAIN_TEXT_MESSAGE);
    expect(v.getDotPath(issue!)).toBe('text');
  });

  it('applies to nested names and the lost-link number', () => {
    const lost = v.safeParse(LostLinkRequest, { registrationNumber: '1\u0000', email: 'a@b.example' });
    expect(v.getDotPath(lost.issues![0]!)).toBe('registrationNumber');
    const filing = v.safeParse(AppealSubmission, {
      type: 'complaint',
      language: 'ru',
      applicant: { surname: 'Ив\uD800анов', email: 'a@b.example' },
      text: 'text',
      consent: { version: '1', accepted: true },
      proofOfWork: {
        challenge: 'a'.repeat(64),
        salt: 'saltsalt',
        difficulty: 1,
        expiresAt: 1,
        signature: 'a'.repeat(64),
        number: 1,
      },
    });
    const paths = filing.issues?.map((issue) => v.getDotPath(issue));
    expect(paths).toContain('applicant.surname');
  });

  it('applies to the search words', () => {
    const result = v.safeParse(OrganizationSearchQuery, { q: 'школа\u0000' });
    expect(result.success).toBe(false);
  });
});

describe('calendar dates', () => {
  it('knows which days exist', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-02-30')).toBe(false);
    expect(isCalendarDate('2024-04-31')).toBe(false);
    expect(isCalendarDate('0099-12-31')).toBe(true);
    expect(isCalendarDate('0001-01-01')).toBe(true);
    expect(isCalendarDate('0000-01-01')).toBe(false);
    expect(isCalendarDate('0000-02-29')).toBe(false);
  });

  it('refuses impossible days in the staff filters', () => {
    expect(v.safeParse(StaffQueueQuery, { dueBefore: '2024-02-30' }).success).toBe(false);
    expect(v.safeParse(StaffQueueQuery, { dueBefore: '2024-02-29' }).success).toBe(true);
    expect(v.safeParse(RatingCommentsQuery, { from: '2024-02-30' }).success).toBe(false);
    expect(v.safeParse(RatingCommentsQuery, { to: '2023-02-29' }).success).toBe(false);
  });
});

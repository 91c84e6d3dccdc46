import { describe, expect, it } from 'vitest';
import { monthIn } from './month.ts';

describe('this month on the organisation’s clock', () => {
  it('changes at the organisation’s midnight, not the reader’s', () => {
    // 31 January, 22:30 UTC: 01:30 on 1 February in Moscow, still January in UTC and in New York.
    const now = new Date('2026-01-31T22:30:00Z');
    expect(monthIn(now, 'Europe/Moscow')).toBe('2026-02');
    expect(monthIn(now, 'Asia/Kamchatka')).toBe('2026-02');
    expect(monthIn(now, 'UTC')).toBe('2026-01');
    expect(monthIn(now, 'America/New_York')).toBe('2026-01');
  });

  it('across the new year', () => {
    expect(monthIn(new Date('2026-12-31T21:00:00Z'), 'Europe/Minsk')).toBe('2027-01');
    expect(monthIn(new Date('2026-12-31T20:59:59Z'), 'Europe/Minsk')).toBe('2026-12');
  });
});

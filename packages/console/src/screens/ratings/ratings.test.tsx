import type { RatingAnalytics, RatingSummary, StaffRatingCommentPage } from '@otklik/client/schemas';
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../i18n/language.ts';
import { applySession } from '../../session.ts';
import { signInForTest } from '../../testing/session.ts';
import Ratings from './ratings.tsx';

const SCHOOL = 'Государственное учреждение образования «Средняя школа № 1 г. Минска»';
const GYMNASIUM = 'Гимназия № 2';

const period = (from: string, to: string) => ({
  from,
  to,
  average: null,
  count: 0,
  criteria: { courtesy: null },
  siblings: null,
  sphere: { rank: null, of: 0 },
});
const figures = (average: number | null, count: number, rank: number | null) => ({ average, count, rank });

const analytics: RatingAnalytics = {
  organizationId: 'dept',
  criteriaSet: {
    id: 'by-base',
    name: { ru: 'Базовый' },
    criteria: [{ id: 'courtesy', label: { ru: 'Вежливость' } }],
  },
  period: 'quarter',
  current: period('2027-01-01', '2027-03-31'),
  previous: period('2026-10-01', '2026-12-31'),
  change: { siblings: null, sphere: null },
  trend: [{ month: '2027-01', average: null, count: 0, criteria: { courtesy: null } }],
  subordinates: [
    {
      organizationId: 'school-1',
      name: SCHOOL,
      shortName: 'СШ № 1',
      current: figures(4.5, 2, 1),
      previous: figures(4, 1, 2),
      change: 1,
    },
    {
      organizationId: 'gymnasium-2',
      name: GYMNASIUM,
      shortName: null,
      current: figures(4, 1, 2),
      previous: figures(5, 1, 1),
      change: -1,
    },
  ],
};

const summary: RatingSummary = {
  organizationId: 'dept',
  criteriaSetId: 'by-base',
  average: null,
  count: 0,
  criteria: [],
  distribution: [0, 0, 0, 0, 0],
  siblings: null,
  sphere: { rank: null, of: 0 },
  lastRatedAt: null,
};

const comments: StaffRatingCommentPage = {
  items: [
    {
      ratingId: '0b8f4c1e-3f55-4c36-9f0e-7a1a2b3c4d5e',
      organizationId: 'school-1',
      organizationName: SCHOOL,
      organizationShortName: 'СШ № 1',
      serviceId: 'lessons',
      serviceName: 'Уроки',
      serviceDate: '2027-01-10',
      scores: { courtesy: 5 },
      average: 5,
      comment: 'Спасибо',
      identified: false,
      createdAt: '2027-01-10T09:00:00.000Z',
    },
  ],
  total: 1,
  limit: 20,
  offset: 0,
};

const RESPONSES: Record<string, unknown> = {
  '/v1/organizations/dept/rating/analytics': analytics,
  '/v1/organizations/dept/rating': summary,
  '/v1/staff/organizations/dept/rating-comments': comments,
};

beforeEach(() => {
  setLanguage('ru');
  signInForTest({
    email: 'analyst@dept.example',
    displayName: 'Аналитик',
    memberships: [['dept', 'Управление образования', 'analyst']],
  });
  vi.stubGlobal('fetch', async (input: Request | string, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const path = new URL(request.url, location.href).pathname;
    if (!(path in RESPONSES)) throw new Error(`unexpected call ${path}`);
    return new Response(JSON.stringify(RESPONSES[path]), { headers: { 'Content-Type': 'application/json' } });
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  applySession(null);
});

describe('the rating analytics', () => {
  it('shows a subordinate by its short name where it has one; the full name names its button', async () => {
    render(<Ratings />);
    const table = await screen.findByRole('table', { name: /Подведомственные организации/ });
    const [, school, gymnasium] = within(table).getAllByRole('row') as HTMLElement[];
    // The button that opens the school is named by the full name alone (read once).
    const open = within(school as HTMLElement).getByRole('button', { name: SCHOOL });
    const short = open.querySelector('.org-name-short');
    expect(short?.textContent).toBe('СШ № 1');
    expect(short?.getAttribute('aria-hidden')).toBe('true');
    expect(short?.getAttribute('title')).toBe(SCHOOL);
    expect(open.querySelector('.org-name-full')?.textContent).toBe(SCHOOL);
    // No short name: the full name, once.
    const other = within(gymnasium as HTMLElement).getByRole('button', { name: GYMNASIUM });
    expect(other.textContent).toBe(GYMNASIUM);
    expect(other.querySelector('.org-name-short')).toBeNull();
  });

  it('dates a comment in words, as the rest of the console does', async () => {
    render(<Ratings />);
    const table = await screen.findByRole('table', { name: /Последние комментарии/ });
    const [, row] = within(table).getAllByRole('row') as HTMLElement[];
    expect(within(row as HTMLElement).getAllByRole('cell')[0]?.textContent).toMatch(
      /^10\sянваря\s2027\sг\.$/,
    );
  });

  it('counts the ratings behind the average in the right form of the word', async () => {
    const counts = [1, 3, 5, 21] as const;
    const words = ['1 оценка', '3 оценки', '5 оценок', '21 оценка'];
    for (const [i, count] of counts.entries()) {
      RESPONSES['/v1/organizations/dept/rating/analytics'] = {
        ...analytics,
        current: { ...analytics.current, average: 4.2, count },
      };
      render(<Ratings />);
      expect((await screen.findByText(/^Средняя оценка \d/)).textContent).toBe(
        `Средняя оценка 4,2 (${words[i]})`,
      );
      cleanup();
    }
    RESPONSES['/v1/organizations/dept/rating/analytics'] = analytics;
  });

  it("shows a comment's organisation by its short name too; the full name is the cell's name", async () => {
    render(<Ratings />);
    const table = await screen.findByRole('table', { name: /Последние комментарии/ });
    const [, row] = within(table).getAllByRole('row') as HTMLElement[];
    const cell = within(row as HTMLElement).getByRole('cell', { name: SCHOOL });
    expect(cell.querySelector('.org-name-short')?.textContent).toBe('СШ № 1');
    expect(cell.querySelector('.org-name-full')?.textContent).toBe(SCHOOL);
  });
  it('says which period each panel covers: the chosen one, the compared one, the months, all time', async () => {
    RESPONSES['/v1/organizations/dept/rating'] = { ...summary, count: 8, distribution: [0, 1, 1, 2, 4] };
    const said = () =>
      [...document.querySelectorAll('.ratings-period')].map((p) => p.textContent?.replace(/\s/g, ' '));
    try {
      render(<Ratings />);
      await screen.findByRole('heading', { name: 'Распределение оценок' });
      expect(said()).toEqual([
        'Период: 1 января 2027 г. – 31 марта 2027 г.',
        'Изменение места — по сравнению с периодом 1 октября 2026 г. – 31 декабря 2026 г.',
        'Месяцы: январь 2027 г. – январь 2027 г.',
        'За всё время, а не за выбранный период: 8 оценок',
      ]);
      // Each under its own panel's heading.
      const position = screen.getByRole('heading', { name: 'Позиция' }).closest('section');
      expect(position?.querySelectorAll('.ratings-period')).toHaveLength(2);
      cleanup();
      setLanguage('en');
      render(<Ratings />);
      await screen.findByRole('heading', { name: 'Distribution' });
      expect(said()).toEqual([
        'Period: January 1, 2027 – March 31, 2027',
        'Change of rank compared with October 1, 2026 – December 31, 2026',
        'Months: January 2027 – January 2027',
        'All time, not the chosen period: 8 ratings',
      ]);
      cleanup();
      setLanguage('be');
      render(<Ratings />);
      await screen.findByRole('heading', { name: 'Размеркаванне ацэнак' });
      expect(said()[3]).toBe('За ўвесь час, а не за выбраны перыяд: 8 ацэнак');
    } finally {
      RESPONSES['/v1/organizations/dept/rating'] = summary;
    }
  });
});

import { render, screen, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useScreenTest } from '../../testing/screen.ts';
import Reports from './reports.tsx';

const figures = (received: number) => ({
  from: '2027-01-01',
  to: '2027-01-31',
  received,
  byType: { proposal: 0, application: received, complaint: 0 },
  inProgress: 0,
  considered: { total: 0, supported: 0, supportedMeasuresTaken: 0, notSupported: 0, explained: 0 },
  forwarded: 0,
  leftWithoutAnswer: 0,
  overdue: 0,
});

const SCHOOL = 'Государственное учреждение образования «Средняя школа № 1 г. Минска»';

const report = {
  organizationId: 'dept',
  organizationName: 'Управление образования',
  month: '2027-01',
  from: '2027-01-01',
  to: '2027-01-31',
  timeZone: 'Europe/Minsk',
  includeSubordinates: true,
  total: figures(5),
  extended: 0,
  organizations: [
    { organizationId: 'dept', name: 'Управление образования', shortName: null, parentId: null, depth: 0 },
    { organizationId: 'school-1', name: SCHOOL, shortName: 'СШ № 1', parentId: 'dept', depth: 1 },
  ].map((o, i) => ({ ...o, figures: figures(i + 2), extended: 0 })),
  themes: [],
  generatedAt: '2027-01-20T10:00:00.000Z',
};

useScreenTest({
  email: 'analyst@dept.example',
  displayName: 'Аналитик',
  memberships: [['dept', 'Управление образования', 'analyst']],
});
beforeEach(() => {
  vi.stubGlobal('fetch', async (input: Request | string, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const path = new URL(request.url, location.href).pathname;
    if (path !== '/v1/staff/organizations/dept/appeal-report') throw new Error(`unexpected call ${path}`);
    return new Response(JSON.stringify(report), { headers: { 'Content-Type': 'application/json' } });
  });
});

describe('the monthly report', () => {
  it('shows the short name where the portal gives one; the full name stays, read once by a screen reader', async () => {
    render(<Reports />);
    const table = await screen.findByRole('table', { name: /по организациям/ });
    // One scrolling region named as the table, focusable for the keyboard (not two nested).
    const regions = screen.getAllByRole('region', { name: /по организациям/ });
    expect(regions).toHaveLength(1);
    expect(regions[0]?.tabIndex).toBe(0);
    const [, dept, school] = within(table).getAllByRole('row') as HTMLElement[];
    const schoolName = within(school as HTMLElement).getAllByRole('cell')[0] as HTMLElement;
    const short = schoolName.querySelector('.org-name-short');
    expect(short?.textContent).toBe('СШ № 1');
    expect(short?.getAttribute('aria-hidden')).toBe('true');
    expect(short?.getAttribute('title')).toBe(SCHOOL);
    expect(schoolName.querySelector('.org-name-full')?.textContent).toBe(SCHOOL);
    // Its accessible name is the full name alone.
    expect(within(school as HTMLElement).getByRole('cell', { name: SCHOOL })).toBe(schoolName);
    // No short name: the full name, once.
    const deptName = within(dept as HTMLElement).getAllByRole('cell')[0] as HTMLElement;
    expect(deptName.textContent).toBe('Управление образования');
    expect(deptName.querySelector('.org-name-short')).toBeNull();
  });
});

import type { AppealCounter, AppealStats } from '@otklik/client';
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { AppealCounterBadge } from './appeal-counter.tsx';

/**
 * What assistive technology gets from the badge, queried by role and accessible name the way a
 * screen reader user navigates (the component rendered alone, outside the shadow root).
 */
function stats(from: string, to: string, received: number): AppealStats {
  return {
    from,
    to,
    received,
    byType: { proposal: 1, application: received - 2, complaint: 1 },
    inProgress: 3,
    considered: { total: 4, supported: 1, supportedMeasuresTaken: 1, notSupported: 1, explained: 1 },
    forwarded: 1,
    leftWithoutAnswer: 0,
    overdue: 2,
  };
}

const counter: AppealCounter = {
  organizationId: 'demo-school',
  asOf: '2026-11-22',
  timeZone: 'Europe/Moscow',
  month: stats('2026-11-01', '2026-11-30', 7),
  year: stats('2026-01-01', '2026-12-31', 58),
};

function renderFull(lang: 'ru' | 'en') {
  const host = document.createElement('div');
  const fetch = async () =>
    new Response(JSON.stringify(counter), { headers: { 'content-type': 'application/json' } });
  render(
    <AppealCounterBadge
      options={{ org: 'demo-school', variant: 'full' }}
      lang={lang}
      config={{ portalUrl: 'https://portal.example', fetch }}
      host={host}
    />,
  );
}

afterEach(cleanup);

describe('appeal counter, as assistive technology reads it', () => {
  it('is a captioned table whose rows and columns have headers', async () => {
    renderFull('ru');
    const table = await screen.findByRole('table', { name: /Обращения граждан/ });
    const columns = within(table)
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(columns).toEqual(['Показатель', 'Ноябрь 2026\u00a0г.', '2026 год']);
    const received = within(table).getByRole('row', { name: /Поступило/ });
    expect(within(received).getByRole('rowheader').textContent).toMatch(/Поступило/);
    expect(
      within(received)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['7', '58']);
  });

  it('announces loading without a table, then the figures in English', async () => {
    renderFull('en');
    expect(screen.queryByRole('table')).toBeNull();
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('row', { name: /overdue/i })).toBeTruthy();
  });
});

import { fakePortal, problem } from '@otklik/widget-core/test-portal';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CHALLENGE,
  RATE,
  ratingSettings,
  receipt,
  SERVICES,
  SETTINGS,
  SUMMARY,
  servicePage,
  summary,
} from './rate/test-fixtures.ts';
import { RateWidget } from './rate.tsx';
import { RatingBadge } from './rating.tsx';

/**
 * What assistive technology gets from the rating widgets, queried by role and accessible name the way
 * a screen reader user navigates (the components rendered alone, outside the shadow root). axe-core
 * runs on the same states in Chromium (tests/browser/a11y.test.ts).
 */
const solveChallenge = vi.hoisted(() => vi.fn(async (c: Record<string, unknown>) => ({ ...c, number: 1 })));
vi.mock('@otklik/client', async (original) => ({ ...(await original<object>()), solveChallenge }));

const config = (fetch: typeof globalThis.fetch) => ({ portalUrl: 'https://portal.example', fetch });
const challenge = {
  algorithm: 'SHA-256',
  challenge: 'a'.repeat(64),
  salt: 'salt-salt',
  maxNumber: 10,
  expiresAt: new Date(Date.now() + 600_000).toISOString(),
  signature: 'b'.repeat(64),
};

function renderForm(extra: Record<string, unknown> = {}, settings = ratingSettings()) {
  const portal = fakePortal({
    [SETTINGS]: settings,
    [SERVICES]: servicePage(),
    [CHALLENGE]: challenge,
    ...extra,
  });
  const host = document.createElement('div');
  render(<RateWidget options={{ org: 'demo-school' }} lang="ru" config={config(portal.fetch)} host={host} />);
  return portal;
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('rating form, as assistive technology reads it', () => {
  it('is a named form: a labelled list, a labelled date, one named radio group per criterion', async () => {
    renderForm();
    const form = await screen.findByRole('form', { name: /^Оцените качество услуги\s*:\s*МБОУ СОШ № 1$/ });
    expect(within(form).getByRole('combobox', { name: /Услуга/ })).toBeTruthy();
    expect(within(form).getByLabelText(/Дата получения услуги/)).toBeTruthy();
    const group = within(form).getByRole('group', { name: /Вежливость персонала/ });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => r.getAttribute('name'))).toEqual(Array(5).fill('score-courtesy'));
    expect(within(group).getByRole('radio', { name: '5 — отлично' })).toBeTruthy();
    expect(within(form).getByRole('textbox', { name: 'Комментарий' })).toBeTruthy();
    expect(within(form).getByRole('button', { name: 'Отправить оценку' })).toBeTruthy();
  });

  it('announces errors, describes each field with its error and focuses the first', async () => {
    renderForm();
    const form = await screen.findByRole('form');
    fireEvent.submit(form);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Оценка не отправлена: исправьте 3 ошибки.');
    const service = screen.getByRole('combobox', { name: /Услуга/ });
    expect(service.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(service.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Выберите услугу',
    );
    expect(document.activeElement).toBe(service);
    const group = screen.getByRole('group', { name: /Своевременность/ });
    expect(group.getAttribute('aria-describedby')).toBe('f-score-timeliness-error');
  });

  it('says "already rated" in an alert, then after a rating shows the thanks heading with the focus', async () => {
    renderForm({ [RATE]: [problem(409, 'already-rated'), receipt()] });
    const form = await screen.findByRole('form');
    fireEvent.change(screen.getByRole('combobox', { name: /Услуга/ }), { target: { value: 'service-1' } });
    for (const name of [/Вежливость/, /Своевременность/])
      fireEvent.click(within(screen.getByRole('group', { name })).getByRole('radio', { name: '4 — хорошо' }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    fireEvent.submit(form);
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Вы уже оценили эту услугу сегодня/);
    fireEvent.submit(form);
    const heading = await screen.findByRole('heading', { name: 'Спасибо за оценку!' });
    expect(document.activeElement).toBe(heading);
  });

  it('tells a disabled organisation politely, in a status', async () => {
    renderForm({}, ratingSettings({ enabled: false }));
    expect((await screen.findByRole('status')).textContent).toMatch(/не принимает оценки/);
    expect(screen.queryByRole('form')).toBeNull();
  });
});

describe('rating badge, as assistive technology reads it', () => {
  it('full: captioned tables with row headers; the bars are hidden, their numbers are text', async () => {
    const portal = fakePortal({ [SUMMARY]: summary() });
    render(
      <RatingBadge
        options={{ org: 'demo-school', variant: 'full' }}
        lang="ru"
        config={config(portal.fetch)}
        host={document.createElement('div')}
      />,
    );
    const table = await screen.findByRole('table', { name: /Рейтинг качества услуг/ });
    const overall = within(table).getByRole('row', { name: /Общая оценка/ });
    expect(within(overall).getByRole('rowheader').textContent).toBe('Общая оценка');
    expect(within(overall).getByRole('cell').textContent).toMatch(/4,3 из 5/);
    const distribution = screen.getByRole('table', { name: 'Распределение оценок' });
    expect(
      within(distribution)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['Оценка', 'Число оценок']);
    expect(within(distribution).queryByRole('progressbar')).toBeNull();
    expect(within(distribution).getByRole('row', { name: /^5/ }).textContent).toMatch(/80 \(63 %\)/);
  });

  it('compact: a labelled region', async () => {
    const portal = fakePortal({ [SUMMARY]: summary() });
    render(
      <RatingBadge
        options={{ org: 'demo-school', variant: 'compact' }}
        lang="en"
        config={config(portal.fetch)}
        host={document.createElement('div')}
      />,
    );
    const region = await screen.findByRole('region', { name: 'Service quality rating' });
    await within(region).findByText('4.3 out of 5', { exact: false });
  });
});

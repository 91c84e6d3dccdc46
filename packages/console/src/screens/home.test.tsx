import { render, screen, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import { applySession } from '../session.ts';
import { useScreenTest } from '../testing/screen.ts';
import { signInForTest } from '../testing/session.ts';
import Home from './home.tsx';

useScreenTest();

/** The counts the portal's queue answers with, and the queries the home screen sent. */
let counts = { overdue: 0, dueThisWeek: 0, new: 0, mine: 0, awaitingApproval: 0 };
let queries: URLSearchParams[] = [];
beforeEach(() => {
  queries = [];
  vi.stubGlobal('fetch', async (input: Request | string, init?: RequestInit) => {
    // A request an earlier test's screen gave up (unmounted) fails as the browser fails it.
    if ((input instanceof Request ? input.signal : init?.signal)?.aborted)
      throw new DOMException('The operation was aborted.', 'AbortError');
    const url = new URL(input instanceof Request ? input.url : input, location.href);
    if (url.pathname !== '/v1/staff/organizations/demo-school/appeals')
      throw new Error(`unexpected call ${url.pathname}`);
    queries.push(url.searchParams);
    const page = {
      items: [],
      total: 0,
      limit: 0,
      offset: 0,
      counts,
      topics: [],
      executors: [],
      today: '2030-01-01',
    };
    return new Response(JSON.stringify(page), { headers: { 'Content-Type': 'application/json' } });
  });
});

/** The figures as the home screen lists them: each link's text and where it leads. */
async function figures(title = 'Что ждёт ответа') {
  const section = (await screen.findByRole('heading', { name: title })).closest('section') as HTMLElement;
  await within(section).findByRole('list');
  return within(section)
    .getAllByRole('link')
    .map((a) => [a.textContent, a.getAttribute('href')]);
}

describe('the home screen', () => {
  it('signed out, offers only the way in: no section cards that would each ask to sign in', () => {
    applySession(null);
    render(<Home />);
    expect(screen.getByRole('heading', { name: 'Вход для сотрудников' })).toBeTruthy();
    expect(screen.getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Перейти ко входу', '/console/sign-in'],
    ]);
    expect(screen.queryByRole('heading', { name: 'Разделы' })).toBeNull();
  });

  it('signed in, the sections the person’s roles open, and no invitation to sign in', () => {
    signInForTest({ email: 'analyst@school.example', memberships: [['demo-school', 'Школа', 'analyst']] });
    render(<Home />);
    expect(screen.queryByRole('heading', { name: 'Вход для сотрудников' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Разделы' })).toBeTruthy();
    const sections = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(sections).toContain('Отчёты');
    expect(sections).not.toContain('Администрирование');
  });

  it('the queue card says what the queue shows to the person’s roles', () => {
    const card = () =>
      screen.getByRole('link', { name: 'Очередь' }).closest('li')?.querySelector('p')?.textContent;
    signInForTest({ email: 'clerk@school.example', memberships: [['demo-school', 'Школа', 'coordinator']] });
    const { unmount } = render(<Home />);
    expect(card()).toBe('Все обращения организации со сроками ответа: новые, на этой неделе, просроченные.');
    unmount();
    signInForTest({
      email: 'head@school.example',
      memberships: [
        ['demo-school', 'Школа', 'executor'],
        ['demo-school', 'Школа', 'approver'],
      ],
    });
    render(<Home />);
    expect(card()).toContain('Все обращения организации');
    expect(card()).toContain('Назначенные вам — на вкладке «Мои».');
    expect(card()).toContain('на вкладке «Ждут моего согласования»');
  });

  it('counts what is due for a coordinator, each figure a link to exactly those appeals in the queue', async () => {
    counts = { overdue: 3, dueThisWeek: 5, new: 1, mine: 0, awaitingApproval: 2 };
    signInForTest({ email: 'clerk@school.example', memberships: [['demo-school', 'Школа', 'coordinator']] });
    render(<Home />);
    expect(await figures()).toEqual([
      ['3 обращения просрочены', '/console/queue?tab=overdue'],
      ['5 обращений со сроком в ближайшие 7 дней', '/console/queue?tab=week'],
      ['1 новое обращение ждёт рассмотрения', '/console/queue?tab=new'],
    ]);
    // The counts alone: a page of no appeals.
    expect(queries.map((q) => q.get('limit'))).toEqual(['0']);
    expect(screen.queryByRole('table')).toBeNull();
    // Late appeals stand out (the words say it too); a zero does not.
    expect(screen.getByRole('link', { name: '3 обращения просрочены' }).className).toContain(
      'due-figure--alert',
    );
  });

  it('counts an executor’s and an approver’s own work, with plurals in each language', async () => {
    counts = { overdue: 0, dueThisWeek: 21, new: 4, mine: 1, awaitingApproval: 22 };
    signInForTest({
      email: 'head@school.example',
      memberships: [
        ['demo-school', 'Школа', 'executor'],
        ['demo-school', 'Школа', 'approver'],
      ],
    });
    const { unmount } = render(<Home />);
    expect(await figures()).toEqual([
      ['0 обращений просрочено', '/console/queue?tab=overdue'],
      ['21 обращение со сроком в ближайшие 7 дней', '/console/queue?tab=week'],
      ['1 обращение поручено вам', '/console/queue?tab=mine'],
      ['22 ответа ждут вашего согласования', '/console/queue?tab=awaiting'],
    ]);
    expect(screen.getByRole('link', { name: '0 обращений просрочено' }).className).not.toContain('alert');
    unmount();
    setLanguage('be');
    const be = render(<Home />);
    expect((await figures('Што чакае адказу')).map(([text]) => text)).toEqual([
      '0 зваротаў пратэрмінавана',
      '21 зварот з тэрмінам у бліжэйшыя 7 дзён',
      '1 зварот даручаны вам',
      '22 адказы чакаюць вашага ўзгаднення',
    ]);
    be.unmount();
    setLanguage('en');
    render(<Home />);
    expect((await figures('What is due')).map(([text]) => text)).toEqual([
      '0 appeals overdue',
      '21 appeals due within 7 days',
      '1 appeal assigned to you',
      '22 answers awaiting your approval',
    ]);
  });

  it('shows an analyst no appeal figures and asks the portal for no appeals', async () => {
    signInForTest({ email: 'analyst@school.example', memberships: [['demo-school', 'Школа', 'analyst']] });
    render(<Home />);
    expect(screen.getByRole('heading', { name: 'Разделы' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Что ждёт ответа' })).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(queries).toEqual([]);
  });
});

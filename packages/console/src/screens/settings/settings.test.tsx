import { createClient } from '@otklik/client';
import type { OrganizationSettings, OriginCheckReport, StaffTopic } from '@otklik/client/schemas';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso/router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { optionsOf, widgetNames } from '../../../../../widgets.registry.ts';
import { setLanguage } from '../../i18n/language.ts';
import { htmlSnippet, joomlaShortcode, previewUrl, wordpressShortcode } from './embed.ts';
import { embedOptionMessages } from './embed-options.messages.ts';
import SettingsScreen from './settings.tsx';
import { staffClient } from './staff-client.ts';

const ORG = 'demo-by';

function settings(): OrganizationSettings {
  return {
    organizationId: ORG,
    name: 'ТЦСОН Демо района',
    shortName: null,
    country: 'BY',
    contacts: { email: null, phone: null, address: 'г. Демо', website: null },
    jurisdiction: 'by-300z',
    languages: ['be', 'ru'],
    timeZone: 'Europe/Minsk',
    allowedOrigins: ['https://tcson.example'],
    consentVersion: '2',
    appeals: {
      mode: 'form',
      identity: { emailCode: true, oidcProviders: [] },
      attachments: { maxFiles: 5, maxFileBytes: 10 * 1024 * 1024, mediaTypes: ['application/pdf'] },
    },
    portal: {
      oidcProviders: [],
      attachments: {
        maxFiles: 5,
        maxFileBytes: 10 * 1024 * 1024,
        mediaTypes: ['application/pdf', 'image/png'],
      },
    },
  };
}

interface Call {
  method: string;
  path: string;
  body: unknown;
  auth: string | null;
}

/** A small portal in memory: what the screens send, and canned answers. */
function fakePortal() {
  const calls: Call[] = [];
  const state = {
    settings: settings(),
    topics: [] as StaffTopic[],
    codes: { meals: null } as Record<string, string | null>,
  };
  const classifier = [
    { code: '0002.0013.0000.0000', level: 2, title: 'Образование. Наука. Культура' },
    { code: '0002.0013.0141.0812', level: 4, title: 'Организация питания' },
  ];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const text = request.method === 'GET' || request.method === 'DELETE' ? '' : await request.text();
    const body = text ? JSON.parse(text) : undefined;
    calls.push({
      method: request.method,
      path: url.pathname,
      body,
      auth: request.headers.get('Authorization'),
    });
    const base = `/v1/staff/organizations/${ORG}`;
    const route = `${request.method} ${url.pathname.replace(base, '')}`;
    if (route === 'GET /settings') return json(state.settings);
    if (route === 'PATCH /settings') {
      if (body.timeZone === 'Europe/Nowhere') {
        return json(
          {
            type: 'about:blank',
            title: 'Invalid body',
            status: 422,
            code: 'validation-failed',
            issues: [{ path: 'body.timeZone', message: 'Expected an IANA time zone such as Europe/Minsk' }],
          },
          422,
        );
      }
      state.settings = { ...state.settings, name: body.name, timeZone: body.timeZone };
      return json({});
    }
    if (route === 'GET /topics') return json({ topics: state.topics });
    if (route === 'PUT /topic-order') {
      const ids = body.ids as string[];
      state.topics = ids.map((id, position) => ({
        ...(state.topics.find((x) => x.id === id) as StaffTopic),
        position,
      }));
      return json({ topics: state.topics });
    }
    if (route === 'GET /topic-codes')
      return json({
        items: Object.entries(state.codes).map(([topicId, code]) => ({
          topicId,
          name: url.searchParams.get('language') === 'ru' ? 'Питание' : 'Харчаванне',
          archived: false,
          code,
          title: classifier.find((c) => c.code === code)?.title ?? null,
        })),
        classifierSize: classifier.length,
      });
    if (request.method === 'PUT' && url.pathname.startsWith(`${base}/topic-codes/`)) {
      const topicId = url.pathname.split('/').pop() ?? '';
      state.codes[topicId] = body.code;
      return json({ topicId, code: body.code });
    }
    if (route === 'GET /v1/staff/appeal-classifier') {
      const q = url.searchParams.get('q') ?? '';
      const items = classifier.filter((c) => c.code.includes(q) || c.title.toLowerCase().includes(q));
      return json({ items, total: items.length, limit: 20, offset: 0 });
    }
    if (request.method === 'PUT' && url.pathname.startsWith(`${base}/topics/`)) {
      const topic: StaffTopic = {
        id: decodeURIComponent(url.pathname.split('/').pop() ?? ''),
        names: body.names,
        archived: body.archived ?? false,
        position: state.topics.length,
      };
      state.topics = [...state.topics.filter((x) => x.id !== topic.id), topic];
      return json(topic);
    }
    if (route === 'POST /origins') {
      state.settings = { ...state.settings, allowedOrigins: [...state.settings.allowedOrigins, body.origin] };
      return json({ allowedOrigins: state.settings.allowedOrigins });
    }
    if (route === 'POST /site-check') {
      const report: OriginCheckReport = {
        pageUrl: body.pageUrl,
        origin: new URL(body.pageUrl).origin,
        ready: false,
        httpStatus: 200,
        items: [
          { id: 'origin-allowed', status: 'ok', advice: null, code: null, hint: null },
          { id: 'page-reachable', status: 'ok', advice: null, code: null, hint: null },
          {
            id: 'loader-script',
            status: 'missing',
            advice: 'add-loader-script',
            code: '<script src="https://portal/otklik.js" defer></script>',
            hint: 'Add <script src="https://portal/otklik.js" defer></script> to the page',
          },
          { id: 'mount-div', status: 'ok', advice: null, code: null, hint: null },
          {
            id: 'csp',
            status: 'missing',
            advice: 'allow-portal-in-csp',
            code: 'script-src https://portal; connect-src https://portal',
            hint: 'Add https://portal to the Content-Security-Policy directives script-src, connect-src',
          },
        ],
      };
      return json(report);
    }
    return json({ type: 'about:blank', title: 'Not found', status: 404, code: 'not-found' }, 404);
  };
  return { calls, state, fetch: fetch as typeof globalThis.fetch };
}

let portal: ReturnType<typeof fakePortal>;

beforeEach(() => {
  setLanguage('ru');
  portal = fakePortal();
  staffClient.value = null;
});
afterEach(cleanup);

function open(url: string, withClient = true) {
  if (withClient) {
    staffClient.value = createClient({
      baseUrl: 'http://portal.test',
      apiKey: 'otk_test',
      fetch: portal.fetch,
      retries: 0,
    });
  }
  history.replaceState(null, '', url);
  render(
    <LocationProvider scope="/console">
      <SettingsScreen />
    </LocationProvider>,
  );
}

describe('the settings screen', () => {
  it('without a session asks for the organisation and an API key, then opens its tabs', async () => {
    open('/console/settings', false);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Настройки');
    fireEvent.input(screen.getByRole('textbox', { name: /Код организации/ }), {
      target: { value: 'Bad Id' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Открыть настройки' }));
    await waitFor(() => expect(screen.getByText('Проверьте, как записано значение')).toBeTruthy());
    expect(staffClient.value).toBeNull();
  });

  it('shows one tab per concern, keyboard-operable, and the organisation form', async () => {
    open(`/console/settings/${ORG}/organization`);
    const tabs = within(screen.getByRole('tablist', { name: 'Разделы настроек' })).getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual([
      'Организация',
      'Сайты',
      'Согласие',
      'Темы',
      'Коды классификатора',
      'Подтверждение личности',
      'Вложения',
      'Оценки',
      'Код для сайта',
    ]);
    expect(tabs[0]?.getAttribute('aria-selected')).toBe('true');
    const name = (await screen.findByRole('textbox', { name: /Полное наименование/ })) as HTMLInputElement;
    expect(name.value).toBe('ТЦСОН Демо района');
    expect(portal.calls[0]).toMatchObject({ method: 'GET', auth: 'Bearer otk_test' });
  });

  it('offers the country’s time zones by city and offset, in the reader’s language', async () => {
    open(`/console/settings/${ORG}/organization`);
    const zone = (await screen.findByRole('combobox', { name: /Часовой пояс/ })) as HTMLSelectElement;
    expect(zone.value).toBe('Europe/Minsk');
    expect([...zone.options].map((o) => o.text)).toEqual(['Минск (UTC+3)']);
    cleanup();
    setLanguage('be');
    portal.state.settings = { ...settings(), country: 'RU', timeZone: 'Asia/Omsk' };
    open(`/console/settings/${ORG}/organization`);
    const ru = (await screen.findByRole('combobox', { name: /Часавы пояс/ })) as HTMLSelectElement;
    expect([...ru.options].map((o) => o.text)).toEqual([
      'Калінінград (UTC+2)',
      'Масква (UTC+3)',
      'Самара (UTC+4)',
      'Екацярынбург (UTC+5)',
      'Омск (UTC+6)',
      'Краснаярск (UTC+7)',
      'Іркуцк (UTC+8)',
      'Якуцк (UTC+9)',
      'Уладзівасток (UTC+10)',
      'Магадан (UTC+11)',
      'Камчатка (UTC+12)',
    ]);
    expect(ru.selectedOptions[0]?.text).toBe('Омск (UTC+6)');
  });

  it('keeps a time zone held already that is not in the list, and sends the one chosen', async () => {
    portal.state.settings = { ...settings(), country: 'RU', timeZone: 'Asia/Tomsk' };
    open(`/console/settings/${ORG}/organization`);
    const zone = (await screen.findByRole('combobox', { name: /Часовой пояс/ })) as HTMLSelectElement;
    expect(zone.value).toBe('Asia/Tomsk');
    expect(zone.selectedOptions[0]?.text).toBe('Asia/Tomsk (UTC+7)');
    fireEvent.input(screen.getByRole('textbox', { name: /Полное наименование/ }), {
      target: { value: 'ТЦСОН' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(portal.calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(portal.calls.find((c) => c.method === 'PATCH')?.body).toMatchObject({
      name: 'ТЦСОН',
      shortName: null,
      contacts: { email: null, phone: null, address: 'г. Демо', website: null },
      jurisdiction: 'by-300z',
      languages: ['be', 'ru'],
      timeZone: 'Asia/Tomsk',
    });
    fireEvent.change(zone, { target: { value: 'Asia/Krasnoyarsk' } });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(portal.calls.filter((c) => c.method === 'PATCH')).toHaveLength(2));
    expect(portal.calls.filter((c) => c.method === 'PATCH')[1]?.body).toMatchObject({
      timeZone: 'Asia/Krasnoyarsk',
    });
  });

  it('shows the portal’s refusal of the time zone beside the field', async () => {
    portal.state.settings = { ...settings(), timeZone: 'Europe/Nowhere' };
    open(`/console/settings/${ORG}/organization`);
    const zone = (await screen.findByRole('combobox', { name: /Часовой пояс/ })) as HTMLSelectElement;
    // A name the browser does not know is shown as it is, without an offset.
    expect(zone.selectedOptions[0]?.text).toBe('Europe/Nowhere');
    fireEvent.change(zone, { target: { value: 'Europe/Minsk' } });
    fireEvent.change(zone, { target: { value: 'Europe/Nowhere' } });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(zone.getAttribute('aria-invalid')).toBe('true'));
  });

  it('adds a topic by its names alone: the code is made from the first one, not shown', async () => {
    open(`/console/settings/${ORG}/topics`);
    await screen.findByText('Тем пока нет: граждане не выбирают тему.');
    // The code waits folded away, optional; the names come first.
    const advanced = screen.getByText('Код темы (необязательно)').closest('details') as HTMLDetailsElement;
    expect(advanced.open).toBe(false);
    const be = screen.getByRole('textbox', { name: /Название \(Беларуская\)/ });
    fireEvent.input(be, { target: { value: 'Харчаванне' } });
    fireEvent.input(screen.getByRole('textbox', { name: /Название \(Русский\)/ }), {
      target: { value: 'Питание' },
    });
    expect(advanced.textContent).toContain('Составляется из названия: kharchavanne.');
    fireEvent.click(screen.getByRole('button', { name: 'Добавить тему' }));
    await waitFor(() => expect(portal.state.topics).toHaveLength(1));
    expect(portal.calls.find((c) => c.method === 'PUT')).toMatchObject({
      path: `/v1/staff/organizations/${ORG}/topics/kharchavanne`,
      body: { names: { be: 'Харчаванне', ru: 'Питание' } },
    });
    // Listed by its name in the console's language, the code nowhere in sight.
    expect(await screen.findByText('Питание', { selector: 'strong' })).toBeTruthy();
    expect(screen.queryByText('kharchavanne')).toBeNull();

    // A second topic of the same name gets a code of its own.
    fireEvent.input(
      screen.getAllByRole('textbox', { name: /Название \(Беларуская\)/ }).at(-1) as HTMLElement,
      {
        target: { value: 'Харчаванне' },
      },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Добавить тему' }));
    await waitFor(() => expect(portal.state.topics.map((x) => x.id)).toContain('kharchavanne-2'));
  });

  it('asks for a code only when the name gives none, and takes one typed by hand', async () => {
    open(`/console/settings/${ORG}/topics`);
    await screen.findByText('Тем пока нет: граждане не выбирают тему.');
    // Folded while no name is typed (jsdom does not hide a closed <details>, so ask where it is).
    expect(screen.getByRole('textbox', { name: /^Код темы/ }).closest('details')?.open).toBe(false);
    fireEvent.input(screen.getByRole('textbox', { name: /Название \(Беларуская\)/ }), {
      target: { value: '№ —' },
    });
    const code = screen.getByRole('textbox', { name: /^Код темы/ });
    expect(code.closest('details')).toBeNull();
    expect(code.getAttribute('aria-required') ?? String((code as HTMLInputElement).required)).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Добавить тему' }));
    await waitFor(() => expect(code.getAttribute('aria-invalid')).toBe('true'));
    expect(portal.calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
    fireEvent.input(code, { target: { value: 'meals' } });
    fireEvent.click(screen.getByRole('button', { name: 'Добавить тему' }));
    await waitFor(() => expect(portal.state.topics.map((x) => x.id)).toEqual(['meals']));
  });

  it('moves a topic with buttons that say where and name the topic to assistive technology', async () => {
    portal.state.topics = [
      { id: 'meals', names: { be: 'Харчаванне', ru: 'Питание' }, archived: false, position: 0 },
      {
        id: 'education',
        names: { be: 'Навучанне', ru: 'Организация обучения' },
        archived: false,
        position: 1,
      },
    ];
    open(`/console/settings/${ORG}/topics`);
    const down = await screen.findByRole('button', { name: 'Переместить «Питание» ниже' });
    expect(down.textContent).toBe('↓ Ниже');
    const up = screen.getByRole('button', { name: 'Переместить «Организация обучения» выше' });
    expect(up.textContent).toBe('↑ Выше');
    // The first cannot go up, the last cannot go down.
    expect(screen.queryByRole('button', { name: 'Переместить «Питание» выше' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Переместить «Организация обучения» ниже' })).toBeNull();
    expect(screen.queryByText('education')).toBeNull();
    fireEvent.click(down);
    await waitFor(() => expect(portal.state.topics.map((x) => x.id)).toEqual(['education', 'meals']));
    expect(portal.calls.find((c) => c.path.endsWith('/topic-order'))?.body).toEqual({
      ids: ['education', 'meals'],
    });
  });

  it('adds a topic with a code typed in the folded field', async () => {
    open(`/console/settings/${ORG}/topics`);
    await screen.findByText('Тем пока нет: граждане не выбирают тему.');
    fireEvent.input(screen.getByRole('textbox', { name: /Код темы/, hidden: true }), {
      target: { value: 'meals' },
    });
    const be = screen.getByRole('textbox', { name: /Название \(Беларуская\)/ });
    expect(be.getAttribute('lang')).toBe('be');
    fireEvent.input(be, { target: { value: 'Харчаванне' } });
    fireEvent.input(screen.getByRole('textbox', { name: /Название \(Русский\)/ }), {
      target: { value: 'Питание' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Добавить тему' }));
    await waitFor(() => expect(portal.state.topics).toHaveLength(1));
    expect(portal.calls.find((c) => c.method === 'PUT')).toMatchObject({
      path: `/v1/staff/organizations/${ORG}/topics/meals`,
      body: { names: { be: 'Харчаванне', ru: 'Питание' } },
    });
    expect(await screen.findByText('Питание', { selector: 'strong' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'В архив' })).toBeTruthy();
  });

  it('maps a topic to a code found in the classifier, named in the console’s language', async () => {
    open(`/console/settings/${ORG}/classifier`);
    expect(await screen.findByText('Питание')).toBeTruthy();
    expect(screen.getByText('код не указан')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Выбрать код для темы «Питание»' }));
    const dialog = await screen.findByRole('dialog', { name: 'Код для темы «Питание»' });
    const search = within(dialog).getByRole('searchbox', { name: /Код или слова из названия/ });
    // The list follows what is typed, by words of the title: no button to press, no code to know.
    fireEvent.input(search, { target: { value: 'питани' } });
    const pick = await within(dialog).findByRole('button', { name: 'Выбрать 0002.0013.0141.0812' });
    expect(pick.closest('li')?.textContent).toContain('Организация питания');
    expect(within(dialog).queryByRole('button', { name: 'Выбрать 0002.0013.0000.0000' })).toBeNull();
    const searches = () => portal.calls.filter((c) => c.path === '/v1/staff/appeal-classifier').length;
    expect(searches()).toBe(1);
    // Enter (the form's submit) searches at once too.
    fireEvent.input(search, { target: { value: 'образование' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Найти' }));
    await within(dialog).findByRole('button', { name: 'Выбрать 0002.0013.0000.0000' });
    fireEvent.input(search, { target: { value: 'питани' } });
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Выбрать 0002.0013.0141.0812' }));
    await waitFor(() => expect(screen.getByText('0002.0013.0141.0812')).toBeTruthy());
    expect(portal.calls.find((c) => c.method === 'PUT')).toMatchObject({
      path: `/v1/staff/organizations/${ORG}/topic-codes/meals`,
      body: { code: '0002.0013.0141.0812' },
    });
    expect(portal.calls.find((c) => c.path.endsWith('/topic-codes'))).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Убрать код для темы «Питание»' }));
    await waitFor(() => expect(screen.getByText('код не указан')).toBeTruthy());
    expect(portal.state.codes.meals).toBeNull();
  });

  it('takes a site’s address as the address bar gives it, and says what a wrong one lacks', async () => {
    open(`/console/settings/${ORG}/sites`);
    const field = await screen.findByRole('textbox', { name: /Адрес сайта/ });
    fireEvent.input(field, { target: { value: 'school1.example.ru' } });
    fireEvent.click(screen.getByRole('button', { name: 'Добавить сайт' }));
    expect(
      await screen.findByText(
        'Введите адрес с https:// и без пути после домена, например https://school.example.ru',
      ),
    ).toBeTruthy();
    expect(portal.calls.some((c) => c.path.endsWith('/origins'))).toBe(false);
    // Copied from the address bar: the trailing slash goes, the origin is sent.
    fireEvent.input(field, { target: { value: ' https://School1.example.ru/ ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Добавить сайт' }));
    expect(await screen.findByText('https://school1.example.ru')).toBeTruthy();
    expect(portal.calls.find((c) => c.path.endsWith('/origins'))?.body).toEqual({
      origin: 'https://school1.example.ru',
    });
  });

  it('runs the live check of a page and lists what it still needs', async () => {
    open(`/console/settings/${ORG}/sites`);
    expect(await screen.findByText('https://tcson.example')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Удалить https://tcson.example' })).toBeTruthy();
    fireEvent.input(screen.getByRole('textbox', { name: /Адрес страницы/ }), {
      target: { value: 'https://tcson.example/zvaroty' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Проверить' }));
    expect(await screen.findByText('Странице ещё кое-что нужно:')).toBeTruthy();
    const loader = screen.getByText(/Скрипт Отклика подключён/);
    expect(loader.textContent).toContain('нет');
    // What to do, in Russian, with the exact code to add; the portal's English hint is not shown.
    expect(loader.textContent).toContain('Добавьте на страницу скрипт Отклика:');
    expect(loader.querySelector('code')?.textContent).toBe(
      '<script src="https://portal/otklik.js" defer></script>',
    );
    const csp = screen.getByText(/Политика безопасности \(CSP\) пропускает портал/);
    expect(csp.textContent).toContain('Попросите разработчика сайта добавить:');
    expect(csp.querySelector('code')?.textContent).toBe(
      'script-src https://portal; connect-src https://portal',
    );
    const check = screen.getByText('Странице ещё кое-что нужно:').closest('.settings-check');
    expect(check?.textContent).not.toMatch(/\bAdd\b|to the page|directives/);
  });

  it('the embed builder writes the HTML, the Joomla and the WordPress code of the chosen widget', async () => {
    // (happy-dom does not load frames and logs that it did not: the preview is checked in Chromium.)
    open(`/console/settings/${ORG}/embed`);
    // The tab's module loads when the tab is first shown.
    fireEvent.change(await screen.findByRole('combobox', { name: 'Виджет' }), {
      target: { value: 'appeal-counter' },
    });
    // The options in words, never the attribute's own name ("variant", "contrast") in a Russian screen.
    const variant = await screen.findByRole('combobox', { name: 'Вид' });
    expect([...(variant as HTMLSelectElement).options].map((o) => o.text)).toEqual([
      '—',
      'компактный',
      'подробный',
    ]);
    expect(screen.getByRole('combobox', { name: 'Контрастность' }).textContent).toContain('высокая');
    expect(screen.getByRole('button', { name: 'Копировать: скрипт Отклика' })).toBeTruthy();
    fireEvent.change(variant, { target: { value: 'full' } });
    await waitFor(() =>
      expect(
        screen.getByText('<div data-otklik="appeal-counter" data-org="demo-by" data-variant="full"></div>'),
      ).toBeTruthy(),
    );
    expect(screen.getByText('{otklik appeal-counter org=demo-by variant=full}')).toBeTruthy();
    expect(screen.getByText('[otklik type="appeal-counter" org="demo-by" variant="full"]')).toBeTruthy();
    expect(screen.getByTitle('Так виджет выглядит на странице').getAttribute('src')).toBe(
      '/embed-preview?widget=appeal-counter&org=demo-by&variant=full',
    );
  });
});

describe('the embed builder’s words', () => {
  it('name every option of every widget, and each value, in every language', () => {
    const keys = widgetNames.flatMap((name) =>
      optionsOf(name)
        .filter(([option]) => option !== 'lang')
        .flatMap(([option, spec]) => [
          option,
          ...('values' in spec ? spec.values.map((value) => `${option}.${value}`) : []),
        ]),
    );
    for (const language of ['ru', 'be', 'en'] as const)
      expect(keys.filter((key) => !(key in embedOptionMessages[language]))).toEqual([]);
  });
});

describe('the embed snippets', () => {
  const embed = {
    widget: 'org-search',
    org: null,
    options: [
      ['country', 'by'],
      ['tiles-attribution', '© OpenStreetMap "x"'],
      ['lang', ''],
    ] as [string, string][],
  };
  it('escape what needs escaping in each syntax', () => {
    expect(htmlSnippet(embed)).toBe(
      '<div data-otklik="org-search" data-country="by" data-tiles-attribution="© OpenStreetMap &quot;x&quot;"></div>',
    );
    expect(joomlaShortcode(embed)).toBe(
      '{otklik org-search country=by tiles-attribution="© OpenStreetMap &quot;x&quot;"}',
    );
    expect(wordpressShortcode(embed)).toBe(
      '[otklik type="org-search" country="by" tiles-attribution="© OpenStreetMap &quot;x&quot;"]',
    );
    expect(previewUrl(embed)).toBe(
      '/embed-preview?widget=org-search&country=by&tiles-attribution=%C2%A9+OpenStreetMap+%22x%22',
    );
  });
});

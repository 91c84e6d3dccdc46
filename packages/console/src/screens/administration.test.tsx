import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { applySession } from '../session.ts';
import { useScreenTest } from '../testing/screen.ts';
import Administration from './administration.tsx';

const PORTAL_ADMINISTRATOR = {
  person: {
    id: '22222222-2222-4222-8222-222222222222',
    email: 'portal-admin@example.ru',
    displayName: 'Региональный администратор',
    totpEnabled: false,
  },
  portalAdministrator: true,
  memberships: [],
  permissions: {},
  csrfToken: 'c'.repeat(64),
  expiresAt: '2030-01-01T00:00:00.000Z',
};

const organization = (id: string, name: string, parentId: string | null) => ({
  id,
  name,
  parentId,
  country: 'RU',
  jurisdiction: 'ru-59fz',
  administrators: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** The portal's spheres: names in each language, categories per sphere. */
const SPHERES = {
  items: [
    {
      id: 'education',
      name: { ru: 'Образование', be: 'Адукацыя', en: 'Education' },
      count: 2,
      categories: [
        { id: 'school', name: { ru: 'Школа', be: 'Школа', en: 'School' }, count: 1 },
        { id: 'department', name: { ru: 'Отдел образования', en: 'Education department' }, count: 1 },
      ],
    },
    {
      id: 'health',
      name: { ru: 'Здравоохранение', be: 'Ахова здароўя', en: 'Health' },
      count: 0,
      categories: [{ id: 'clinic', name: { ru: 'Поликлиника', be: 'Паліклініка', en: 'Clinic' }, count: 0 }],
    },
  ],
};
const created: unknown[] = [];

useScreenTest();
beforeEach(() => {
  applySession(PORTAL_ADMINISTRATOR);
  created.length = 0;
  vi.stubGlobal('fetch', async (input: Request | string, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(input, location.href), init);
    const path = new URL(request.url, location.href).pathname;
    if (path === '/v1/spheres') return json(SPHERES);
    if (path !== '/v1/staff/portal/organizations') throw new Error(`unexpected call ${path}`);
    if (request.method === 'POST') {
      const body = (await request.clone().json()) as { id: string; name: string };
      created.push(body);
      return json({ ...organization(body.id, body.name, null), administrators: 0 }, 201);
    }
    return json({
      items: [
        organization('demo-school', 'Школа № 1', 'demo-edu-dept'),
        organization('demo-edu-dept', 'Управление образования', null),
      ],
      total: 2,
    });
  });
});

describe('the administration screen speaks in names, not ids', () => {
  it('the list names the parent organisation; the forms choose organisations and laws by name', async () => {
    render(<Administration />);
    const table = await screen.findByRole('table', { name: 'Организации портала' });
    const school = within(table).getByText('Школа № 1').closest('tr');
    expect(school?.textContent).toContain('Управление образования');

    const parent = screen.getByRole('combobox', { name: 'Вышестоящая организация' }) as HTMLSelectElement;
    await waitFor(() => expect(parent.options.length).toBe(3));
    expect([...parent.options].map((o) => o.text)).toEqual([
      'Нет (организация верхнего уровня)',
      'Управление образования',
      'Школа № 1',
    ]);
    const law = screen.getByRole('combobox', { name: /Правовой профиль обращений/ }) as HTMLSelectElement;
    // Named as the settings name them, short enough for a select at 375 px.
    expect([...law.options].map((o) => o.text)).toEqual([
      'Россия, 59-ФЗ',
      'Беларусь, Закон № 300-З',
      'Общий (без требований закона)',
    ]);
    const invite = screen.getByRole('combobox', { name: /^Организация/ }) as HTMLSelectElement;
    expect([...invite.options].map((o) => o.value)).toEqual(['', 'demo-edu-dept', 'demo-school']);
  });

  it('makes the identifier from the name, unique, until the person types one of their own', async () => {
    render(<Administration />);
    await screen.findByRole('table', { name: 'Организации портала' });
    const name = screen.getByRole('textbox', { name: /^Название/ });
    const id = screen.getByRole('textbox', { name: /^Идентификатор/ }) as HTMLInputElement;
    fireEvent.input(name, { target: { value: 'Школа № 7' } });
    expect(id.value).toBe('shkola-7');
    fireEvent.input(name, { target: { value: 'Управление образования' } });
    expect(id.value).toBe('upravlenie-obrazovaniia');
    fireEvent.input(id, { target: { value: 'school-7' } });
    fireEvent.input(name, { target: { value: 'Школа № 7 имени Пушкина' } });
    expect(id.value).toBe('school-7');
    fireEvent.click(screen.getByRole('button', { name: 'Создать организацию' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatchObject({ id: 'school-7', name: 'Школа № 7 имени Пушкина' });
  });

  it('does not make an identifier the portal lists already', async () => {
    render(<Administration />);
    await screen.findByRole('table', { name: 'Организации портала' });
    fireEvent.input(screen.getByRole('textbox', { name: /^Название/ }), { target: { value: 'Demo school' } });
    expect((screen.getByRole('textbox', { name: /^Идентификатор/ }) as HTMLInputElement).value).toBe(
      'demo-school-2',
    );
  });

  it('explains each column of the import file in words beside its name in the file', async () => {
    render(<Administration />);
    const heading = await screen.findByRole('heading', { name: 'Столбцы файла' });
    const list = heading.nextElementSibling as HTMLElement;
    const columns = [...list.querySelectorAll('dt')].map((dt) => dt.textContent);
    expect(columns).toEqual([
      'id',
      'name',
      'short_name',
      'country',
      'jurisdiction',
      'parent_id',
      'sphere',
      'category',
      'time_zone',
      'contact_email',
      'site_origin',
    ]);
    const meaning = (column: string) =>
      [...list.querySelectorAll('dt')].find((dt) => dt.textContent === column)?.nextElementSibling
        ?.textContent;
    expect(meaning('short_name')).toBe('Краткое название');
    expect(meaning('country')).toBe('Страна: RU — Россия, BY — Беларусь (обязательно)');
    expect(meaning('parent_id')).toContain('вышестоящей организации');
  });

  it('chooses the sphere, the kind and the time zone by name, and sends their keys', async () => {
    render(<Administration />);
    const sphere = (await screen.findByRole('combobox', { name: /^Сфера/ })) as HTMLSelectElement;
    await waitFor(() => expect(sphere.options.length).toBe(3));
    const texts = (select: HTMLSelectElement) => [...select.options].map((o) => o.text);
    expect(texts(sphere)).toEqual(['Образование', 'Здравоохранение', 'Другая сфера (ввести ключ)…']);
    const kind = screen.getByRole('combobox', { name: /^Вид организации/ }) as HTMLSelectElement;
    expect(texts(kind)).toEqual(['Школа', 'Отдел образования', 'Другой вид (ввести ключ)…']);
    expect(kind.value).toBe('school');
    fireEvent.change(sphere, { target: { value: 'health' } });
    const healthKind = screen.getByRole('combobox', { name: /^Вид организации/ }) as HTMLSelectElement;
    expect(texts(healthKind)).toEqual(['Поликлиника', 'Другой вид (ввести ключ)…']);
    expect(healthKind.value).toBe('clinic');

    const zone = screen.getByRole('combobox', { name: /^Часовой пояс/ }) as HTMLSelectElement;
    expect(zone.selectedOptions[0]?.text).toBe('Москва (UTC+3)');
    expect(texts(zone)[0]).toBe('Калининград (UTC+2)');
    expect(texts(zone).at(-1)).toBe('Камчатка (UTC+12)');
    // Belarus: its zone, and only its zone, is offered.
    fireEvent.change(screen.getByRole('combobox', { name: /^Страна/ }), { target: { value: 'BY' } });
    expect(texts(screen.getByRole('combobox', { name: /^Часовой пояс/ }) as HTMLSelectElement)).toEqual([
      'Минск (UTC+3)',
    ]);

    fireEvent.input(screen.getByRole('textbox', { name: /^Название/ }), {
      target: { value: 'Поликлиника № 3' },
    });
    fireEvent.input(screen.getByRole('textbox', { name: /^Идентификатор/ }), {
      target: { value: 'clinic-3' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Создать организацию' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatchObject({
      id: 'clinic-3',
      country: 'BY',
      sphere: 'health',
      category: 'clinic',
      timeZone: 'Europe/Minsk',
    });
  });

  it('takes a sphere the portal does not list yet as a typed key', async () => {
    render(<Administration />);
    const sphere = (await screen.findByRole('combobox', { name: /^Сфера/ })) as HTMLSelectElement;
    await waitFor(() => expect(sphere.options.length).toBe(3));
    fireEvent.change(sphere, { target: { value: '*other' } });
    const key = screen.getByRole('textbox', { name: /^Ключ новой сферы/ }) as HTMLInputElement;
    expect(key.value).toBe('');
    fireEvent.input(key, { target: { value: 'culture' } });
    fireEvent.input(screen.getByRole('textbox', { name: /^Вид организации/ }), {
      target: { value: 'library' },
    });
    fireEvent.input(screen.getByRole('textbox', { name: /^Название/ }), { target: { value: 'Библиотека' } });
    fireEvent.input(screen.getByRole('textbox', { name: /^Идентификатор/ }), {
      target: { value: 'library-1' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Создать организацию' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatchObject({ sphere: 'culture', category: 'library', timeZone: 'Europe/Moscow' });
  });

  it('takes a kind the portal does not list as a typed key, and a listed sphere chosen again lists its kinds', async () => {
    render(<Administration />);
    const sphere = (await screen.findByRole('combobox', { name: /^Сфера/ })) as HTMLSelectElement;
    await waitFor(() => expect(sphere.options.length).toBe(3));
    const kind = screen.getByRole('combobox', { name: /^Вид организации/ }) as HTMLSelectElement;
    fireEvent.change(kind, { target: { value: '*other' } });
    // The select keeps "another"; the key is typed beside it.
    expect((screen.getByRole('combobox', { name: /^Вид организации/ }) as HTMLSelectElement).value).toBe(
      '*other',
    );
    const key = screen.getByRole('textbox', { name: /^Ключ нового вида/ }) as HTMLInputElement;
    expect(key.value).toBe('');
    fireEvent.input(key, { target: { value: 'gymnasium' } });
    fireEvent.change(sphere, { target: { value: 'health' } });
    expect(screen.queryByRole('textbox', { name: /^Ключ нового вида/ })).toBeNull();
    expect((screen.getByRole('combobox', { name: /^Вид организации/ }) as HTMLSelectElement).value).toBe(
      'clinic',
    );
    fireEvent.change(sphere, { target: { value: 'education' } });
    fireEvent.change(screen.getByRole('combobox', { name: /^Вид организации/ }), {
      target: { value: '*other' },
    });
    fireEvent.input(screen.getByRole('textbox', { name: /^Ключ нового вида/ }), {
      target: { value: 'gymnasium' },
    });
    fireEvent.input(screen.getByRole('textbox', { name: /^Название/ }), {
      target: { value: 'Гимназия № 2' },
    });
    fireEvent.input(screen.getByRole('textbox', { name: /^Идентификатор/ }), {
      target: { value: 'gymnasium-2' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Создать организацию' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatchObject({ sphere: 'education', category: 'gymnasium' });
  });
});

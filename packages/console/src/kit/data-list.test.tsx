import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import { DataList } from './data-list.tsx';
import { EmptyState } from './states.tsx';

beforeEach(() => setLanguage('ru'));
afterEach(cleanup);

interface Appeal {
  id: string;
  number: string;
  applicant: string;
}

const appeals: Appeal[] = [
  { id: 'a1', number: 'ШК-2027-1', applicant: 'Иванова А. П.' },
  { id: 'a2', number: 'ШК-2027-2', applicant: 'Петров И. С.' },
  { id: 'a3', number: 'ШК-2027-3', applicant: 'Коваль А. М.' },
];

function Queue({ items }: { items: Appeal[] }) {
  return (
    <DataList
      caption="Новые обращения"
      items={items}
      primary={{ id: 'number', header: 'Номер', cell: (a) => a.number }}
      columns={[{ id: 'applicant', header: 'Заявитель', cell: (a) => a.applicant }]}
      rowKey={(a) => a.id}
      rowHref={(a) => `/console/queue/${a.id}`}
      empty={
        <EmptyState title="Новых обращений нет">
          <p>Они появятся здесь, как только граждане их отправят.</p>
        </EmptyState>
      }
    />
  );
}

const links = () => screen.getAllByRole('link') as HTMLAnchorElement[];

describe('DataList', () => {
  it('is a table named by its caption, one row per item, each opened by the link in its first cell', () => {
    render(<Queue items={appeals} />);
    const table = screen.getByRole('table', { name: /Новые обращения/ });
    expect(table.querySelector('caption')?.textContent).toContain('Стрелки вверх и вниз');
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Номер', 'Заявитель']);
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual([
      'ШК-2027-1',
      'ШК-2027-2',
      'ШК-2027-3',
    ]);
    expect(links().map((a) => a.getAttribute('href'))).toEqual([
      '/console/queue/a1',
      '/console/queue/a2',
      '/console/queue/a3',
    ]);
    // Cells carry their header for the narrow (card) layout.
    expect(screen.getByRole('cell', { name: 'Петров И. С.' }).getAttribute('data-label')).toBe('Заявитель');
  });

  it('is one Tab stop; arrows, Home and End move between rows', () => {
    render(<Queue items={appeals} />);
    expect(links().map((a) => a.tabIndex)).toEqual([0, -1, -1]);
    const [first, second, third] = links();
    first?.focus();
    fireEvent.keyDown(first as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(second);
    expect(links().map((a) => a.tabIndex)).toEqual([-1, 0, -1]);
    fireEvent.keyDown(second as HTMLElement, { key: 'End' });
    expect(document.activeElement).toBe(third);
    fireEvent.keyDown(third as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(third);
    fireEvent.keyDown(third as HTMLElement, { key: 'Home' });
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(first as HTMLElement, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(first);
  });

  it('takes no single-letter shortcuts and leaves modified arrows to the browser', () => {
    render(<Queue items={appeals} />);
    const [first] = links();
    first?.focus();
    for (const key of ['j', 'k', 'n', ' ']) {
      const event = fireEvent.keyDown(first as HTMLElement, { key });
      expect(event, key).toBe(true); // not prevented
      expect(document.activeElement).toBe(first);
    }
    expect(fireEvent.keyDown(first as HTMLElement, { key: 'ArrowDown', altKey: true })).toBe(true);
    expect(document.activeElement).toBe(first);
  });

  it('remembers the row the focus came to by other means', async () => {
    render(<Queue items={appeals} />);
    fireEvent.focus(links()[2] as HTMLElement);
    await waitFor(() => expect(links().map((a) => a.tabIndex)).toEqual([-1, -1, 0]));
  });

  it('shows the empty state, which says what to do next, instead of an empty table', () => {
    render(<Queue items={[]} />);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('Новых обращений нет')).toBeTruthy();
    expect(screen.getByText('Они появятся здесь, как только граждане их отправят.')).toBeTruthy();
  });
});

describe('DataList without row links (a table of records)', () => {
  const Records = ({ items }: { items: Appeal[] }) => (
    <DataList
      caption="Отказанные строки"
      items={items}
      columns={[
        { id: 'number', header: 'Номер', cell: (a) => a.number },
        { id: 'applicant', header: 'Заявитель', cell: (a) => a.applicant },
      ]}
      rowKey={(a) => a.id}
    />
  );

  it('is a table named by its caption alone, in a named region the keyboard can scroll', () => {
    render(<Records items={appeals} />);
    const table = screen.getByRole('table', { name: 'Отказанные строки' });
    expect(table.querySelector('caption')?.textContent).toBe('Отказанные строки');
    const region = screen.getByRole('region', { name: 'Отказанные строки' });
    expect(region.contains(table)).toBe(true);
    expect(region.tabIndex).toBe(0);
    expect(screen.queryAllByRole('link')).toHaveLength(0);
    expect(screen.queryAllByRole('rowheader')).toHaveLength(0);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Номер', 'Заявитель']);
    expect(screen.getByRole('cell', { name: 'ШК-2027-2' }).getAttribute('data-label')).toBe('Номер');
  });

  it('leaves the arrow keys to the browser (they scroll the region)', () => {
    render(<Records items={appeals} />);
    const cell = screen.getByRole('cell', { name: 'ШК-2027-1' });
    expect(fireEvent.keyDown(cell, { key: 'ArrowDown' })).toBe(true);
  });

  it('without an empty state, an empty list is the table with its headers', () => {
    render(<Records items={[]} />);
    expect(screen.getByRole('table', { name: 'Отказанные строки' })).toBeTruthy();
    expect(screen.getAllByRole('row')).toHaveLength(1);
  });
});

describe('a wide list’s layout hooks', () => {
  it('marks the cells kept on one line and the wrapper that measures its own room', () => {
    render(
      <DataList
        caption="Обращения"
        items={appeals}
        wide
        primary={{ id: 'number', header: 'Номер', cell: (a) => a.number, nowrap: true }}
        columns={[
          { id: 'applicant', header: 'Заявитель', cell: (a) => a.applicant },
          { id: 'code', header: 'Код', cell: (a) => a.id, nowrap: true },
        ]}
        rowKey={(a) => a.id}
        rowHref={(a) => `/console/queue/${a.id}`}
      />,
    );
    const table = screen.getByRole('table');
    expect(table.parentElement?.classList.contains('data-list-scroll--wide')).toBe(true);
    const row = screen.getAllByRole('row')[1] as HTMLElement;
    const [number, applicant, code] = [...row.children] as HTMLElement[];
    expect(number?.classList.contains('data-list-nowrap')).toBe(true);
    expect(applicant?.classList.contains('data-list-nowrap')).toBe(false);
    expect(code?.classList.contains('data-list-nowrap')).toBe(true);
  });

  it('a list that is not wide keeps the plain wrapper', () => {
    render(<Queue items={appeals} />);
    const wrapper = screen.getByRole('table').parentElement;
    expect(wrapper?.className).toBe('data-list-scroll');
  });
});

import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import { TabPanel, Tabs } from './tabs.tsx';

beforeEach(() => setLanguage('ru'));
afterEach(cleanup);

type Filter = 'new' | 'mine' | 'overdue';

function SavedFilters({ onSelect }: { onSelect: (id: Filter) => void }) {
  const [selected, setSelected] = useState<Filter>('new');
  return (
    <>
      <Tabs<Filter>
        label="Сохранённые фильтры"
        idPrefix="queue"
        selected={selected}
        onSelect={(id) => {
          onSelect(id);
          setSelected(id);
        }}
        tabs={[
          { id: 'new', label: 'Новые', count: 12 },
          { id: 'mine', label: 'Мои' },
          { id: 'overdue', label: 'Просроченные', count: 1234 },
        ]}
      />
      <TabPanel idPrefix="queue" selected={selected}>
        <p>Список: {selected}</p>
      </TabPanel>
    </>
  );
}

describe('Tabs', () => {
  it('a named tab list whose selected tab labels the panel it controls', () => {
    render(<SavedFilters onSelect={() => {}} />);
    expect(screen.getByRole('tablist', { name: 'Сохранённые фильтры' })).toBeTruthy();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Новые 12', 'Мои', 'Просроченные 1\u00a0234']);
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false']);
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1]);
    const panel = screen.getByRole('tabpanel');
    expect(tabs[0]?.getAttribute('aria-controls')).toBe(panel.id);
    expect(panel.getAttribute('aria-labelledby')).toBe(tabs[0]?.id);
  });

  it('arrows move the focus without selecting (selection loads data); Enter or a click selects', () => {
    const onSelect = vi.fn();
    render(<SavedFilters onSelect={onSelect} />);
    const [first, second, third] = screen.getAllByRole('tab');
    first?.focus();
    fireEvent.keyDown(first as HTMLElement, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(second);
    fireEvent.keyDown(second as HTMLElement, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(third);
    fireEvent.keyDown(third as HTMLElement, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(first as HTMLElement, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(third);
    fireEvent.keyDown(third as HTMLElement, { key: 'Home' });
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(first as HTMLElement, { key: 'End' });
    expect(document.activeElement).toBe(third);
    expect(onSelect).not.toHaveBeenCalled();
    fireEvent.click(third as HTMLElement);
    expect(onSelect).toHaveBeenCalledWith('overdue');
    expect(screen.getByRole('tabpanel').textContent).toBe('Список: overdue');
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(third?.id);
  });
});

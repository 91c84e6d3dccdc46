import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import { Checkbox, RadioGroup, Select, TextArea, TextInput } from './inputs.tsx';

beforeEach(() => setLanguage('ru'));
afterEach(cleanup);

/**
 * The texts an element's `aria-describedby` points at, in order, without what is hidden from
 * assistive technology (each id must exist).
 */
function description(element: HTMLElement): string[] {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => {
      const target = document.getElementById(id)?.cloneNode(true) as HTMLElement | undefined;
      if (!target) throw new Error(`aria-describedby names a missing id: ${id}`);
      for (const hidden of target.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
      return (target.textContent ?? '').trim();
    });
}

describe('form controls', () => {
  it('a text input is named by its label and described by its hint and error', () => {
    const onValue = vi.fn();
    render(
      <TextInput
        id="name"
        label="Название"
        hint="Как в уставе"
        error="Заполните это поле"
        required
        value=""
        onValue={onValue}
      />,
    );
    const input = screen.getByRole('textbox', { name: 'Название (обязательно)' });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect((input as HTMLInputElement).required).toBe(true);
    expect(description(input)).toEqual(['Как в уставе', 'Заполните это поле']);
    fireEvent.input(input, { target: { value: 'Гимназия № 1' } });
    expect(onValue).toHaveBeenCalledWith('Гимназия № 1');
  });

  it('a valid control is neither invalid nor described by an error', () => {
    render(<TextArea id="text" label="Текст" value="ok" onValue={() => {}} />);
    const area = screen.getByRole('textbox', { name: 'Текст' });
    expect(area.hasAttribute('aria-invalid')).toBe(false);
    expect(area.hasAttribute('aria-describedby')).toBe(false);
  });

  it('a select offers its options after an empty choice', () => {
    const onValue = vi.fn();
    render(
      <Select
        id="tz"
        label="Часовой пояс"
        placeholder="Не выбран"
        value=""
        onValue={onValue}
        options={[
          { value: 'Europe/Moscow', label: 'Москва' },
          { value: 'Europe/Minsk', label: 'Минск' },
        ]}
      />,
    );
    const select = screen.getByRole('combobox', { name: 'Часовой пояс' });
    expect([...(select as HTMLSelectElement).options].map((o) => o.text)).toEqual([
      'Не выбран',
      'Москва',
      'Минск',
    ]);
    fireEvent.change(select, { target: { value: 'Europe/Minsk' } });
    expect(onValue).toHaveBeenCalledWith('Europe/Minsk');
  });

  it('a checkbox is named by the label after it', () => {
    const onValue = vi.fn();
    render(<Checkbox id="consent" label="Согласен" error="Нужно согласие" value={false} onValue={onValue} />);
    const box = screen.getByRole('checkbox', { name: 'Согласен' });
    expect(description(box)).toEqual(['Нужно согласие']);
    fireEvent.click(box);
    expect(onValue).toHaveBeenCalledWith(true);
  });

  it('a radio group is a named, described group whose radios share a name', () => {
    const onValue = vi.fn();
    render(
      <RadioGroup
        id="type"
        name="type"
        label="Тип обращения"
        hint="Как его назвал заявитель"
        error="Выберите один из вариантов"
        required
        value=""
        onValue={onValue}
        options={[
          { value: 'proposal', label: 'Предложение' },
          { value: 'complaint', label: 'Жалоба' },
        ]}
      />,
    );
    const group = screen.getByRole('radiogroup', { name: 'Тип обращения (обязательно)' });
    expect(group.getAttribute('aria-invalid')).toBe('true');
    expect(description(group)).toEqual(['Как его назвал заявитель', 'Выберите один из вариантов']);
    const radios = screen.getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.name)).toEqual(['type', 'type']);
    expect(radios[0]?.id).toBe('type');
    fireEvent.click(screen.getByRole('radio', { name: 'Жалоба' }));
    expect(onValue).toHaveBeenCalledWith('complaint');
  });
});

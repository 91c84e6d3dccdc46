import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Button } from './button.tsx';

afterEach(cleanup);

describe('Button', () => {
  it('is a plain button unless asked to submit, styled by its variant', () => {
    render(<Button variant="danger">Удалить</Button>);
    const button = screen.getByRole('button', { name: 'Удалить' });
    expect(button.getAttribute('type')).toBe('button');
    expect(button.className).toBe('button button--danger');
  });

  it('while busy: keeps the focus, ignores presses, says it is busy and shows the busy label', () => {
    const onClick = vi.fn();
    const submit = vi.fn((event: Event) => event.preventDefault());
    render(
      <form onSubmit={submit}>
        <Button type="submit" busy busyLabel="Отправляем…" onClick={onClick}>
          Отправить
        </Button>
      </form>,
    );
    const button = screen.getByRole('button', { name: 'Отправляем…' });
    expect(button.hasAttribute('disabled')).toBe(false);
    button.focus();
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.getAttribute('aria-busy')).toBe('true');
    fireEvent.click(button);
    expect(onClick).not.toHaveBeenCalled();
    expect(submit).not.toHaveBeenCalled();
  });

  it('calls its handler when not busy', () => {
    const onClick = vi.fn();
    render(<Button onClick={onClick}>Сохранить</Button>);
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});

import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso/router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import SignIn from './sign-in.tsx';

beforeEach(() => setLanguage('ru'));
afterEach(cleanup);

function open(url: string) {
  history.replaceState(null, '', url);
  render(
    <LocationProvider scope="/console">
      <SignIn />
    </LocationProvider>,
  );
}

describe('the staff sign-in layout', () => {
  it('asks for the work e-mail first and checks it with the contract’s schema', async () => {
    open('/console/sign-in');
    const email = screen.getByRole('textbox', { name: 'Рабочий адрес электронной почты (обязательно)' });
    expect(email.getAttribute('type')).toBe('email');
    expect(email.getAttribute('autocomplete')).toBe('email');
    fireEvent.input(email, { target: { value: 'clerk@school' } });
    fireEvent.click(screen.getByRole('button', { name: 'Получить код' }));
    await waitFor(() => expect(document.activeElement).toBe(email));
    expect(screen.getByText('Введите адрес электронной почты, например name@example.ru')).toBeTruthy();
  });

  it('says plainly that it is not connected yet instead of pretending to send a code', async () => {
    open('/console/sign-in');
    fireEvent.input(screen.getByRole('textbox', { name: /Рабочий адрес/ }), {
      target: { value: 'clerk@school.example' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Получить код' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('ещё не подключён к порталу'),
    );
  });

  it('lays out the one-time code and the TOTP steps', () => {
    open('/console/sign-in?step=code');
    const code = screen.getByRole('textbox', { name: 'Код из письма (обязательно)' });
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(screen.getByRole('button', { name: 'Отправить код ещё раз' })).toBeTruthy();
    cleanup();
    open('/console/sign-in?step=totp');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Второй шаг: код из приложения');
    expect(
      screen.getByRole('textbox', { name: 'Код из приложения-аутентификатора (обязательно)' }),
    ).toBeTruthy();
  });

  it('explains a wrong code in its own words', async () => {
    open('/console/sign-in?step=code');
    fireEvent.input(screen.getByRole('textbox', { name: /Код из письма/ }), { target: { value: '12a' } });
    fireEvent.click(screen.getByRole('button', { name: 'Войти' }));
    await waitFor(() => expect(screen.getByText('Введите шесть цифр из письма')).toBeTruthy());
  });
});

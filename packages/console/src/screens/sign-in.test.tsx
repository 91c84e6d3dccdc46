import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso/router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import { applySession, serverSession } from '../session.ts';
import { MAIN_ID } from '../shell/shell.tsx';
import { signInMessages } from './sign-in.messages.ts';
import SignIn from './sign-in.tsx';
import OidcSignIn from './sign-in-oidc.tsx';

const SIGN_IN_ID = '11111111-1111-4111-8111-111111111111';
const SESSION = {
  person: {
    id: '22222222-2222-4222-8222-222222222222',
    email: 'clerk@school.example',
    displayName: '',
    totpEnabled: false,
  },
  portalAdministrator: false,
  memberships: [
    { organizationId: 'demo-school', organizationName: 'Школа', role: 'coordinator', subtree: false },
  ],
  permissions: { 'demo-school': ['appeals.process', 'appeals.read'] },
  csrfToken: 'c'.repeat(64),
  expiresAt: '2030-01-01T00:00:00.000Z',
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
const problem = (status: number, path: string, message: string) =>
  json(status, {
    type: 'about:blank',
    title: message,
    status,
    code: status === 429 ? 'rate-limited' : 'validation-failed',
    detail: message,
    issues: [{ path, message }],
  });

/** The portal as the sign-in screen meets it: the answers queued for each call, the calls recorded. */
function portal(answers: Record<string, Response[]>) {
  const calls: { path: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (input: Request | string, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const path = new URL(request.url).pathname;
    // Unless a test says otherwise, the portal configures no OpenID Connect provider for staff.
    if (path === '/v1/staff/sign-in-methods' && !answers[path])
      return json(200, { emailCode: true, oidc: null });
    calls.push({
      path,
      body: await request
        .clone()
        .json()
        .catch(() => null),
    });
    const next = answers[path]?.shift();
    if (!next) throw new Error(`unexpected call ${path}`);
    return next;
  });
  return calls;
}

beforeEach(() => {
  setLanguage('ru');
  applySession(null);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function open(url: string, Screen = SignIn) {
  history.replaceState(null, '', url);
  render(
    <LocationProvider scope="/console">
      <Screen />
    </LocationProvider>,
  );
}

const emailField = () =>
  screen.getByRole('textbox', { name: 'Рабочий адрес электронной почты (обязательно)' });
const codeField = () => screen.getByRole('textbox', { name: 'Код из письма (обязательно)' });

async function toCodeStep() {
  fireEvent.input(emailField(), { target: { value: 'clerk@school.example' } });
  fireEvent.click(screen.getByRole('button', { name: 'Получить код' }));
  await waitFor(() => expect(codeField()).toBeTruthy());
}

describe('the staff sign-in', () => {
  it('names each step by one heading of its own, not a repeat of the field’s label', async () => {
    portal({
      '/v1/staff/sign-in': [json(202, { signInId: SIGN_IN_ID, expiresAt: '2030-01-01T00:00:00.000Z' })],
    });
    open('/console/sign-in');
    await screen.findByRole('heading', { level: 2, name: 'Вход по коду из письма' });
    expect(screen.getByRole('form', { name: 'Вход по коду из письма' })).toBeTruthy();
    await toCodeStep();
    expect(screen.getByRole('heading', { level: 2, name: 'Проверьте почту' })).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Проверьте почту' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /Код из письма/ })).toBeNull();
  });

  for (const lang of ['ru', 'be', 'en'] as const)
    it(`the step headings differ from the field labels (${lang})`, () => {
      const m = signInMessages[lang];
      expect(m.emailStep).not.toBe(m.emailLabel);
      expect(m.codeStep).not.toBe(m.codeLabel);
      expect(String(m.emailLabel).toLowerCase()).not.toContain(String(m.emailStep).toLowerCase());
    });

  it('asks for the work e-mail first and checks it with the contract’s schema', async () => {
    open('/console/sign-in');
    const email = emailField();
    expect(email.getAttribute('type')).toBe('email');
    expect(email.getAttribute('autocomplete')).toBe('email');
    fireEvent.input(email, { target: { value: 'clerk@school' } });
    fireEvent.click(screen.getByRole('button', { name: 'Получить код' }));
    await waitFor(() => expect(document.activeElement).toBe(email));
    expect(screen.getByText('Введите адрес электронной почты, например name@example.ru')).toBeTruthy();
  });

  it('e-mail → code → signed in, then goes where the person came for', async () => {
    const calls = portal({
      '/v1/staff/sign-in': [json(202, { signInId: SIGN_IN_ID, expiresAt: '2030-01-01T00:00:00.000Z' })],
      [`/v1/staff/sign-in/${SIGN_IN_ID}`]: [json(200, SESSION)],
    });
    open('/console/sign-in?next=/console/queue');
    await toCodeStep();
    const code = codeField();
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(screen.getByText(/clerk@school\.example/)).toBeTruthy();
    fireEvent.input(code, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Войти' }));
    await waitFor(() => expect(serverSession.value?.person.email).toBe('clerk@school.example'));
    await waitFor(() => expect(location.pathname).toBe('/console/queue'));
    expect(calls.map((c) => c.body)).toEqual([
      { email: 'clerk@school.example', language: 'ru' },
      { code: '123456' },
    ]);
  });

  it('asks for the authenticator’s code when the portal does, and sends both', async () => {
    const calls = portal({
      '/v1/staff/sign-in': [json(202, { signInId: SIGN_IN_ID, expiresAt: '2030-01-01T00:00:00.000Z' })],
      [`/v1/staff/sign-in/${SIGN_IN_ID}`]: [
        problem(422, 'body.totp', 'Enter the code from your authenticator app'),
        json(200, SESSION),
      ],
    });
    open('/console/sign-in');
    await toCodeStep();
    fireEvent.input(codeField(), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Войти' }));
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Второй шаг: код из приложения'),
    );
    fireEvent.input(
      screen.getByRole('textbox', { name: 'Код из приложения-аутентификатора (обязательно)' }),
      {
        target: { value: '654321' },
      },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Подтвердить' }));
    await waitFor(() => expect(serverSession.value).not.toBeNull());
    expect(calls.at(-1)?.body).toEqual({ code: '123456', totp: '654321' });
  });

  it('explains a malformed code in its own words, a wrong one beside the field, too many tries plainly', async () => {
    portal({
      '/v1/staff/sign-in': [json(202, { signInId: SIGN_IN_ID, expiresAt: '2030-01-01T00:00:00.000Z' })],
      [`/v1/staff/sign-in/${SIGN_IN_ID}`]: [
        problem(422, 'body.code', 'Wrong code'),
        problem(429, 'body.code', 'Too many wrong codes'),
      ],
    });
    open('/console/sign-in');
    await toCodeStep();
    fireEvent.input(codeField(), { target: { value: '12a' } });
    fireEvent.click(screen.getByRole('button', { name: 'Войти' }));
    await waitFor(() => expect(screen.getByText('Введите шесть цифр из письма')).toBeTruthy());
    fireEvent.input(codeField(), { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Войти' }));
    await waitFor(() => expect(codeField().getAttribute('aria-invalid')).toBe('true'));
    fireEvent.click(screen.getByRole('button', { name: 'Войти' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Слишком много попыток'));
    expect(serverSession.value).toBeNull();
  });
});

describe('the sign-in screen while signed in', () => {
  it('says who is signed in, leads home, and signing out brings the form back', async () => {
    const calls = portal({ '/v1/staff/session': [new Response(null, { status: 204 })] });
    applySession(SESSION as Parameters<typeof applySession>[0]);
    history.replaceState(null, '', '/console/sign-in');
    // In the shell's main region, where the focus goes back to the page's heading.
    render(
      <main id={MAIN_ID}>
        <LocationProvider scope="/console">
          <SignIn />
        </LocationProvider>
      </main>,
    );
    expect(screen.getByRole('heading', { level: 2, name: 'Вы вошли как clerk@school.example' })).toBeTruthy();
    expect(screen.getByText('Организация: Школа.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Перейти на главную' }).getAttribute('href')).toBe('/console/');
    expect(screen.queryByRole('form')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Выйти и войти под другим адресом' }));
    await waitFor(() => expect(emailField()).toBeTruthy());
    expect(serverSession.value).toBeNull();
    expect(calls.map((c) => c.path)).toEqual(['/v1/staff/session']);
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
  });

  it('is named in each language', () => {
    applySession(SESSION as Parameters<typeof applySession>[0]);
    setLanguage('be');
    open('/console/sign-in');
    expect(
      screen.getByRole('heading', { level: 2, name: 'Вы ўвайшлі як clerk@school.example' }),
    ).toBeTruthy();
    cleanup();
    setLanguage('en');
    open('/console/sign-in');
    expect(screen.getByRole('link', { name: 'Go to the home page' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign out to sign in as someone else' })).toBeTruthy();
  });
});

describe('signing in with the portal’s OpenID Connect provider', () => {
  const METHODS = { emailCode: true, oidc: { name: 'Region ID' } };
  const totpField = () =>
    screen.getByRole('textbox', { name: 'Код из приложения-аутентификатора (обязательно)' });

  it('offers "Sign in with …" and leaves for the provider, remembering where the person was going', async () => {
    const assign = vi.spyOn(location, 'assign').mockImplementation(() => {});
    const calls = portal({
      '/v1/staff/sign-in-methods': [json(200, METHODS)],
      '/v1/staff/oidc-sign-in': [
        json(200, {
          authorizationUrl: 'https://id.example/auth?state=s',
          expiresAt: '2030-01-01T00:00:00.000Z',
        }),
      ],
    });
    open('/console/sign-in?next=/console/queue');
    const button = await screen.findByRole('button', { name: 'Войти через Region ID' });
    // The e-mail code stays the first way in.
    expect(emailField()).toBeTruthy();
    fireEvent.click(button);
    await waitFor(() => expect(assign).toHaveBeenCalledWith('https://id.example/auth?state=s'));
    expect(calls.map((c) => c.path)).toEqual(['/v1/staff/sign-in-methods', '/v1/staff/oidc-sign-in']);
    expect(sessionStorage.getItem('otklik-console-sign-in-next')).toBe('/console/queue');
    assign.mockRestore();
  });

  it('says so when the provider does not answer, and keeps the e-mail code', async () => {
    portal({
      '/v1/staff/sign-in-methods': [json(200, METHODS)],
      '/v1/staff/oidc-sign-in': [
        json(503, { type: 'about:blank', title: 'x', status: 503, code: 'service-unavailable' }),
      ],
    });
    open('/console/sign-in');
    fireEvent.click(await screen.findByRole('button', { name: 'Войти через Region ID' }));
    await waitFor(() => expect(screen.getByText(/Служба входа сейчас не отвечает/)).toBeTruthy());
    expect(emailField()).toBeTruthy();
  });

  it('the callback page hands the answer over, asks for the authenticator, goes on where remembered', async () => {
    sessionStorage.setItem('otklik-console-sign-in-next', '/console/queue');
    const calls = portal({
      '/v1/staff/oidc-sign-in/complete': [
        problem(422, 'body.totp', 'Enter the code from your authenticator app'),
        json(200, SESSION),
      ],
    });
    open('/console/sign-in/oidc?code=abc&state=st&iss=https%3A%2F%2Fid.example', OidcSignIn);
    await waitFor(() => expect(totpField()).toBeTruthy());
    // The provider's code does not stay in the address bar.
    expect(location.search).toBe('');
    fireEvent.input(totpField(), { target: { value: '654321' } });
    fireEvent.click(screen.getByRole('button', { name: 'Подтвердить' }));
    await waitFor(() => expect(serverSession.value?.person.email).toBe('clerk@school.example'));
    await waitFor(() => expect(location.pathname).toBe('/console/queue'));
    expect(calls.map((c) => c.body)).toEqual([
      { state: 'st', code: 'abc', iss: 'https://id.example' },
      { state: 'st', code: 'abc', iss: 'https://id.example', totp: '654321' },
    ]);
  });

  it('explains an address without an account, and offers to start again', async () => {
    portal({
      '/v1/staff/oidc-sign-in/complete': [
        json(403, {
          type: 'about:blank',
          title: 'Forbidden',
          status: 403,
          code: 'forbidden',
          reason: 'no-staff-account',
          detail: 'No staff account uses stranger@example.org',
        }),
      ],
    });
    open('/console/sign-in/oidc?code=abc&state=st', OidcSignIn);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Для этого адреса нет учётной записи сотрудника. Попросите администратора вашей организации пригласить вас.',
      ),
    );
    // The portal's English is not shown (the console knows this refusal).
    expect(screen.queryByText(/No staff account/)).toBeNull();
    expect(screen.getByRole('link', { name: 'Начать вход заново' }).getAttribute('href')).toBe(
      '/console/sign-in',
    );
    expect(serverSession.value).toBeNull();
  });

  it('a cancelled sign-in at the provider calls nothing and says so', async () => {
    const calls = portal({});
    open('/console/sign-in/oidc?error=access_denied&state=st', OidcSignIn);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('отменён'));
    expect(calls).toEqual([]);
  });
});

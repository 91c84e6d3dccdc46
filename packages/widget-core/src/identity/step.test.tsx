import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakePortal, problem } from '../test-portal.ts';
import { IdentityStep, type IdentityStepProps } from './step.tsx';

/**
 * The step on its own, as each form uses it: with its own e-mail field (the rating form) or with the
 * form's (the appeal form). The forms' tests cover the whole flows (code, OpenID Connect, focus).
 */
const SEND = 'POST /v1/organizations/demo-school/identity/email-code';
const sent = {
  verificationId: '9d3e3c1a-1111-4222-8333-444455556666',
  expiresAt: new Date(Date.now() + 600_000).toISOString(),
  resendAfter: new Date(Date.now() + 60_000).toISOString(),
};

function step(routes: Parameters<typeof fakePortal>[0], props: Partial<IdentityStepProps> = {}) {
  const portal = fakePortal(routes);
  const onVerified = vi.fn();
  render(
    <IdentityStep
      lang="ru"
      portal={{ baseUrl: 'https://portal.example', fetch: portal.fetch }}
      organizationId="demo-school"
      methods={{ emailCode: true, oidcProviders: [] }}
      purpose="rating"
      required={false}
      verified={null}
      onVerified={onVerified}
      signal={new AbortController().signal}
      {...props}
    />,
  );
  return { portal, onVerified, group: screen.getByRole('group') };
}

afterEach(cleanup);

/** Types into a field and lets Preact render the change (it batches state updates). */
async function type(field: HTMLElement, value: string) {
  fireEvent.input(field, { target: { value } });
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('identity step', () => {
  it('says what the identity is for', () => {
    const rating = step({}).group;
    expect(within(rating).getByText('Подтверждение адреса электронной почты')).toBeDefined();
    expect(within(rating).getByText(/^Необязательно\./)).toBeDefined();
    cleanup();
    const appeal = step(
      {},
      { purpose: 'appeal', required: true, email: { value: '', error: vi.fn() } },
    ).group;
    expect(within(appeal).getByText('Подтверждение личности')).toBeDefined();
    expect(within(appeal).getByText(/^Электронное обращение рассматривается/)).toBeDefined();
    // The address is the form's field: the step has none of its own.
    expect(within(appeal).queryByRole('textbox')).toBeNull();
  });

  it('reports a bad address on the form’s field and asks the portal nothing', () => {
    const error = vi.fn();
    const { portal } = step({}, { purpose: 'appeal', email: { value: 'not an address', error } });
    fireEvent.click(screen.getByRole('button', { name: 'Получить код' }));
    expect(error).toHaveBeenCalledWith('Введите адрес электронной почты, например name@example.ru');
    expect(portal.calls).toHaveLength(0);
  });

  it('sends the code to the form’s address and shows the code field with its own id', async () => {
    const { portal } = step({ [SEND]: sent }, { email: { value: ' ivan@example.ru ', error: vi.fn() } });
    fireEvent.click(screen.getByRole('button', { name: 'Получить код' }));
    const code = await screen.findByRole('textbox', { name: /Код из письма/ });
    expect(code.id).toBe('f-code');
    expect(portal.of(SEND)[0]?.body).toEqual({ email: 'ivan@example.ru', language: 'ru' });
    expect(screen.getByRole('status').textContent).toContain('ivan@example.ru');
  });

  it('says when the portal limits the requests, in minutes, beside the button, which keeps the focus', async () => {
    const limited = new Response(
      JSON.stringify({ type: 'about:blank', title: 'Too many', status: 429, code: 'rate-limited' }),
      { status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': '3017' } },
    );
    const { portal } = step({ [SEND]: limited });
    await type(screen.getByRole('textbox', { name: /Адрес электронной почты/ }), 'ivan@example.ru');
    const button = screen.getByRole('button', { name: 'Получить код' });
    fireEvent.click(button);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Слишком много попыток. Повторите через 51 минуту.');
    // Right after the button's row, and read out with the button.
    expect(button.getAttribute('aria-describedby')).toContain(alert.id);
    expect(button.parentElement?.nextElementSibling).toBe(alert);
    await vi.waitFor(() => expect(document.activeElement).toBe(button));
    expect(portal.of(SEND)).toHaveLength(1);
  });

  it('shows the portal’s refusal of the address on the step’s own field', async () => {
    const { portal } = step({
      [SEND]: problem(422, 'validation-failed', [{ path: 'body.email', message: 'Enter a valid e-mail' }]),
    });
    const email = screen.getByRole('textbox', { name: /Адрес электронной почты/ });
    await type(email, 'ivan@example.invalid');
    fireEvent.click(screen.getByRole('button', { name: 'Получить код' }));
    await vi.waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(portal.of(SEND)[0]?.body).toEqual({ email: 'ivan@example.invalid', language: 'ru' });
    expect(document.getElementById('f-email-error')?.textContent).toBe(
      'Введите адрес электронной почты, например name@example.ru',
    );
  });

  it('takes the identity only from a message of the portal’s origin', async () => {
    const { onVerified } = step(
      {},
      { methods: { emailCode: false, oidcProviders: [{ id: 'esia', name: 'Госуслуги' }] } },
    );
    const identity = {
      type: 'otklik:identity',
      identityToken: 'oidc-token-oidc-token',
      email: 'a@example.ru',
    };
    window.dispatchEvent(new MessageEvent('message', { data: identity, origin: 'https://evil.example' }));
    expect(onVerified).not.toHaveBeenCalled();
    window.dispatchEvent(new MessageEvent('message', { data: identity, origin: 'https://portal.example' }));
    expect(onVerified).toHaveBeenCalledWith({ token: 'oidc-token-oidc-token', email: 'a@example.ru' });
  });
});

import { LANGUAGES } from '@otklik/widget-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import widget from './appeal.tsx';
import { formMessages } from './form-messages.ts';
import {
  appealId,
  appealView,
  challenge,
  fakePortal,
  problem,
  receipt,
  secret,
  settingsFor,
} from './test-portal.ts';
import { trackerMessages } from './tracker-messages.ts';

// The proof-of-work solver is injected: the real one lives in @otklik/client and is tested there.
const solveChallenge = vi.hoisted(() => vi.fn(async (c: Record<string, unknown>) => ({ ...c, number: 42 })));
vi.mock('@otklik/client', async (original) => ({ ...(await original<object>()), solveChallenge }));

const SETTINGS = 'GET /v1/organizations/demo-school/widget-settings';
const CHALLENGE = 'POST /v1/organizations/demo-school/challenges';
const FILE = 'POST /v1/organizations/demo-school/appeals';

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();

function mount(fetch: typeof globalThis.fetch, attributes = 'data-org="demo-school"') {
  document.body.innerHTML = `<div data-otklik="appeal" ${attributes}></div>`;
  const el = document.body.firstElementChild as HTMLElement;
  const events = { ready: vi.fn(), error: vi.fn(), submitted: vi.fn() };
  el.addEventListener('otklik:ready', events.ready);
  el.addEventListener('otklik:error', events.error);
  el.addEventListener('otklik:appeal-submitted', events.submitted);
  const unmount = widget.mount(el, { portalUrl: 'https://portal.example', fetch });
  const root = el.shadowRoot as ShadowRoot;
  return { el, root, unmount, ...events };
}

const $ = <E extends Element = HTMLInputElement>(root: ShadowRoot, selector: string) =>
  root.querySelector(selector) as E;

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
function check(input: HTMLInputElement) {
  input.checked = true;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
/** Lets Preact render what the events changed (it batches state updates). */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
async function submit(root: ShadowRoot) {
  await flush();
  $(root, 'form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}
const button = (root: ShadowRoot, label: string) =>
  Array.from(root.querySelectorAll('button')).find((b) => text(b) === label) as HTMLButtonElement;

/** Fills every required field of the by-300z form (no identity step). */
function fill(root: ShadowRoot) {
  type($(root, '#f-applicant-surname'), 'Иванова');
  type($(root, '#f-applicant-firstName'), 'Мария');
  type($(root, '#f-applicant-patronymic'), 'Петровна');
  type($(root, '#f-applicant-email'), 'maria@example.by');
  type($(root, '#f-applicant-postalAddress'), 'г. Минск, ул. Ленина, 1');
  check($(root, 'input[value="complaint"]'));
  type($(root, '#f-text'), 'В столовой холодная еда.');
  check($(root, '#f-consent'));
}

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  solveChallenge.mockClear();
  history.replaceState(null, '', '/appeals');
  sessionStorage.clear();
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('appeal form', () => {
  it('renders the ru-59fz profile: required names and e-mail, identity by e-mail code, types as a radio group', async () => {
    const portal = fakePortal({ [SETTINGS]: settingsFor('ru-59fz'), [CHALLENGE]: challenge });
    const { root, ready } = mount(portal.fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    const field = (id: string) => $(root, `#f-applicant-${id}`);
    expect(field('surname').required).toBe(true);
    expect(field('firstName').required).toBe(true);
    expect(field('patronymic').required).toBe(false);
    expect(field('email').required).toBe(true);
    expect(field('postalAddress').required).toBe(false);
    // Visible marker next to the label, hidden from screen readers (the control says "required").
    expect(text(root.querySelector('label[for="f-applicant-surname"]'))).toBe('Фамилия *');
    expect(root.querySelector('label[for="f-applicant-surname"] .req')?.getAttribute('aria-hidden')).toBe(
      'true',
    );
    expect(root.querySelector('label[for="f-applicant-patronymic"] .req')).toBeNull();
    // Identity step.
    expect(text(root.querySelector('#identity-title strong'))).toBe('Подтверждение личности');
    expect(button(root, 'Получить код')).toBeDefined();
    // Appeal types.
    const legend = root.querySelector('input[name="type"]')?.closest('fieldset')?.querySelector('legend');
    expect(text(legend)).toBe('Вид обращения *');
    expect(Array.from(root.querySelectorAll('input[name="type"]'), (r) => text(r.parentElement))).toEqual([
      'Предложение',
      'Заявление',
      'Жалоба',
    ]);
    // Topic select, counter, co-authors, consent, honeypot.
    expect(Array.from($<HTMLSelectElement>(root, '#f-topicId').options, (o) => o.text)).toEqual([
      'Не выбрана',
      'Питание',
      'Безопасность',
    ]);
    const textarea = $<HTMLTextAreaElement>(root, '#f-text');
    expect(textarea.getAttribute('aria-describedby')).toBe('f-text-hint');
    expect(text(root.querySelector('#f-text-hint'))).toBe('Осталось 10 000 знаков из 10 000');
    type(textarea, 'Жалоба');
    await flush();
    expect(text(root.querySelector('#f-text-hint'))).toBe('Осталось 9 994 знака из 10 000');
    expect(button(root, 'Добавить соавтора')).toBeDefined();
    const consent = root
      .querySelector('#f-consent')
      ?.closest('label')
      ?.querySelector('a') as HTMLAnchorElement;
    expect(consent.getAttribute('href')).toBe('https://school.example/consent.pdf');
    expect(consent.getAttribute('target')).toBe('_blank');
    expect(text(consent)).toContain('(открывается в новой вкладке)');
    const honeypot = $(root, '#f-website');
    expect(honeypot.getAttribute('tabindex')).toBe('-1');
    expect(honeypot.closest('.hp')?.getAttribute('aria-hidden')).toBe('true');
    expect(root.querySelector('[style]')).toBeNull();
    // Proof of work started in the background.
    await vi.waitFor(() => expect(solveChallenge).toHaveBeenCalledOnce());
    expect(solveChallenge.mock.calls[0]?.[0]).toEqual(challenge);
  });

  it('renders the by-300z profile: patronymic and address required, no identity step', async () => {
    const portal = fakePortal({ [SETTINGS]: settingsFor('by-300z'), [CHALLENGE]: challenge });
    const { root, ready } = mount(portal.fetch, 'data-org="demo-school" data-lang="be"');
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    expect($(root, '#f-applicant-patronymic').required).toBe(true);
    expect($(root, '#f-applicant-postalAddress').required).toBe(true);
    expect(text(root.querySelector('label[for="f-applicant-patronymic"]'))).toBe('Імя па бацьку *');
    expect(root.querySelector('#identity-title')).toBeNull();
    expect(text(root.querySelector('h2'))).toBe('Электронны зварот');
  });

  it('hides what the generic profile hides and offers no co-authors', async () => {
    const portal = fakePortal({ [SETTINGS]: settingsFor('generic'), [CHALLENGE]: challenge });
    const { root, ready } = mount(portal.fetch, 'data-org="demo-school" data-lang="en"');
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    expect(root.querySelector('#f-applicant-patronymic')).toBeNull();
    expect($(root, '#f-applicant-surname').required).toBe(false);
    expect(button(root, 'Add a co-author')).toBeUndefined();
  });

  it('shows a hand-off to the state system instead of the form in handoff mode', async () => {
    const portal = fakePortal({
      [SETTINGS]: settingsFor('by-300z', {
        mode: 'handoff',
        handoffUrl: 'https://xn--80abnmycp7evc.xn--90ais/',
      }),
    });
    const { root, ready } = mount(portal.fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    expect(root.querySelector('form')).toBeNull();
    expect(text(root.querySelector('h2'))).toBe('Обращения принимаются через государственную систему');
    const link = root.querySelector('a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('https://xn--80abnmycp7evc.xn--90ais/');
    expect(portal.of(CHALLENGE)).toHaveLength(0);
  });

  it('checks required fields before sending, announces the errors and focuses the first invalid field', async () => {
    const portal = fakePortal({ [SETTINGS]: settingsFor('by-300z'), [CHALLENGE]: challenge });
    const { root, ready } = mount(portal.fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    type($(root, '#f-applicant-surname'), 'Иванова');
    await submit(root);
    await vi.waitFor(() => expect(root.querySelector('[role="alert"]')).not.toBeNull());
    expect(text(root.querySelector('[role="alert"]'))).toBe('Обращение не отправлено: исправьте 7 ошибок.');
    const first = $(root, '#f-applicant-firstName');
    expect(first.getAttribute('aria-invalid')).toBe('true');
    expect(first.getAttribute('aria-describedby')).toBe('f-applicant-firstName-error');
    expect(text(root.querySelector('#f-applicant-firstName-error'))).toBe('Заполните это поле');
    await vi.waitFor(() => expect(root.activeElement).toBe(first));
    expect($(root, '#f-applicant-surname').getAttribute('aria-invalid')).toBeNull();
    expect($(root, '#f-consent').getAttribute('aria-invalid')).toBe('true');
    expect(text(root.querySelector('#f-type-error'))).toBe('Выберите вид обращения');
    expect(portal.of(FILE)).toHaveLength(0);
  });

  it('verifies the e-mail with a one-time code, then locks it and files with the identity token', async () => {
    const portal = fakePortal({
      [SETTINGS]: settingsFor('ru-59fz'),
      [CHALLENGE]: challenge,
      'POST /v1/organizations/demo-school/identity/email-code': {
        verificationId: '9d3e3c1a-1111-4222-8333-444455556666',
        expiresAt: new Date(Date.now() + 600_000).toISOString(),
        resendAfter: new Date(Date.now() + 60_000).toISOString(),
      },
      'POST /v1/organizations/demo-school/identity/email-code/9d3e3c1a-1111-4222-8333-444455556666/verify': [
        problem(400, 'bad-request'),
        {
          identityToken: 'token-token-token-token',
          email: 'ivan@example.ru',
          method: 'email-code',
          expiresAt: new Date(Date.now() + 600_000).toISOString(),
        },
      ],
      [FILE]: receipt,
    });
    const { root, ready, submitted } = mount(portal.fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    type($(root, '#f-applicant-email'), 'ivan@example.ru');
    await flush();
    button(root, 'Получить код').click();
    await vi.waitFor(() => expect(root.querySelector('#f-code')).not.toBeNull());
    expect(portal.of('POST /v1/organizations/demo-school/identity/email-code')[0]?.body).toEqual({
      email: 'ivan@example.ru',
      language: 'ru',
    });
    expect(text(root.querySelector('#identity-title ~ [role="status"]'))).toContain('ivan@example.ru');
    // Resend waits for the allowed time.
    const resend = button(root, 'Отправить код ещё раз');
    expect(resend.disabled).toBe(true);
    expect(text(root.querySelector('#resend-wait'))).toMatch(
      /^Новый код можно запросить через (59|60) секунд$/,
    );
    type($(root, '#f-code'), '12345');
    await flush();
    button(root, 'Подтвердить').click();
    await vi.waitFor(() =>
      expect(text(root.querySelector('#f-code-error'))).toBe('Введите 6 цифр из письма'),
    );
    type($(root, '#f-code'), '000000');
    await flush();
    button(root, 'Подтвердить').click();
    await vi.waitFor(() => expect(text(root.querySelector('#f-code-error'))).toMatch(/^Код неверный/));
    type($(root, '#f-code'), '123456');
    await flush();
    button(root, 'Подтвердить').click();
    await vi.waitFor(() => expect($(root, '#f-applicant-email').readOnly).toBe(true));
    expect(text(root.querySelector('#f-applicant-email-hint'))).toBe('Адрес ivan@example.ru подтверждён');
    expect(root.querySelector('#f-code')).toBeNull();

    type($(root, '#f-applicant-surname'), 'Иванов');
    type($(root, '#f-applicant-firstName'), 'Иван');
    check($(root, 'input[value="proposal"]'));
    type($(root, '#f-text'), 'Предлагаю открыть секцию шахмат.');
    check($(root, '#f-consent'));
    await submit(root);
    await vi.waitFor(() => expect(submitted).toHaveBeenCalled());
    expect(portal.of(FILE)[0]?.body).toMatchObject({
      type: 'proposal',
      applicant: { surname: 'Иванов', firstName: 'Иван', email: 'ivan@example.ru' },
      identityToken: 'token-token-token-token',
    });
  });

  it('signs in through an OpenID Connect provider in a popup, trusting only messages from the portal origin', async () => {
    const base = settingsFor('ru-59fz');
    const portal = fakePortal({
      [SETTINGS]: settingsFor('ru-59fz', {
        identity: { ...base.appeals.identity, oidcProviders: [{ id: 'esia', name: 'Госуслуги' }] },
      }),
      [CHALLENGE]: challenge,
      [FILE]: receipt,
    });
    const open = vi.spyOn(window, 'open').mockImplementation(() => ({}) as Window);
    const { root, ready, submitted } = mount(portal.fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    const login = button(root, 'Войти через Госуслуги');
    expect(login.type).toBe('button');
    login.click();
    expect(open).toHaveBeenCalledTimes(1);
    const url = new URL(String(open.mock.calls[0]?.[0]));
    expect(`${url.origin}${url.pathname}`).toBe(
      'https://portal.example/v1/organizations/demo-school/identity/oidc/esia/start',
    );
    expect(url.searchParams.get('returnOrigin')).toBe(location.origin);
    await flush();
    expect(text(root.querySelector('#identity-title ~ [role="status"]'))).toBe(
      'Завершите вход в открывшемся окне.',
    );

    const identity = {
      type: 'otklik:identity',
      identityToken: 'oidc-token-oidc-token-oidc',
      email: 'citizen@example.ru',
      method: 'oidc:esia',
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
    };
    // Another origin (or the page itself) cannot forge an identity.
    window.dispatchEvent(new MessageEvent('message', { data: identity, origin: 'https://evil.example' }));
    window.dispatchEvent(new MessageEvent('message', { data: identity, origin: location.origin }));
    await flush();
    expect($(root, '#f-applicant-email').readOnly).toBe(false);
    expect($(root, '#f-applicant-email').value).toBe('');

    window.dispatchEvent(new MessageEvent('message', { data: identity, origin: 'https://portal.example' }));
    await vi.waitFor(() => expect($(root, '#f-applicant-email').readOnly).toBe(true));
    expect($(root, '#f-applicant-email').value).toBe('citizen@example.ru');
    expect(text(root.querySelector('#f-applicant-email-hint'))).toBe('Адрес citizen@example.ru подтверждён');
    expect(root.querySelector('#identity-title')).toBeNull();

    type($(root, '#f-applicant-surname'), 'Иванов');
    type($(root, '#f-applicant-firstName'), 'Иван');
    check($(root, 'input[value="proposal"]'));
    type($(root, '#f-text'), 'Предлагаю открыть секцию шахмат.');
    check($(root, '#f-consent'));
    await submit(root);
    await vi.waitFor(() => expect(submitted).toHaveBeenCalled());
    expect(portal.of(FILE)[0]?.body).toMatchObject({
      applicant: { email: 'citizen@example.ru' },
      identityToken: 'oidc-token-oidc-token-oidc',
    });
  });

  it('says so when the sign-in popup is blocked or the login fails', async () => {
    const base = settingsFor('ru-59fz');
    const portal = fakePortal({
      [SETTINGS]: settingsFor('ru-59fz', {
        identity: { ...base.appeals.identity, oidcProviders: [{ id: 'esia', name: 'Госуслуги' }] },
      }),
      [CHALLENGE]: challenge,
    });
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    const { root, ready } = mount(portal.fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    button(root, 'Войти через Госуслуги').click();
    await flush();
    expect(open).toHaveBeenCalledTimes(1);
    expect(text(root.querySelector('#identity-title ~ [role="status"]'))).toMatch(/^Браузер не открыл окно/);
    window.dispatchEvent(
      new MessageEvent('message', {
        data: { type: 'otklik:identity-error' },
        origin: 'https://portal.example',
      }),
    );
    await flush();
    expect(text(root.querySelector('#identity-title ~ [role="status"]'))).toMatch(/^Войти не удалось/);
    expect($(root, '#f-applicant-email').readOnly).toBe(false);
  });

  it('keeps the typed appeal after a network failure and retries with the same idempotency key', async () => {
    const offline = () => new TypeError('Failed to fetch');
    const portal = fakePortal({
      [SETTINGS]: settingsFor('by-300z'),
      [CHALLENGE]: challenge,
      // fetchRoute repeats an idempotent write once by itself: two failures make one failed attempt.
      [FILE]: [offline, offline, receipt],
    });
    const { root, ready, submitted } = mount(portal.fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    fill(root);
    await submit(root);
    await vi.waitFor(() =>
      expect(text(root.querySelector('[role="alert"]'))).toMatch(/^Обращение не отправлено: нет связи/),
    );
    expect(portal.of(FILE)).toHaveLength(2);
    expect($<HTMLTextAreaElement>(root, '#f-text').value).toBe('В столовой холодная еда.');
    expect($(root, '#f-applicant-surname').value).toBe('Иванова');
    expect(submitted).not.toHaveBeenCalled();
    button(root, 'Отправить ещё раз').click();
    await vi.waitFor(() => expect(submitted).toHaveBeenCalled());
    const calls = portal.of(FILE);
    expect(calls).toHaveLength(3);
    const key = calls[0]?.headers['Idempotency-Key'];
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls.map((c) => c.headers['Idempotency-Key'])).toEqual([key, key, key]);
    // The very same submission, proof of work included.
    expect(calls[2]?.body).toEqual(calls[0]?.body);
    expect(calls[0]?.body).toMatchObject({
      type: 'complaint',
      language: 'ru',
      applicant: {
        surname: 'Иванова',
        firstName: 'Мария',
        patronymic: 'Петровна',
        email: 'maria@example.by',
        postalAddress: 'г. Минск, ул. Ленина, 1',
      },
      text: 'В столовой холодная еда.',
      consent: { version: '2026-01', accepted: true },
      proofOfWork: { ...challenge, number: 42 },
      website: '',
    });
    expect(solveChallenge).toHaveBeenCalledOnce();
  });

  it('files in the language the organisation takes on a page in another language (Joomla and WordPress default to English)', async () => {
    const portal = fakePortal({
      [SETTINGS]: settingsFor('by-300z', { languages: ['ru'] }),
      [CHALLENGE]: challenge,
      [FILE]: receipt,
    });
    const { root, ready, submitted } = mount(portal.fetch, 'data-org="demo-school" data-lang="en"');
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    // The interface speaks English and says in which language the appeal is taken.
    expect(text(root.querySelector('#f-language'))).toBe(
      'Appeals are taken in Russian: please write your appeal in Russian.',
    );
    expect(root.querySelector('input[name="language"]')).toBeNull();
    fill(root);
    await submit(root);
    await vi.waitFor(() => expect(submitted).toHaveBeenCalled());
    expect(portal.of(FILE)[0]?.body).toMatchObject({ language: 'ru' });
  });

  it('lets the applicant choose the language where the organisation takes several', async () => {
    const portal = fakePortal({
      [SETTINGS]: settingsFor('by-300z', { languages: ['be', 'ru'] }),
      [CHALLENGE]: challenge,
      [FILE]: receipt,
    });
    const { root, ready, submitted } = mount(portal.fetch, 'data-org="demo-school" data-lang="en"');
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    const choices = Array.from(root.querySelectorAll<HTMLInputElement>('input[name="language"]'));
    expect(choices.map((c) => [text(c.parentElement), c.checked])).toEqual([
      ['Belarusian', true],
      ['Russian', false],
    ]);
    expect(text(choices[0]?.closest('fieldset')?.querySelector('legend'))).toBe('Language of the appeal');
    fill(root);
    check(choices[1] as HTMLInputElement);
    await submit(root);
    await vi.waitFor(() => expect(submitted).toHaveBeenCalled());
    expect(portal.of(FILE)[0]?.body).toMatchObject({ language: 'ru' });
  });

  it('keeps the page language for the appeal when the organisation takes it, without a choice', async () => {
    const portal = fakePortal({
      [SETTINGS]: settingsFor('by-300z', { languages: ['be', 'ru'] }),
      [CHALLENGE]: challenge,
      [FILE]: receipt,
    });
    const { root, ready, submitted } = mount(portal.fetch, 'data-org="demo-school" data-lang="ru"');
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    expect($(root, 'input[name="language"][value="ru"]').checked).toBe(true);
    fill(root);
    await submit(root);
    await vi.waitFor(() => expect(submitted).toHaveBeenCalled());
    expect(portal.of(FILE)[0]?.body).toMatchObject({ language: 'ru' });
  });

  it('never answers a refusal the citizen cannot fix with "try again later"', async () => {
    const portal = fakePortal({
      [SETTINGS]: settingsFor('by-300z'),
      [CHALLENGE]: challenge,
      [FILE]: problem(422, 'validation-failed', [
        { path: 'body.language', message: 'Appeals are taken in: ru' },
      ]),
    });
    const { root, ready, error } = mount(portal.fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    fill(root);
    await submit(root);
    await vi.waitFor(() =>
      expect(text(root.querySelector('[role="alert"]'))).toMatch(/^Обращение не принято/),
    );
    expect(text(root.querySelector('[role="alert"]'))).not.toMatch(/позже/);
    expect(error).toHaveBeenCalled();
  });

  it('maps the portal’s field issues to the fields and focuses the first', async () => {
    const portal = fakePortal({
      [SETTINGS]: settingsFor('by-300z'),
      [CHALLENGE]: challenge,
      [FILE]: [
        problem(422, 'validation-failed', [
          { path: 'body.text', message: 'Required' },
          { path: 'body.applicant.email', message: 'Enter a valid e-mail address' },
          { path: 'body.proofOfWork', message: 'stale' },
        ]),
        receipt,
      ],
    });
    const { root, ready, submitted } = mount(portal.fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    fill(root);
    await submit(root);
    await vi.waitFor(() => expect($(root, '#f-applicant-email').getAttribute('aria-invalid')).toBe('true'));
    expect(text(root.querySelector('#f-applicant-email-error'))).toBe(
      'Введите адрес электронной почты, например name@example.ru',
    );
    expect($(root, '#f-text').getAttribute('aria-invalid')).toBe('true');
    expect($(root, '#f-applicant-surname').getAttribute('aria-invalid')).toBeNull();
    expect(text(root.querySelector('[role="alert"]'))).toBe('Обращение не отправлено: исправьте 2 ошибки.');
    await vi.waitFor(() => expect(root.activeElement).toBe($(root, '#f-applicant-email')));
    // A refused submission is over: the next one has its own key and a fresh proof of work.
    await vi.waitFor(() => expect(solveChallenge).toHaveBeenCalledTimes(2));
    type($(root, '#f-applicant-email'), 'maria2@example.by');
    await submit(root);
    await vi.waitFor(() => expect(submitted).toHaveBeenCalled());
    const [first, second] = portal.of(FILE);
    expect(second?.headers['Idempotency-Key']).not.toBe(first?.headers['Idempotency-Key']);
  });

  it('shows the receipt, emits otklik:appeal-submitted without the secret and forgets the personal data', async () => {
    const portal = fakePortal({
      [SETTINGS]: settingsFor('by-300z'),
      [CHALLENGE]: challenge,
      [FILE]: receipt,
    });
    const { root, ready, submitted } = mount(portal.fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    fill(root);
    // The tab's draft while typing…
    await vi.waitFor(() =>
      expect(sessionStorage.getItem('otklik:appeal-draft:demo-school')).toContain('Иванова'),
    );
    await submit(root);
    await vi.waitFor(() => expect(submitted).toHaveBeenCalledOnce());
    expect(submitted.mock.calls[0]?.[0].detail).toEqual({
      widget: 'appeal',
      appealId,
      registrationNumber: 'ОБР-2026-000123',
      dueDate: '2026-12-22',
    });
    expect(JSON.stringify(submitted.mock.calls[0]?.[0].detail)).not.toContain(secret);
    expect(text(root.querySelector('h2'))).toBe('Обращение зарегистрировано');
    expect(text(root.querySelector('.number'))).toBe('ОБР-2026-000123');
    expect(text(root.querySelector('.due'))).toBe('не позднее 22 декабря 2026 г.');
    expect(text(root.querySelector('section'))).toContain('письмо о регистрации');
    const link = $(root, '#f-link');
    expect(link.value).toBe(`${location.origin}/appeals#otklik-appeal=${appealId}.${secret}`);
    expect(link.readOnly).toBe(true);
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    button(root, 'Скопировать ссылку').click();
    await vi.waitFor(() =>
      expect(text(root.querySelector('section [role="status"]'))).toBe('Ссылка скопирована'),
    );
    expect(writeText).toHaveBeenCalledWith(link.value);
    expect(root.querySelector('#f-text')).toBeNull();
    expect(root.textContent).not.toContain('Иванова');
    // …is gone once the appeal is filed: nothing personal stays in the browser.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect([sessionStorage.length, localStorage.length]).toEqual([0, 0]);
    expect(portal.of(FILE)[0]?.body).toMatchObject({ pageUrl: `${location.origin}/appeals` });
  });

  it('keeps a draft of what is typed for the tab (a reload does not empty the form), never files or consent, and says so', async () => {
    const portal = fakePortal({ [SETTINGS]: settingsFor('by-300z'), [CHALLENGE]: challenge });
    const first = mount(portal.fetch);
    await vi.waitFor(() => expect(first.ready).toHaveBeenCalled());
    expect(text(first.root.querySelector('.draft'))).toContain(
      'черновик (без файлов) хранится в этой вкладке',
    );
    fill(first.root);
    await vi.waitFor(() =>
      expect(sessionStorage.getItem('otklik:appeal-draft:demo-school')).toContain('холодная'),
    );
    first.unmount();
    const saved = JSON.parse(sessionStorage.getItem('otklik:appeal-draft:demo-school') ?? '{}');
    expect(Object.keys(saved).sort()).toEqual(
      ['email', 'firstName', 'patronymic', 'postalAddress', 'surname', 'text', 'type'].sort(),
    );
    // "Reloaded": a new widget on the page finds the typed fields again; consent is asked again.
    const again = mount(portal.fetch);
    await vi.waitFor(() => expect(again.ready).toHaveBeenCalled());
    expect($(again.root, '#f-applicant-surname').value).toBe('Иванова');
    expect($<HTMLTextAreaElement>(again.root, '#f-text').value).toBe('В столовой холодная еда.');
    expect($(again.root, 'input[value="complaint"]').checked).toBe(true);
    expect($(again.root, '#f-consent').checked).toBe(false);
    // Emptied by hand: no draft left.
    for (const id of ['surname', 'firstName', 'patronymic', 'email', 'postalAddress'])
      type($(again.root, `#f-applicant-${id}`), '');
    type($(again.root, '#f-text'), '');
    await vi.waitFor(() =>
      expect(JSON.parse(sessionStorage.getItem('otklik:appeal-draft:demo-school') ?? '{}')).toEqual({
        type: 'complaint',
      }),
    );
  });

  it('uses the portal’s tracking link when it sends one, and formats the due date in the widget language', async () => {
    const trackingUrl = `https://school.example/appeal#otklik-appeal=${appealId}.${secret}`;
    const portal = fakePortal({
      [SETTINGS]: settingsFor('by-300z'),
      [CHALLENGE]: challenge,
      [FILE]: { ...receipt, trackingUrl },
    });
    const { root, ready, submitted } = mount(portal.fetch, 'data-org="demo-school" data-lang="en"');
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    fill(root);
    await submit(root);
    await vi.waitFor(() => expect(submitted).toHaveBeenCalled());
    expect($(root, '#f-link').value).toBe(trackingUrl);
    expect(text(root.querySelector('.due'))).toBe('by December 22, 2026');
  });

  it('adds and removes co-authors of a collective appeal', async () => {
    const portal = fakePortal({
      [SETTINGS]: settingsFor('by-300z'),
      [CHALLENGE]: challenge,
      [FILE]: receipt,
    });
    const { root, ready, submitted } = mount(portal.fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    fill(root);
    button(root, 'Добавить соавтора').click();
    button(root, 'Добавить соавтора').click();
    await vi.waitFor(() => expect(root.querySelector('#f-coAuthors-1-surname')).not.toBeNull());
    button(root, 'Удалить соавтора 2').click();
    await vi.waitFor(() => expect(root.querySelector('#f-coAuthors-1-surname')).toBeNull());
    await submit(root);
    await vi.waitFor(() =>
      expect($(root, '#f-coAuthors-0-surname').getAttribute('aria-invalid')).toBe('true'),
    );
    type($(root, '#f-coAuthors-0-surname'), 'Петров');
    type($(root, '#f-coAuthors-0-firstName'), 'Пётр');
    await submit(root);
    await vi.waitFor(() => expect(submitted).toHaveBeenCalled());
    expect((portal.of(FILE)[0]?.body as { coAuthors: unknown }).coAuthors).toEqual([
      { surname: 'Петров', firstName: 'Пётр' },
    ]);
  });

  it('shows a small error state and emits otklik:error when the settings cannot be loaded', async () => {
    const portal = fakePortal({ [SETTINGS]: problem(404, 'organization-not-found') });
    const { root, error } = mount(portal.fetch);
    await vi.waitFor(() => expect(error).toHaveBeenCalled());
    expect(error.mock.calls[0]?.[0].detail).toMatchObject({
      widget: 'appeal',
      code: 'organization-not-found',
    });
    expect(text(root.querySelector('[role="status"]'))).toBe(
      'Форма обращения временно недоступна. Попробуйте позже.',
    );
    expect(warn).toHaveBeenCalled();
  });

  it('on a site the organisation has not allowed: tells the citizen plainly and the webmaster which origin to add', async () => {
    const portal = fakePortal({ [SETTINGS]: problem(403, 'origin-not-allowed') });
    const { root, error } = mount(portal.fetch);
    await vi.waitFor(() => expect(error).toHaveBeenCalled());
    const said = text(root.querySelector('[role="status"]')) ?? '';
    expect(said).toContain('не подключена на этом сайте');
    expect(said).toContain('другим способом');
    expect(said).not.toMatch(/временно|позже/);
    expect(error.mock.calls[0]?.[0].detail).toMatchObject({ widget: 'appeal', code: 'origin-not-allowed' });
    const logged = String(warn.mock.calls[0]?.[0]);
    expect(logged).toContain(`this site (${location.origin}) is not among the allowed sites`);
    expect(logged).toContain('"demo-school"');
  });

  it('shows the status tracker, loaded on demand, when the page URL carries a private link', async () => {
    history.replaceState(null, '', `/appeals#otklik-appeal=${appealId}.${secret}`);
    const portal = fakePortal({
      [SETTINGS]: settingsFor('ru-59fz'),
      [`GET /v1/appeals/${appealId}`]: appealView(),
    });
    const { root } = mount(portal.fetch);
    await vi.waitFor(() => expect(text(root.querySelector('h2'))).toBe('Обращение № ОБР-2026-000123'));
    expect(portal.of(SETTINGS)).toHaveLength(0);
    expect(portal.of(`GET /v1/appeals/${appealId}`)[0]?.headers.Authorization).toBe(`Bearer ${secret}`);
  });

  it('leaves the tracker to the status widget when the page has one: one tracker per page', async () => {
    history.replaceState(null, '', `/appeals#otklik-appeal=${appealId}.${secret}`);
    const portal = fakePortal({
      [SETTINGS]: settingsFor('ru-59fz'),
      [CHALLENGE]: challenge,
      [`GET /v1/appeals/${appealId}`]: appealView(),
    });
    // The page: the appeal form, then a status widget (not mounted here).
    const { root, ready } = mount(
      portal.fetch,
      'data-org="demo-school"></div><div data-otklik="appeal-status"',
    );
    expect(document.querySelectorAll('[data-otklik]')).toHaveLength(2);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    // The form to file another appeal, not a second copy of the tracker.
    expect(text(root.querySelector('h2'))).toBe('Электронное обращение');
    expect(portal.of(`GET /v1/appeals/${appealId}`)).toHaveLength(0);
  });

  it('has the same message keys in every language', () => {
    for (const messages of [formMessages, trackerMessages]) {
      const keys = Object.keys(messages.ru).sort();
      for (const lang of LANGUAGES) expect(Object.keys(messages[lang]).sort(), lang).toEqual(keys);
    }
  });
});

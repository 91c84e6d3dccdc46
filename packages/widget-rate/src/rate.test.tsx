import { challenge, fakePortal, problem } from '@otklik/widget-core/test-portal';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CHALLENGE,
  RATE,
  ratingId,
  ratingSettings,
  receipt,
  SEND_CODE,
  SERVICES,
  SETTINGS,
  servicePage,
} from './rate/test-fixtures.ts';
import widget from './rate.tsx';

// The proof-of-work solver is injected: the real one lives in @otklik/client and is tested there.
const solveChallenge = vi.hoisted(() => vi.fn(async (c: Record<string, unknown>) => ({ ...c, number: 42 })));
vi.mock('@otklik/client', async (original) => ({ ...(await original<object>()), solveChallenge }));

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();
/** Lets Preact render what the events changed (it batches state updates). */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const $ = <E extends Element = HTMLInputElement>(root: ShadowRoot, selector: string) =>
  root.querySelector(selector) as E;

function mount(fetch: typeof globalThis.fetch, attributes = 'data-org="demo-school"') {
  document.body.innerHTML = `<div data-otklik="rate" ${attributes}></div>`;
  const el = document.body.firstElementChild as HTMLElement;
  const events = { ready: vi.fn(), error: vi.fn(), rated: vi.fn() };
  el.addEventListener('otklik:ready', events.ready);
  el.addEventListener('otklik:error', events.error);
  document.addEventListener('otklik:rating-submitted', events.rated);
  const unmount = widget.mount(el, { portalUrl: 'https://portal.example', fetch });
  const root = el.shadowRoot as ShadowRoot;
  return { el, root, unmount, ...events };
}

/** The challenge, valid for half an hour of the tests' clock. */
const fresh = { ...challenge, expiresAt: '2026-11-22T23:00:00.000Z' };

function routes(settings = ratingSettings(), extra: Record<string, unknown> = {}) {
  return fakePortal({
    [SETTINGS]: settings,
    [SERVICES]: servicePage(),
    [CHALLENGE]: fresh,
    ...extra,
  });
}

async function opened(portal: ReturnType<typeof fakePortal>, attributes?: string) {
  const mounted = mount(portal.fetch, attributes);
  await vi.waitFor(() => expect(mounted.ready).toHaveBeenCalled());
  await flush();
  return mounted;
}

function type(input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}
function check(input: HTMLInputElement) {
  input.checked = true;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
async function send(root: ShadowRoot) {
  await flush();
  $(root, 'form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  await flush();
}
const button = (root: ShadowRoot, label: string) =>
  Array.from(root.querySelectorAll('button')).find((b) => text(b) === label) as HTMLButtonElement;
const active = (root: ShadowRoot) => root.activeElement as HTMLElement | null;

/** Chooses the first service and scores every criterion (the date is today by default). */
function fill(root: ShadowRoot, scores: Record<string, number> = { courtesy: 5, timeliness: 4 }) {
  type($<HTMLSelectElement>(root, '#f-service'), 'service-1');
  for (const [criterion, score] of Object.entries(scores))
    check($(root, `input[name="score-${criterion}"][value="${score}"]`));
}

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  solveChallenge.mockClear();
  localStorage.clear();
  // 22:30 UTC on 22 November is already 23 November in Moscow, the organisation's time zone.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-22T22:30:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('rating form', () => {
  it('renders the service list, the date with its limits, a native radio group per criterion and the comment', async () => {
    const { root } = await opened(routes());
    // The heading names the organisation being rated (the organisation search can switch it).
    expect(text($(root, 'h2'))).toBe('Оцените качество услуги: МБОУ СОШ № 1');
    const select = $<HTMLSelectElement>(root, '#f-service');
    expect(select.required).toBe(true);
    expect(Array.from(select.options, (o) => o.text)).toEqual([
      'Выберите услугу',
      'Общее образование',
      'Дополнительное образование',
      'Школьное питание',
    ]);
    // Few services: no filter box.
    expect(root.querySelector('#f-filter')).toBeNull();
    // The date: today in the organisation's time zone, at most 90 days back.
    const date = $(root, '#f-date');
    expect(date.type).toBe('date');
    expect(date.max).toBe('2026-11-23');
    expect(date.min).toBe('2026-08-25');
    expect(date.value).toBe('2026-11-23');
    expect(text($(root, '#f-date-hint'))).toBe('Не раньше 25 августа 2026 г. и не позже сегодняшнего дня.');
    expect(date.getAttribute('aria-describedby')).toBe('f-date-hint');
    // Every criterion is a fieldset whose legend is the criterion, with five native radios sharing a
    // name (so arrow keys move within the group) and visible labels.
    const groups = Array.from(root.querySelectorAll('fieldset'));
    expect(groups.map((g) => text(g.querySelector('legend')))).toEqual([
      'Вежливость персонала *',
      'Своевременность *',
    ]);
    for (const [i, id] of ['courtesy', 'timeliness'].entries()) {
      const radios = Array.from(groups[i]?.querySelectorAll('input') ?? []);
      expect(radios.map((r) => [r.type, r.name, r.value, r.required])).toEqual(
        [1, 2, 3, 4, 5].map((n) => ['radio', `score-${id}`, String(n), true]),
      );
      expect(radios.map((r) => text(r.closest('label')))).toEqual([
        '1 — очень плохо',
        '2 — плохо',
        '3 — удовлетворительно',
        '4 — хорошо',
        '5 — отлично',
      ]);
    }
    // The comment with its counter.
    const comment = $<HTMLTextAreaElement>(root, '#f-comment');
    expect(comment.required).toBe(false);
    expect(text($(root, '#f-comment-hint'))).toBe('Осталось 500 знаков из 500');
    type(comment, 'Спасибо');
    await flush();
    expect(text($(root, '#f-comment-hint'))).toBe('Осталось 493 знака из 500');
    // Anonymous: no identity step, and its chunk was not loaded.
    expect(root.querySelector('#f-email')).toBeNull();
  });

  it('speaks English and Belarusian: scale labels and criteria in the page language', async () => {
    const en = await opened(routes(), 'data-org="demo-school" data-lang="en"');
    expect(text(en.root.querySelector('legend'))).toBe('Courtesy of the staff *');
    expect(text(en.root.querySelector('input[value="5"]')?.closest('label'))).toBe('5 — excellent');
    en.unmount();
    const be = await opened(routes(), 'data-org="demo-school" data-lang="be"');
    expect(Array.from(be.root.querySelectorAll('legend'), (l) => text(l))).toEqual([
      'Вежливость персонала *',
      'Своечасовасць *',
    ]);
    expect(text(be.root.querySelector('input[value="1"]')?.closest('label'))).toBe('1 — вельмі дрэнна');
  });

  it('hides the comment when the organisation takes none, and filters a long list of services', async () => {
    const portal = fakePortal({
      [SETTINGS]: ratingSettings({ commentMaxLength: 0 }),
      [SERVICES]: servicePage(12),
      [CHALLENGE]: challenge,
    });
    const { root } = await opened(portal);
    expect(root.querySelector('#f-comment')).toBeNull();
    const filter = $(root, '#f-filter');
    expect(filter.type).toBe('search');
    expect(text(root.querySelector('label[for="f-filter"]'))).toBe('Найти услугу в списке');
    expect($<HTMLSelectElement>(root, '#f-service').options).toHaveLength(13);
    type(filter, 'услуга 1');
    await flush();
    // "Услуга 10", "Услуга 11", "Услуга 12" (the first three have other names).
    expect(Array.from($<HTMLSelectElement>(root, '#f-service').options, (o) => o.text)).toEqual([
      'Выберите услугу',
      'Услуга 10',
      'Услуга 11',
      'Услуга 12',
    ]);
    expect(text($(root, '#f-found'))).toBe('Найдено 3 услуги');
    expect($(root, '#f-found').getAttribute('role')).toBe('status');
  });

  it('says a future date and a too old date are wrong, in so many words, and focuses the date', async () => {
    const portal = routes();
    const { root } = await opened(portal);
    fill(root);
    type($(root, '#f-date'), '2026-11-24');
    await send(root);
    expect(text($(root, '#f-date-error'))).toBe(
      'Дата не может быть позже сегодняшнего дня (23 ноября 2026 г.)',
    );
    expect($(root, '#f-date').getAttribute('aria-invalid')).toBe('true');
    expect($(root, '#f-date').getAttribute('aria-describedby')).toBe('f-date-hint f-date-error');
    expect(active(root)?.id).toBe('f-date');
    expect(text(root.querySelector('[role="alert"]'))).toBe('Оценка не отправлена: исправьте 1 ошибку.');

    type($(root, '#f-date'), '2026-08-24');
    await flush();
    expect(root.querySelector('#f-date-error')).toBeNull();
    await send(root);
    expect(text($(root, '#f-date-error'))).toBe(
      'Оценки принимаются в течение 90 дней после получения услуги: укажите дату не раньше 25 августа 2026 г.',
    );
    // The oldest date accepted passes.
    type($(root, '#f-date'), '2026-08-25');
    await flush();
    expect(portal.of(RATE)).toHaveLength(0);
  });

  it('requires a score for every criterion and focuses the first radio of the first group without one', async () => {
    const portal = routes();
    const { root } = await opened(portal);
    type($<HTMLSelectElement>(root, '#f-service'), 'service-1');
    check($(root, 'input[name="score-courtesy"][value="4"]'));
    await send(root);
    expect(portal.of(RATE)).toHaveLength(0);
    expect(root.querySelector('#f-score-courtesy-error')).toBeNull();
    expect(text($(root, '#f-score-timeliness-error'))).toBe('Выберите оценку от 1 до 5');
    const group = $(root, '#f-score-timeliness').closest('fieldset') as HTMLFieldSetElement;
    expect(group.getAttribute('aria-describedby')).toBe('f-score-timeliness-error');
    expect(Array.from(group.querySelectorAll('input'), (r) => r.getAttribute('aria-invalid'))).toEqual(
      Array(5).fill('true'),
    );
    expect(active(root)?.id).toBe('f-score-timeliness');

    // Nothing chosen at all: the service first, then the criteria, counted in the summary.
    const second = await opened(routes());
    type($(second.root, '#f-date'), '');
    await send(second.root);
    expect(text(second.root.querySelector('[role="alert"]'))).toBe(
      'Оценка не отправлена: исправьте 4 ошибки.',
    );
    expect(text($(second.root, '#f-date-error'))).toBe('Укажите дату получения услуги');
    expect(active(second.root)?.id).toBe('f-service');
  });

  it('sends the rating with a device id, the proof of work and an idempotency key, then thanks and emits the event', async () => {
    const settings = { ...ratingSettings(), organizationName: 'Гимназия «Лицей № 2»' };
    const portal = routes(settings, { [RATE]: receipt() });
    const { root, el, rated } = await opened(portal);
    fill(root);
    type($<HTMLTextAreaElement>(root, '#f-comment'), '  Всё хорошо  ');
    await send(root);
    await vi.waitFor(() => expect(root.querySelector('#thanks-title')).not.toBeNull());
    const [call] = portal.of(RATE);
    const body = call?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      serviceId: 'service-1',
      serviceDate: '2026-11-23',
      scores: { courtesy: 5, timeliness: 4 },
      comment: 'Всё хорошо',
      language: 'ru',
      proofOfWork: { ...fresh, number: 42 },
    });
    expect(body.identityToken).toBeUndefined();
    // A random, URL-safe id kept for this browser.
    expect(body.deviceId).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(localStorage.getItem('otklik:device-id')).toBe(body.deviceId);
    expect(call?.headers['Idempotency-Key']).toMatch(/^[0-9a-f]{32}$/);

    expect(text($(root, '#thanks-title'))).toBe('Спасибо за оценку!');
    // Quotes inside the quoted name become „лапки“.
    expect(text($(root, '#thanks-title + p'))).toBe(
      'Ваша оценка учтена в рейтинге организации «Гимназия „Лицей № 2“».',
    );
    expect(active(root)?.id).toBe('thanks-title');
    expect(text($(root, '.current'))).toBe('Рейтинг организации сейчас: 4,3 из 5 (129 оценок)');
    expect(rated).toHaveBeenCalledTimes(1);
    const event = rated.mock.calls[0]?.[0] as CustomEvent;
    expect(event.target).toBe(el);
    expect(event.detail).toEqual({ widget: 'rate', organizationId: 'demo-school', ratingId, average: 4.34 });
  });

  it('keeps one idempotency key for a "Send" and its retries after lost responses; a double click sends once', async () => {
    let attempts = 0;
    const portal = routes(ratingSettings(), {
      [RATE]: () => {
        attempts += 1;
        // The client retries a lost response once by itself; both attempts of the first press fail.
        if (attempts <= 2) throw new TypeError('Failed to fetch');
        return receipt();
      },
    });
    const { root } = await opened(portal);
    fill(root);
    await flush();
    const form = $(root, 'form');
    // A double click: two submits before anything renders.
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await vi.waitFor(() => expect(button(root, 'Отправить ещё раз')).toBeDefined());
    expect(text(root.querySelector('[role="alert"]'))).toMatch(/^Оценка не отправлена: нет связи с сервером/);
    // What was entered is still there.
    expect($<HTMLSelectElement>(root, '#f-service').value).toBe('service-1');
    expect($(root, 'input[name="score-courtesy"][value="5"]').checked).toBe(true);
    expect(portal.of(RATE)).toHaveLength(2);
    await send(root);
    await vi.waitFor(() => expect(root.querySelector('#thanks-title')).not.toBeNull());
    const calls = portal.of(RATE);
    expect(calls).toHaveLength(3);
    const keys = new Set(calls.map((c) => c.headers['Idempotency-Key']));
    expect(keys.size).toBe(1);
    expect(new Set(calls.map((c) => JSON.stringify(c.body))).size).toBe(1);
    // One proof of work for the one rating.
    expect(solveChallenge).toHaveBeenCalledTimes(1);
  });

  it('sends a changed rating after a lost response under a new key', async () => {
    const portal = routes(ratingSettings(), {
      [RATE]: [new TypeError('offline'), new TypeError('offline'), receipt()],
    });
    const { root } = await opened(portal);
    fill(root);
    await send(root);
    await vi.waitFor(() => expect(button(root, 'Отправить ещё раз')).toBeDefined());
    check($(root, 'input[name="score-courtesy"][value="3"]'));
    await send(root);
    await vi.waitFor(() => expect(root.querySelector('#thanks-title')).not.toBeNull());
    const [first, , last] = portal.of(RATE);
    expect(last?.headers['Idempotency-Key']).not.toBe(first?.headers['Idempotency-Key']);
    expect((last?.body as { scores: unknown }).scores).toEqual({ courtesy: 3, timeliness: 4 });
  });

  it('says in plain words that the service was already rated today, and offers the retry time when limited', async () => {
    const limited = new Response(
      JSON.stringify({ type: 'about:blank', title: 'Too many', status: 429, code: 'rate-limited' }),
      { status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': '42' } },
    );
    const portal = routes(ratingSettings(), {
      [RATE]: [problem(409, 'already-rated'), limited, receipt()],
    });
    const { root } = await opened(portal);
    fill(root);
    await send(root);
    await vi.waitFor(() =>
      expect(text(root.querySelector('[role="alert"]'))).toBe(
        'Вы уже оценили эту услугу сегодня. Снова оценить её можно будет завтра.',
      ),
    );
    expect(button(root, 'Отправить оценку')).toBeDefined();
    await send(root);
    await vi.waitFor(() =>
      expect(text(root.querySelector('[role="alert"]'))).toBe(
        'Слишком много попыток. Повторите через 1 минуту.',
      ),
    );
    // A refused rating was not stored: the next "Send" is a new one, with a fresh key and proof of work.
    await send(root);
    await vi.waitFor(() => expect(root.querySelector('#thanks-title')).not.toBeNull());
    const keys = portal.of(RATE).map((c) => c.headers['Idempotency-Key']);
    expect(new Set(keys).size).toBe(3);
  });

  it('maps the portal’s field issues to the fields', async () => {
    const portal = routes(ratingSettings(), {
      [RATE]: problem(422, 'validation-failed', [
        { path: 'body.serviceDate', message: 'too old' },
        { path: 'body.scores.timeliness', message: 'missing' },
      ]),
    });
    const { root } = await opened(portal);
    fill(root);
    await send(root);
    await vi.waitFor(() => expect(root.querySelector('#f-date-error')).not.toBeNull());
    expect(text($(root, '#f-date-error'))).toBe(
      'Дата не может быть позже сегодняшнего дня (23 ноября 2026 г.)',
    );
    expect(text($(root, '#f-score-timeliness-error'))).toBe('Выберите оценку от 1 до 5');
    expect(active(root)?.id).toBe('f-date');
  });

  it('shows a polite notice and no form when the organisation takes no ratings', async () => {
    const portal = routes(ratingSettings({ enabled: false }));
    const { root } = await opened(portal);
    expect(root.querySelector('form')).toBeNull();
    const notice = $(root, '[role="status"]');
    expect(text(notice)).toBe('Эта организация сейчас не принимает оценки качества услуг.');
    // No proof of work is fetched for a form that is not there.
    expect(portal.of(CHALLENGE)).toHaveLength(0);
  });

  it('is also the custom element <otklik-rate org="…">', async () => {
    const portal = routes();
    await widget.register({ portalUrl: 'https://portal.example', fetch: portal.fetch });
    document.body.innerHTML = '<otklik-rate org="demo-school" lang="en"></otklik-rate>';
    const el = document.body.firstElementChild as HTMLElement;
    await vi.waitFor(() => expect(el.shadowRoot?.querySelector('#f-service')).not.toBeNull());
    expect(text(el.shadowRoot?.querySelector('h2'))).toBe('Rate the quality of a service: МБОУ СОШ № 1');
  });

  it('shows the error state when the settings cannot be loaded', async () => {
    const portal = fakePortal({
      [SETTINGS]: problem(404, 'organization-not-found'),
      [SERVICES]: servicePage(),
    });
    const { root, error } = mount(portal.fetch);
    await vi.waitFor(() => expect(error).toHaveBeenCalled());
    await flush();
    expect(text($(root, '[role="status"]'))).toBe('Форма оценки временно недоступна. Попробуйте позже.');
    expect(warn).toHaveBeenCalled();
  });
});

describe('rating form identification', () => {
  const verify =
    'POST /v1/organizations/demo-school/identity/email-code/6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b/verify';
  const sent = {
    verificationId: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
    expiresAt: '2026-11-22T23:00:00.000Z',
    resendAfter: '2026-11-22T22:30:00.000Z',
  };
  const identity = {
    identityToken: 'token-token-token-token',
    email: 'ivan@example.ru',
    method: 'email-code',
    expiresAt: '2026-11-23T00:00:00.000Z',
  };

  it('optional: offers the e-mail step, not required; a rating without it is sent anonymously', async () => {
    const portal = routes(ratingSettings({ identification: 'optional' }), { [RATE]: receipt() });
    const { root } = await opened(portal);
    const email = $(root, '#f-email');
    expect(email.required).toBe(false);
    expect(text(email.closest('fieldset')?.querySelector('legend'))).toBe(
      'Подтверждение адреса электронной почты',
    );
    expect(button(root, 'Получить код')).toBeDefined();
    fill(root);
    await send(root);
    await vi.waitFor(() => expect(root.querySelector('#thanks-title')).not.toBeNull());
    expect((portal.of(RATE)[0]?.body as Record<string, unknown>).identityToken).toBeUndefined();
  });

  it('required: refuses to send before the address is confirmed, then sends the identity token', async () => {
    const portal = routes(ratingSettings({ identification: 'required' }), {
      [SEND_CODE]: sent,
      [verify]: identity,
      [RATE]: { ...receipt(), identified: true },
    });
    const { root } = await opened(portal);
    expect($(root, '#f-email').required).toBe(true);
    fill(root);
    await send(root);
    expect(portal.of(RATE)).toHaveLength(0);
    expect(text($(root, '#f-email-error'))).toBe('Подтвердите адрес электронной почты кодом из письма');
    expect(active(root)?.id).toBe('f-email');

    type($(root, '#f-email'), 'ivan@example.ru');
    await flush();
    button(root, 'Получить код').click();
    await vi.waitFor(() => expect(root.querySelector('#f-code')).not.toBeNull());
    expect(portal.of(SEND_CODE)[0]?.body).toEqual({ email: 'ivan@example.ru', language: 'ru' });
    await flush();
    expect(active(root)?.id).toBe('f-code');
    type($(root, '#f-code'), '123456');
    await flush();
    button(root, 'Подтвердить').click();
    await vi.waitFor(() => expect(text($(root, '#f-email-hint'))).toBe('Адрес ivan@example.ru подтверждён'));
    expect($(root, '#f-email').readOnly).toBe(true);
    await send(root);
    await vi.waitFor(() => expect(root.querySelector('#thanks-title')).not.toBeNull());
    expect((portal.of(RATE)[0]?.body as Record<string, unknown>).identityToken).toBe(
      'token-token-token-token',
    );
  });

  it('required: an expired identity sends the citizen back to the e-mail step', async () => {
    const portal = routes(ratingSettings({ identification: 'required' }), {
      [SEND_CODE]: sent,
      [verify]: identity,
      [RATE]: problem(403, 'identity-invalid'),
    });
    const { root } = await opened(portal);
    fill(root);
    type($(root, '#f-email'), 'ivan@example.ru');
    await flush();
    button(root, 'Получить код').click();
    await vi.waitFor(() => expect(root.querySelector('#f-code')).not.toBeNull());
    type($(root, '#f-code'), '123456');
    await flush();
    button(root, 'Подтвердить').click();
    await vi.waitFor(() => expect($(root, '#f-email').readOnly).toBe(true));
    await send(root);
    await vi.waitFor(() => expect(root.querySelector('#f-email-error')).not.toBeNull());
    expect(text($(root, '#f-email-error'))).toBe('Подтвердите адрес электронной почты кодом из письма');
    expect($(root, '#f-email').readOnly).toBe(false);
    expect(active(root)?.id).toBe('f-email');
  });
});

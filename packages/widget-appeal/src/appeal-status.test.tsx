import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import widget from './appeal-status.tsx';
import { appealId, appealView, fakePortal, problem, secret } from './test-portal.ts';

const APPEAL = `GET /v1/appeals/${appealId}`;
const LOST = 'POST /v1/organizations/demo-school/appeals/lost-link';

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const button = (root: ShadowRoot, label: string) =>
  Array.from(root.querySelectorAll('button')).find((b) => text(b) === label) as HTMLButtonElement;
function type(input: Element | null, value: string) {
  (input as HTMLInputElement).value = value;
  input?.dispatchEvent(new Event('input', { bubbles: true }));
}
async function submit(form: Element | null) {
  await flush();
  form?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

function mount(fetch: typeof globalThis.fetch, attributes = 'data-org="demo-school"') {
  document.body.innerHTML = `<div data-otklik="appeal-status" ${attributes}></div>`;
  const el = document.body.firstElementChild as HTMLElement;
  const ready = vi.fn();
  el.addEventListener('otklik:ready', ready);
  widget.mount(el, { portalUrl: 'https://portal.example', fetch });
  return { el, root: el.shadowRoot as ShadowRoot, ready };
}

const withLink = () => history.replaceState(null, '', `/appeal#otklik-appeal=${appealId}.${secret}`);

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  history.replaceState(null, '', '/appeal');
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('appeal status tracker', () => {
  it('reads the private link from the fragment and shows status, result, history, due date, answer and messages', async () => {
    withLink();
    const portal = fakePortal({ [APPEAL]: appealView() });
    const { root, ready } = mount(portal.fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    const call = portal.of(APPEAL)[0];
    expect(call?.headers.Authorization).toBe(`Bearer ${secret}`);
    expect(call?.path).not.toContain(secret);
    expect(text(root.querySelector('h2'))).toBe('Обращение № ОБР-2026-000123');
    expect(text(root.querySelector('.status'))).toBe('Рассмотрено');
    expect(text(root.querySelector('.result'))).toBe('Поддержано, меры приняты');
    expect(text(root.querySelector('.due'))).toBe('2 декабря 2026 г.');
    expect(Array.from(root.querySelectorAll('.history li'), text)).toEqual([
      '2 ноября 2026 г. — Зарегистрировано',
      '3 ноября 2026 г. — На рассмотрении',
      '20 ноября 2026 г. — Рассмотрено',
    ]);
    expect(text(root.querySelector('.answer'))).toContain('Меню столовой изменено.');
    expect(text(root.querySelector('.messages'))).toContain('Уточните, пожалуйста, класс.');
    expect(root.querySelector('.withdraw')).toBeNull();
  });

  it('speaks Belarusian and English', async () => {
    withLink();
    const be = mount(
      fakePortal({ [APPEAL]: appealView({ status: 'forwarded', result: null }) }).fetch,
      'data-org="demo-school" data-lang="be"',
    );
    await vi.waitFor(() => expect(be.ready).toHaveBeenCalled());
    expect(text(be.root.querySelector('.status'))).toBe('Накіраваны па кампетэнцыі');
    const en = mount(
      fakePortal({ [APPEAL]: appealView({ status: 'extended', result: null }) }).fetch,
      'data-org="demo-school" data-lang="en"',
    );
    await vi.waitFor(() => expect(en.ready).toHaveBeenCalled());
    expect(text(en.root.querySelector('.status'))).toBe('Consideration extended');
  });

  it('rates the answer 1–5 through a radio group, sending the secret as Bearer', async () => {
    withLink();
    const portal = fakePortal({
      [APPEAL]: appealView(),
      [`POST /v1/appeals/${appealId}/rating`]: appealView({ rating: { score: 4 }, canRate: false }),
    });
    const { root, ready } = mount(portal.fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    const radios = Array.from(root.querySelectorAll<HTMLInputElement>('.rating input[type="radio"]'));
    expect(radios.map((r) => r.getAttribute('aria-label'))).toEqual([
      '1 балл',
      '2 балла',
      '3 балла',
      '4 балла',
      '5 баллов',
    ]);
    expect(text(root.querySelector('.rating legend'))).toBe('Оцените ответ *');
    await submit(root.querySelector('.rating'));
    await vi.waitFor(() =>
      expect(text(root.querySelector('#rating-error'))).toBe('Выберите оценку от 1 до 5'),
    );
    const four = radios[3] as HTMLInputElement;
    four.checked = true;
    four.dispatchEvent(new Event('change', { bubbles: true }));
    type(root.querySelector('.rating textarea'), 'Быстро и по делу');
    await submit(root.querySelector('.rating'));
    await vi.waitFor(() =>
      expect(text(root.querySelector('.rated'))).toBe('Ваша оценка ответа: 4 из 5. Спасибо!'),
    );
    const call = portal.of(`POST /v1/appeals/${appealId}/rating`)[0];
    expect(call?.headers.Authorization).toBe(`Bearer ${secret}`);
    expect(call?.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(call?.body).toEqual({ score: 4, comment: 'Быстро и по делу' });
  });

  it('withdraws after confirmation where allowed, sending the secret as Bearer', async () => {
    withLink();
    const open = appealView({
      status: 'in_review',
      result: null,
      answer: null,
      canRate: false,
      canWithdraw: true,
    });
    const portal = fakePortal({
      [APPEAL]: open,
      [`POST /v1/appeals/${appealId}/withdrawal`]: { ...open, status: 'withdrawn', canWithdraw: false },
    });
    const { root, ready } = mount(portal.fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    button(root, 'Отозвать обращение').click();
    await vi.waitFor(() => expect(button(root, 'Да, отозвать')).toBeDefined());
    expect(portal.of(`POST /v1/appeals/${appealId}/withdrawal`)).toHaveLength(0);
    button(root, 'Да, отозвать').click();
    await vi.waitFor(() => expect(text(root.querySelector('.status'))).toBe('Отозвано заявителем'));
    const call = portal.of(`POST /v1/appeals/${appealId}/withdrawal`)[0];
    expect(call?.headers.Authorization).toBe(`Bearer ${secret}`);
    expect(call?.headers['Idempotency-Key']).toBeDefined();
    expect(root.querySelector('.withdraw')).toBeNull();
  });

  it('adds a clarification', async () => {
    withLink();
    const after = appealView({
      messages: [
        ...appealView().messages,
        {
          id: '1a2b3c4d-0000-4000-8000-000000000002',
          author: 'applicant',
          text: '5 «Б»',
          at: '2026-11-06T08:00:00.000Z',
          attachments: [],
        },
      ],
    });
    const portal = fakePortal({ [APPEAL]: appealView(), [`POST /v1/appeals/${appealId}/messages`]: after });
    const { root, ready } = mount(portal.fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    type(root.querySelector('.message textarea'), '5 «Б»');
    await submit(root.querySelector('.message'));
    await vi.waitFor(() => expect(root.querySelectorAll('.messages li')).toHaveLength(2));
    const call = portal.of(`POST /v1/appeals/${appealId}/messages`)[0];
    expect(call?.body).toEqual({ text: '5 «Б»' });
    expect(call?.headers.Authorization).toBe(`Bearer ${secret}`);
    expect((root.querySelector('.message textarea') as HTMLTextAreaElement).value).toBe('');
  });

  it('offers the lost-link form for a wrong link', async () => {
    withLink();
    const portal = fakePortal({ [APPEAL]: problem(404, 'not-found') });
    const { root } = mount(portal.fetch);
    await vi.waitFor(() => expect(root.querySelector('form.lost')).not.toBeNull());
    expect(text(root.querySelector('[role="alert"]'))).toMatch(/^Ссылка на обращение неверна/);
  });

  it('without a link: the lost-link form always answers with the same neutral confirmation', async () => {
    const portal = fakePortal({ [LOST]: [{ accepted: true }, problem(404, 'not-found')] });
    const { root } = mount(portal.fetch);
    await vi.waitFor(() => expect(root.querySelector('form.lost')).not.toBeNull());
    const form = root.querySelector('form.lost');
    await submit(form);
    await vi.waitFor(() => expect(root.activeElement?.id).toBe('f-lost-number'));
    expect(portal.of(LOST)).toHaveLength(0);
    const answers: (string | undefined)[] = [];
    for (const number of ['ОБР-2026-000123', 'ОБР-1999-000001']) {
      type(root.querySelector('#f-lost-number'), number);
      type(root.querySelector('#f-lost-email'), 'maria@example.by');
      await submit(form);
      await vi.waitFor(() => expect(root.querySelector('.done')).not.toBeNull());
      answers.push(text(root.querySelector('.done')));
      expect((root.querySelector('#f-lost-email') as HTMLInputElement).value).toBe('');
    }
    expect(answers[0]).toMatch(/^Если обращение с таким номером подано с этого адреса/);
    expect(answers[1]).toBe(answers[0]);
    expect(portal.of(LOST).map((c) => c.body)).toEqual([
      {
        registrationNumber: 'ОБР-2026-000123',
        email: 'maria@example.by',
        pageUrl: `${location.origin}/appeal`,
      },
      {
        registrationNumber: 'ОБР-1999-000001',
        email: 'maria@example.by',
        pageUrl: `${location.origin}/appeal`,
      },
    ]);
  });

  it('follows hashchange to the appeal the new link names', async () => {
    const portal = fakePortal({ [APPEAL]: appealView() });
    const { root } = mount(portal.fetch);
    await vi.waitFor(() => expect(root.querySelector('form.lost')).not.toBeNull());
    location.hash = `#otklik-appeal=${appealId}.${secret}`;
    // Preact attaches the listener in an effect, after the first paint: repeat the event until it is heard.
    await vi.waitFor(() => {
      window.dispatchEvent(new Event('hashchange'));
      expect(text(root.querySelector('h2'))).toBe('Обращение № ОБР-2026-000123');
    });
  });
});

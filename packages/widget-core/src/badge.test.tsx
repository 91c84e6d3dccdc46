import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineBadge } from './badge.ts';
import { defineWidget } from './define.ts';
import { defineMessages } from './i18n.ts';
import { fakePortal, json, problem } from './test-portal.ts';

const messages = defineMessages({
  ru: { title: 'Показатели', unavailable: 'Показатели недоступны', figure: '{n} всего' },
  be: { title: 'Паказчыкі', unavailable: 'Паказчыкі недаступныя', figure: '{n} усяго' },
  en: { title: 'Figures', unavailable: 'Figures are unavailable', figure: '{n} in all' },
});
const FIGURES = 'GET /v1/organizations/demo-school/figures';

/** A badge of one number, as the counter and the rating badge are made. */
const Figures = defineBadge({
  name: 'figures',
  messages,
  load: (portal, organizationId, signal) =>
    (portal.fetch ?? fetch)(`${portal.baseUrl}/v1/organizations/${organizationId}/figures`, { signal }).then(
      (response) => (response.ok ? (response.json() as Promise<{ n: number }>) : Promise.reject(response)),
    ),
  valid: (data) => typeof data?.n === 'number',
  view: (data, t, full) => <p class={full ? 'full' : 'compact'}>{t.t('figure', { n: data.n })}</p>,
});
class Reloading extends Figures {
  again() {
    this.read();
  }
}
let reloading: Reloading | undefined;
const widget = defineWidget({
  name: 'figures',
  component: (props) => <Reloading ref={(badge) => (reloading = badge ?? undefined)} {...props} />,
  attributes: { org: () => 'demo-school', variant: () => 'full' as const },
  messages,
});

function mount(routes: Parameters<typeof fakePortal>[0]) {
  document.body.innerHTML = '<div data-otklik="figures"></div>';
  const host = document.body.firstElementChild as HTMLElement;
  const events = { ready: vi.fn(), error: vi.fn() };
  host.addEventListener('otklik:ready', events.ready);
  host.addEventListener('otklik:error', events.error);
  const portal = fakePortal(routes);
  const unmount = widget.mount(host, { portalUrl: 'https://portal.example', fetch: portal.fetch });
  return { root: host.shadowRoot as ShadowRoot, unmount, portal, ...events };
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('badge', () => {
  it('shows its title while loading, then the figures, and says it is ready once', async () => {
    const { root, ready } = mount({ [FIGURES]: [{ n: 7 }, { n: 8 }] });
    const loading = root.querySelector('[aria-busy="true"]');
    expect(loading?.className).toBe('box figures loading full');
    expect(loading?.textContent).toBe('Показатели');
    await vi.waitFor(() => expect(root.querySelector('.full')?.textContent).toBe('7 всего'));
    expect(ready).toHaveBeenCalledOnce();
    expect(ready.mock.calls[0]?.[0].detail).toEqual({ widget: 'figures', data: { n: 7 } });
    reloading?.again();
    await vi.waitFor(() => expect(root.querySelector('.full')?.textContent).toBe('8 всего'));
    expect(ready).toHaveBeenCalledOnce();
  });

  it('shows a polite error and reports it when the portal refuses or answers something else', async () => {
    for (const answer of [problem(404, 'organization-not-found'), json({ total: 7 })]) {
      const { root, error } = mount({ [FIGURES]: answer });
      await vi.waitFor(() =>
        expect(root.querySelector('[role="status"]')?.textContent).toBe('Показатели недоступны'),
      );
      expect(error).toHaveBeenCalledOnce();
    }
  });

  it('keeps the figures when a reload fails, and shows only the newest read', async () => {
    let answer!: (value: Response) => void;
    const slow = new Promise<Response>((resolve) => {
      answer = resolve;
    });
    const { root, error } = mount({ [FIGURES]: [{ n: 7 }, () => slow, problem(503, 'service-unavailable')] });
    await vi.waitFor(() => expect(root.querySelector('.full')?.textContent).toBe('7 всего'));
    reloading?.again(); // slow
    reloading?.again(); // fails, and replaces the slow one
    await vi.waitFor(() => expect(error).toHaveBeenCalledOnce());
    answer(json({ n: 9 }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(root.querySelector('.full')?.textContent).toBe('7 всего');
  });

  it('sends its request after the first render, not during it, and none when unmounted before', async () => {
    const { unmount, portal, ready } = mount({ [FIGURES]: { n: 7 } });
    expect(portal.calls).toHaveLength(0);
    unmount();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(portal.calls).toHaveLength(0);
    expect(ready).not.toHaveBeenCalled();
  });

  it('stops reading when unmounted while its request is under way', async () => {
    let answer!: (value: Response) => void;
    const late = new Promise<Response>((resolve) => {
      answer = resolve;
    });
    const { unmount, portal, ready, error } = mount({ [FIGURES]: () => late });
    await vi.waitFor(() => expect(portal.calls).toHaveLength(1));
    unmount();
    answer(json({ n: 7 }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ready).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });
});

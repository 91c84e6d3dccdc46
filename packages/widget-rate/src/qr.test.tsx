import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakePortal, problem, settingsFor } from '../../widget-appeal/src/test-portal.ts';

const { makeQr } = await vi.importActual<typeof import('./qr/draw.ts')>('./qr/draw.ts');

/**
 * Counts the lazy imports: the encoder and the view must not load before someone asks. The module
 * registry is reset before each test, and the widget imported afresh, so each test counts its own.
 */
const loads = { draw: 0, view: 0 };

const SETTINGS = 'GET /v1/organizations/demo-school/widget-settings';
const PORTAL_PAGE = 'https://portal.example/r/demo-school';

function settings(ratingPageUrl: string | null = null, languages: ('ru' | 'be' | 'en')[] = ['ru']) {
  const s = settingsFor('ru-59fz');
  return { ...s, languages, ratings: { ...s.ratings, ratingPageUrl } };
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();

async function mount(attributes: string, routes: Record<string, unknown> = { [SETTINGS]: settings() }) {
  const { default: widget } = await import('./qr.tsx');
  document.body.innerHTML = `<div data-otklik="qr" ${attributes}></div>`;
  const host = document.body.firstElementChild as HTMLElement;
  const ready = vi.fn();
  const error = vi.fn();
  host.addEventListener('otklik:ready', ready);
  host.addEventListener('otklik:error', error);
  const portal = fakePortal(routes);
  const unmount = widget.mount(host, { portalUrl: 'https://portal.example', fetch: portal.fetch });
  const root = host.shadowRoot as ShadowRoot;
  const button = (name: string | RegExp) =>
    Array.from(root.querySelectorAll('button')).find((b) =>
      typeof name === 'string' ? text(b) === name : name.test(text(b) ?? ''),
    );
  const svg = () => root.querySelector('svg');
  return { host, root, ready, error, portal, unmount, button, svg };
}

beforeEach(() => {
  vi.resetModules();
  loads.draw = 0;
  loads.view = 0;
  vi.doMock('./qr/draw.ts', async (importOriginal) => {
    loads.draw++;
    return importOriginal();
  });
  vi.doMock('./qr/view.tsx', async (importOriginal) => {
    loads.view++;
    return importOriginal();
  });
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('QR code widget', () => {
  it('shows a button, not the code, and loads no drawing code until asked', async () => {
    const w = await mount('data-org="demo-school"');
    await vi.waitFor(() => expect(w.ready).toHaveBeenCalled());
    expect(w.ready.mock.calls[0]?.[0].detail).toEqual({ widget: 'qr', data: { url: PORTAL_PAGE } });
    expect(text(w.root.querySelector('.title'))).toBe('QR-код страницы оценки качества услуг');
    expect(text(w.root.querySelector('.muted'))).toBe('Школа № 1');
    expect(w.button('Показать QR-код')).toBeDefined();
    expect(w.button('Плакат для печати')).toBeDefined();
    expect(w.svg()).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(loads).toEqual({ draw: 0, view: 0 });
  });

  it('draws the code for the portal’s rating page on demand, with the URL as its text alternative', async () => {
    const w = await mount('data-org="demo-school"');
    await vi.waitFor(() => expect(w.ready).toHaveBeenCalled());
    w.button('Показать QR-код')?.click();
    await vi.waitFor(() => expect(w.svg()).not.toBeNull());
    expect(loads).toEqual({ draw: 1, view: 1 });
    const svg = w.svg() as SVGSVGElement;
    const image = makeQr(PORTAL_PAGE);
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe(`QR-код со ссылкой ${PORTAL_PAGE}`);
    expect(svg.getAttribute('viewBox')).toBe(`0 0 ${image.size} ${image.size}`);
    expect(svg.querySelector('path')?.getAttribute('d')).toBe(image.path);
    const link = w.root.querySelector('figcaption a');
    expect(link?.getAttribute('href')).toBe(PORTAL_PAGE);
    expect(text(link)).toBe('portal.example/r/demo-school');
    // Focus moves to the code, the button that was pressed being gone.
    await vi.waitFor(() => expect(w.root.activeElement?.tagName).toBe('FIGURE'));
    expect(w.button('Скачать SVG')).toBeDefined();
    expect(w.button('Скачать PNG')).toBeDefined();
  });

  it('prefers the organisation’s own rating page, and data-url over both', async () => {
    const own = 'https://bus.gov.ru/qrcode/rate/123456';
    const a = await mount('data-org="demo-school"', { [SETTINGS]: settings(own) });
    await vi.waitFor(() => expect(a.ready).toHaveBeenCalled());
    a.button('Показать QR-код')?.click();
    await vi.waitFor(() => expect(a.svg()).not.toBeNull());
    expect(a.svg()?.querySelector('path')?.getAttribute('d')).toBe(makeQr(own).path);

    const b = await mount('data-org="demo-school" data-url="https://school.example/ocenka"', {
      [SETTINGS]: settings(own),
    });
    await vi.waitFor(() => expect(b.ready).toHaveBeenCalled());
    b.button('Показать QR-код')?.click();
    await vi.waitFor(() => expect(b.svg()).not.toBeNull());
    expect(b.svg()?.getAttribute('aria-label')).toBe('QR-код со ссылкой https://school.example/ocenka');
  });

  it('asks for the page language when it is not the organisation’s first', async () => {
    const w = await mount('data-org="demo-school" data-lang="be"');
    await vi.waitFor(() => expect(w.ready).toHaveBeenCalled());
    w.button('Паказаць QR-код')?.click();
    await vi.waitFor(() => expect(w.svg()).not.toBeNull());
    expect(w.svg()?.getAttribute('aria-label')).toBe(`QR-код са спасылкай ${PORTAL_PAGE}?lang=be`);
  });

  it('still works when the settings cannot be read, and waits for them before drawing', async () => {
    let answer!: (value: unknown) => void;
    // The first answer waits for the test; the client retries a 503 once.
    const w = await mount('data-org="demo-school" data-lang="en"', {
      [SETTINGS]: [() => new Promise((resolve) => (answer = resolve)), problem(503, 'service-unavailable')],
    });
    w.button('Show QR code')?.click();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(w.svg()).toBeNull();
    expect(text(w.root.querySelector('[role="status"]'))).toBe('Drawing the QR code…');
    answer(problem(503, 'service-unavailable'));
    await vi.waitFor(() => expect(w.svg()).not.toBeNull(), { timeout: 3000 });
    expect(w.svg()?.getAttribute('aria-label')).toBe(`QR code linking to ${PORTAL_PAGE}?lang=en`);
    expect(w.error).not.toHaveBeenCalled();
  });

  it('says it is unavailable for an unknown organisation', async () => {
    const w = await mount('data-org="nobody"', {
      'GET /v1/organizations/nobody/widget-settings': problem(404, 'organization-not-found'),
    });
    await vi.waitFor(() => expect(w.error).toHaveBeenCalled());
    expect(text(w.root.querySelector('[role="status"]'))).toBe('QR-код временно недоступен');
  });

  it('rejects a data-url that is not an http(s) URL', async () => {
    const w = await mount('data-org="demo-school" data-url="javascript:alert(1)"');
    expect(w.error).toHaveBeenCalled();
    expect(w.error.mock.calls[0]?.[0].detail.code).toBe('invalid-attribute');
  });

  it('downloads the SVG and the PNG under the organisation’s id', async () => {
    const saved: { name: string; blob: Blob }[] = [];
    const blobs = new Map<string, Blob>();
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      const url = `blob:test/${blobs.size}`;
      blobs.set(url, blob as Blob);
      return url;
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, blob: blobs.get(this.href) as Blob });
    });
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({
      fillStyle: '',
      fillRect() {},
    } as unknown as CanvasRenderingContext2D);
    vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation((callback, type) =>
      callback(new Blob(['png'], { type: type ?? 'image/png' })),
    );
    const w = await mount('data-org="demo-school"');
    await vi.waitFor(() => expect(w.ready).toHaveBeenCalled());
    w.button('Показать QR-код')?.click();
    await vi.waitFor(() => expect(w.button('Скачать SVG')).toBeDefined());
    w.button('Скачать SVG')?.click();
    w.button('Скачать PNG')?.click();
    await vi.waitFor(() => expect(saved).toHaveLength(2));
    expect(saved.map((s) => [s.name, s.blob.type])).toEqual([
      ['otklik-qr-demo-school.svg', 'image/svg+xml'],
      ['otklik-qr-demo-school.png', 'image/png'],
    ]);
    const svg = await saved[0]?.blob.text();
    expect(svg).toContain(`<path d="${makeQr(PORTAL_PAGE).path}"`);
    expect(svg).toContain(`<title>${PORTAL_PAGE}</title>`);
  });

  it('renders a poster page (data-poster) with the name, the call to action and the URL, drawing only when asked', async () => {
    const print = vi.fn();
    window.print = print;
    const w = await mount('data-org="demo-school" data-poster="a5"');
    await vi.waitFor(() => expect(w.root.querySelector('.poster')).not.toBeNull());
    const poster = w.root.querySelector('.poster') as HTMLElement;
    expect(poster.classList.contains('a5')).toBe(true);
    expect(text(poster.querySelector('.org'))).toBe('Школа № 1');
    expect(text(poster.querySelector('.cta'))).toBe('Оцените качество услуг');
    expect(text(poster.querySelector('.url'))).toBe('portal.example/r/demo-school');
    expect(w.svg()).toBeNull();
    expect(loads).toEqual({ draw: 0, view: 1 });
    // A dedicated poster cannot be hidden; "Print" draws the code first, then prints.
    expect(w.button('Скрыть плакат')).toBeUndefined();
    w.button('Распечатать')?.click();
    await vi.waitFor(() => expect(print).toHaveBeenCalledOnce());
    expect(poster.querySelector('svg path')?.getAttribute('d')).toBe(makeQr(PORTAL_PAGE).path);
    expect(loads.draw).toBe(1);
  });

  it('opens the poster from the card, switches A4/A5 and hides it again', async () => {
    const w = await mount('data-org="demo-school" data-lang="be"');
    await vi.waitFor(() => expect(w.ready).toHaveBeenCalled());
    w.button('Плакат для друку')?.click();
    await vi.waitFor(() => expect(w.root.querySelector('.poster svg')).not.toBeNull());
    const poster = w.root.querySelector('.poster') as HTMLElement;
    expect(poster.classList.contains('a4')).toBe(true);
    expect(text(poster.querySelector('.cta'))).toBe('Ацаніце якасць паслуг');
    await vi.waitFor(() => expect(w.root.activeElement).toBe(poster));
    const select = w.root.querySelector('select') as HTMLSelectElement;
    expect(text(select.closest('label'))).toMatch(/^Фармат плаката/);
    select.value = 'a5';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(w.root.querySelector('.poster')?.classList.contains('a5')).toBe(true));
    w.button('Схаваць плакат')?.click();
    await vi.waitFor(() => expect(w.root.querySelector('.poster')).toBeNull());
    expect(w.root.querySelector('figure svg')).not.toBeNull();
    await vi.waitFor(() => expect(text(w.root.activeElement)).toBe('Плакат для друку'));
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WidgetModule } from './define.ts';
import { installLoader, type LoaderOptions, type OtklikApi } from './loader.ts';

type Win = LoaderOptions['window'];
const win = window as unknown as Win;
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function fakeWidget(name: string) {
  const unmounts: string[] = [];
  const module: WidgetModule = {
    name,
    tag: `otklik-${name}`,
    register: vi.fn(async () => {}),
    mount: vi.fn((host: HTMLElement) => {
      host.setAttribute('data-mounted', name);
      return () => {
        unmounts.push(host.id);
      };
    }),
  };
  return { module, unmounts };
}

const counter = fakeWidget('appeal-counter');
const rate = fakeWidget('rate');
const importer = vi.fn(async (url: string) => {
  if (url.endsWith('/counter-1.js')) return { default: counter.module };
  if (url.endsWith('/rate-1.js')) return { default: rate.module };
  if (url.endsWith('/shared-1.js')) return {};
  throw new TypeError(`Failed to fetch ${url}`);
});

function install(extra: Partial<LoaderOptions> = {}): OtklikApi | undefined {
  return installLoader({
    window: win,
    scriptUrl: 'https://portal.example/otklik/otklik.js?v=1',
    widgets: {
      'appeal-counter': ['counter-1.js', 'shared-1.js'],
      rate: ['rate-1.js', 'shared-1.js'],
      broken: ['gone.js'],
    },
    version: '1.2.3',
    importer,
    observe: false,
    ...extra,
  });
}

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  delete win.Otklik;
  document.body.innerHTML = '';
  vi.clearAllMocks();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('loader', () => {
  it('mounts the widgets the page has, importing only their files, with the portal URL', async () => {
    document.body.innerHTML =
      '<div id="a" data-otklik="appeal-counter" data-org="demo"></div><div id="b" data-otklik="appeal-counter" data-org="x"></div>';
    const api = install();
    expect(win.Otklik).toBe(api);
    await api?.ready;
    expect(importer.mock.calls.map(([url]) => url)).toEqual([
      'https://portal.example/otklik/widgets/counter-1.js',
      'https://portal.example/otklik/widgets/shared-1.js',
    ]);
    // Divs are mounted directly: the custom element's code is not even loaded.
    expect(counter.module.register).not.toHaveBeenCalled();
    expect(counter.module.mount).toHaveBeenCalledTimes(2);
    expect(rate.module.mount).not.toHaveBeenCalled();
    expect(api?.version).toBe('1.2.3');
  });

  it('registers custom elements without mounting them itself', async () => {
    document.body.innerHTML = '<otklik-rate org="demo"></otklik-rate>';
    await install()?.ready;
    expect(rate.module.register).toHaveBeenCalledWith({ portalUrl: 'https://portal.example/otklik' });
    expect(rate.module.mount).not.toHaveBeenCalled();
  });

  it('load() mounts new points only; reload() unmounts removed or changed ones', async () => {
    document.body.innerHTML = '<div id="a" data-otklik="appeal-counter" data-org="demo"></div>';
    const api = install() as OtklikApi;
    await api.ready;
    await api.load();
    expect(counter.module.mount).toHaveBeenCalledOnce();

    const b = document.createElement('div');
    b.id = 'b';
    b.setAttribute('data-otklik', 'appeal-counter');
    document.body.append(b);
    await api.load();
    expect(counter.module.mount).toHaveBeenCalledTimes(2);

    document.getElementById('a')?.remove();
    b.setAttribute('data-org', 'changed');
    await api.reload();
    expect(counter.unmounts.sort()).toEqual(['a', 'b']);
    expect(counter.module.mount).toHaveBeenCalledTimes(3); // b again, with its new attributes
  });

  it('replays calls queued before it arrived, then replaces the queue', async () => {
    const handler = vi.fn();
    const fn = vi.fn();
    win.Otklik = [['on', 'error', handler], fn, ['nonsense']];
    document.body.innerHTML = '<div data-otklik="broken"></div>';
    const api = install() as OtklikApi;
    expect(fn).toHaveBeenCalledWith(api);
    await api.ready;
    expect(handler).toHaveBeenCalledOnce();
    expect(handler.mock.calls[0]?.[0].detail).toMatchObject({ widget: 'broken', code: 'load-failed' });
    api.off('error', handler);
    api.push(['on', 'ready', handler]);
    document.dispatchEvent(new CustomEvent('otklik:ready', { detail: { widget: 'x' } }));
    expect(handler).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledWith('[otklik] unknown command "nonsense"', '');
  });

  it('does nothing when included a second time', async () => {
    const first = install();
    expect(install()).toBeUndefined();
    expect(win.Otklik).toBe(first);
  });

  it('logs an unknown widget name once and never throws', async () => {
    document.body.innerHTML = '<div data-otklik="nope"></div><div data-otklik="nope"></div>';
    const api = install() as OtklikApi;
    await api.ready;
    await api.load();
    expect(
      warn.mock.calls.filter(([message]: unknown[]) => String(message).includes('unknown widget "nope"')),
    ).toHaveLength(1);
  });

  it('retries a widget whose files failed to load on the next load()', async () => {
    document.body.innerHTML = '<div data-otklik="broken"></div>';
    const api = install() as OtklikApi;
    await api.ready;
    await api.load();
    expect(importer).toHaveBeenCalledTimes(2);
  });

  it('waits for the document when run before it is parsed', async () => {
    const state = vi.spyOn(document, 'readyState', 'get').mockReturnValue('loading');
    document.body.innerHTML = '<div data-otklik="appeal-counter"></div>';
    install();
    expect(importer).not.toHaveBeenCalled();
    state.mockRestore();
    document.dispatchEvent(new Event('DOMContentLoaded'));
    await (win.Otklik as OtklikApi).ready;
    expect(counter.module.mount).toHaveBeenCalledOnce();
  });

  it('notices mount points added later when observing', async () => {
    const api = install({ observe: true }) as OtklikApi;
    await api.ready;
    const div = document.createElement('div');
    div.setAttribute('data-otklik', 'appeal-counter');
    document.body.append(div);
    await vi.waitFor(() => expect(counter.module.mount).toHaveBeenCalledOnce());
    await tick();
  });
});

/**
 * The `otklik.js` loader: a classic script pasted once per site. It finds mount points
 * (`<div data-otklik="NAME">` and `<otklik-NAME>` elements), imports only the widget modules the page
 * needs, and exposes `window.Otklik`. It must stay tiny (≤ 2 KB gzip) and import nothing but types:
 * no Preact, no client. It never throws into the page.
 */

import type { WidgetConfig } from './config.ts';
import type { Unmount, WidgetModule } from './define.ts';
import type { DiagnoseModule, Finding } from './diagnose.ts';
import type { OtklikEventMap } from './events.ts';

/** Widget name → files to import: the entry first, then the chunks it imports (fetched in parallel). */
export type WidgetFiles = Record<string, readonly string[]>;

export type OtklikHandler<K extends keyof OtklikEventMap> = (event: CustomEvent<OtklikEventMap[K]>) => void;

/** `window.Otklik` once the loader has run. */
export interface OtklikApi {
  readonly version: string;
  /** Resolves when the first scan has mounted what it found. */
  readonly ready: Promise<void>;
  /** Scans the document and mounts mount points not mounted yet. */
  load(): Promise<void>;
  /** Unmounts mount points that left the document or whose attributes changed, then `load()`s. */
  reload(): Promise<void>;
  on<K extends keyof OtklikEventMap>(type: K, handler: OtklikHandler<K>): void;
  off<K extends keyof OtklikEventMap>(type: K, handler: OtklikHandler<K>): void;
  /**
   * Explains in plain words (Russian or English: `lang`, else the page's or the browser's language)
   * why widgets on this page do not show; logs the report to the console and returns the findings.
   * Loads its code from the portal only when called.
   */
  diagnose(lang?: string): Promise<Finding[]>;
  /** Runs a queued command (`['on', 'error', fn]`, `['load']`) or a function `fn(Otklik)`. */
  push(command: OtklikCommand): void;
}

export type OtklikCommand = readonly [string, ...unknown[]] | ((api: OtklikApi) => void);

export interface LoaderOptions {
  /** The window to install into. */
  window: Window & { Otklik?: unknown };
  /** URL of the loader script itself; the portal is its directory, widget files are under `widgets/`. */
  scriptUrl: string;
  widgets: WidgetFiles;
  version: string;
  /** How to import a module by absolute URL (injectable for tests). */
  importer?: (url: string) => Promise<unknown>;
  /** Watch the document for mount points added later (debounced `reload()`). Default true. */
  observe?: boolean;
}

/** Installs `window.Otklik` (unless a loader is there already) and starts the first scan. */
export function installLoader(options: LoaderOptions): OtklikApi | undefined {
  const win = options.window;
  const queued = win.Otklik;
  if (queued && !Array.isArray(queued)) return; // a second copy of the script: the first one serves
  const doc = win.document;
  const warn = (message: string, error?: unknown) => console.warn(`[otklik] ${message}`, error ?? '');
  const base = new URL('.', options.scriptUrl).href; // ends with "/"
  const config: WidgetConfig = { portalUrl: base.slice(0, -1) };
  const widgets = options.widgets;
  const names = Object.keys(widgets);
  const importer = options.importer ?? ((url: string) => import(/* @vite-ignore */ url));
  const modules: Record<string, Promise<WidgetModule> | undefined> = {};
  const mounts = new Map<Element, [Unmount, string]>();
  const unknown = new Set<string>();
  const selector = ['[data-otklik]', ...names.map((name) => `otklik-${name}`)].join();
  // Kept for `diagnose()`: the widgets' errors since the loader started (CSP violations it finds itself).
  const seen: Event[] = [];
  doc.addEventListener('otklik:error', (e) => seen.push(e));

  const signature = (el: Element) =>
    Array.from(el.attributes, (a) => (/^(data-|lang$)/.test(a.name) ? `${a.name}=${a.value}` : '')).join();

  const get = (name: string): Promise<WidgetModule> =>
    (modules[name] ??= Promise.all(
      (widgets[name] ?? []).map((file) => importer(`${base}widgets/${file}`)),
    ).then(
      ([entry]) => (entry as { default: WidgetModule }).default,
      (error) => {
        modules[name] = undefined; // let a later load() try again
        throw error;
      },
    ));

  const load = async (): Promise<void> => {
    const jobs: Promise<void>[] = [];
    for (const el of Array.from(doc.querySelectorAll(selector))) {
      const element = el.localName.startsWith('otklik-');
      const name = element ? el.localName.slice(7) : (el.getAttribute('data-otklik') ?? '').trim();
      if (mounts.has(el)) continue;
      if (!widgets[name]) {
        if (!unknown.has(name)) warn(`unknown widget "${name}"`);
        unknown.add(name);
        continue;
      }
      jobs.push(
        get(name).then(
          (widget) => {
            // Custom elements mount themselves once defined (the definition loads only for pages
            // that use them); divs are mounted here.
            if (element) return widget.register(config);
            if (!mounts.has(el) && el.isConnected)
              mounts.set(el, [widget.mount(el as HTMLElement, config), signature(el)]);
          },
          (error) => {
            warn(`could not load "${name}"`, error);
            el.dispatchEvent(
              new CustomEvent('otklik:error', {
                bubbles: true,
                composed: true,
                detail: { widget: name, code: 'load-failed', message: String(error) },
              }),
            );
          },
        ),
      );
    }
    await Promise.all(jobs);
  };

  const reload = (): Promise<void> => {
    for (const [el, [unmount, sig]] of mounts) {
      if (!el.isConnected || signature(el) !== sig) {
        mounts.delete(el);
        try {
          unmount();
        } catch (error) {
          warn('unmount failed', error);
        }
      }
    }
    return load();
  };

  const safe = (run: () => Promise<void>) => () =>
    run().catch((error) => {
      warn('load failed', error);
    });

  let resolveReady!: () => void;
  const api: OtklikApi = {
    version: options.version,
    ready: new Promise<void>((resolve) => {
      resolveReady = resolve;
    }),
    load: safe(load),
    reload: safe(reload),
    on: (type, handler) => doc.addEventListener(`otklik:${type}`, handler as EventListener),
    off: (type, handler) => doc.removeEventListener(`otklik:${type}`, handler as EventListener),
    diagnose: (lang) =>
      get('diagnose').then((module) => (module as DiagnoseModule).run([widgets, config, seen, mounts], lang)),
    push(command) {
      try {
        if (typeof command === 'function') command(api);
        else {
          const [method, ...args] = command;
          const fn = api[method as 'load'] as ((...values: unknown[]) => unknown) | undefined;
          if (typeof fn === 'function') fn(...args);
          else warn(`unknown command "${method}"`);
        }
      } catch (error) {
        warn('command failed', error);
      }
    },
  };
  win.Otklik = api;
  // Calls queued before the loader arrived (`on` handlers, say) run before the first scan.
  for (const command of (queued as OtklikCommand[] | undefined) ?? []) api.push(command);

  const start = () => {
    api.load().then(resolveReady);
    if (options.observe !== false && doc.body && typeof MutationObserver === 'function') {
      let timer: ReturnType<typeof setTimeout> | undefined;
      new MutationObserver(() => {
        clearTimeout(timer);
        timer = setTimeout(api.reload, 50);
      }).observe(doc.body, { childList: true, subtree: true });
    }
  };
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
  return api;
}

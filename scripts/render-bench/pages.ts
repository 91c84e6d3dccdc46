/**
 * The two pages `pnpm bench:render` compares, both a "school site" that embeds a widget from another
 * origin the same way: a classic `defer` script which, once the page is parsed, imports the widget's
 * module(s). The counter comes from a real portal on PGlite through `otklik.js`; the reference from a
 * static server standing in for its CDN (`bare-loader.js` importing `bare-element.js`, CORS as the
 * portal sends it). So both widgets' files arrive into a parsed, idle page, not one still starting up
 * (a module script in the page's head arrives while the renderer is still busy with the page itself,
 * and its figure would carry that work). Shared by the benchmark (render-bench.ts) and the trace that
 * explains it (render-bench/trace.ts).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startPortal } from '@otklik/portal';
import { build } from 'vite';
import { startSiteServer } from '../../tests/browser/site-server.ts';

const root = resolve(import.meta.dirname, '../..');
const outDir = resolve(root, 'dist/render-bench');

/**
 * Instrumentation, the same on both pages, run before anything else. Every shadow root is observed
 * from the moment it is attached. `__firstMutation`: the first mutation inside one (the widget's DOM is
 * committed). `__rendered`: the widget's DOM has been styled and laid out, so the browser could paint
 * it now (painting itself is not counted). Whichever comes first of:
 * - a task posted when the shadow root is attached, which runs right after the task that rendered (the
 *   widgets render in the task that attaches the root) and every microtask it queued, before any task
 *   the widget itself queues while rendering; it brings style and layout up to date. Work a widget
 *   leaves to a microtask is counted; work it moves to a later task is not;
 * - a frame the browser fits in before that task: a ResizeObserver on the host reports right after
 *   that frame's layout, before its paint.
 * Both marks are also `performance.mark`s, for traces. The bench learns of the end from a console
 * message, not by polling the page: Playwright's own scripts would run inside the window.
 */
const instrument = `<script>
  window.__firstMutation = null;
  window.__rendered = null;
  const attach = Element.prototype.attachShadow;
  const rendered = () => {
    if (window.__rendered !== null) return;
    window.__rendered = performance.mark('rendered').startTime;
    console.debug('otklik-bench: rendered');
  };
  const afterRender = () => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      if (window.__rendered !== null) return;
      if (window.__firstMutation === null) return afterRender();
      void document.documentElement.offsetHeight;
      rendered();
    };
    channel.port2.postMessage(null);
  };
  Element.prototype.attachShadow = function (init) {
    const shadow = attach.call(this, init);
    new MutationObserver((_, observer) => {
      observer.disconnect();
      window.__firstMutation ??= performance.mark('first-mutation').startTime;
    }).observe(shadow, { childList: true, subtree: true });
    new ResizeObserver((_, observer) => {
      if (window.__firstMutation === null) return;
      observer.disconnect();
      rendered();
    }).observe(this);
    afterRender();
    return shadow;
  };
</script>`;

const page = (head: string, body: string) =>
  `<!doctype html><html lang="ru"><head><meta charset="utf-8">${instrument}${head}</head><body>${body}</body></html>`;

export interface BenchPages {
  /** The site's origin: `/bare.html` (the reference) and `/otklik.html` (the counter). */
  origin: string;
  close(): Promise<void>;
}

/** Builds the reference element, starts a portal with the demo data and the site that embeds both. */
export async function startBenchPages(): Promise<BenchPages> {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      lib: {
        entry: resolve(import.meta.dirname, 'bare-element.ts'),
        formats: ['es'],
        fileName: () => 'bare-element.js',
      },
      rolldownOptions: { output: { minify: true } },
    },
  });
  // The reference's loader: what otklik.js does for one widget, without the scan (an absolute URL: a
  // cross-origin classic script has no base URL for import()).
  writeFileSync(
    resolve(outDir, 'bare-loader.js'),
    "import(new URL('bare-element.js', document.currentScript.src).href);\n",
  );
  const cdn = await startSiteServer({
    root: outDir,
    portalUrl: '',
    headers: { 'access-control-allow-origin': '*' },
  });
  const portal = await startPortal({
    database: { kind: 'pglite' },
    port: 0,
    seed: 'demo',
    widgetsDir: resolve(root, 'dist/widgets'),
  });
  const site = await startSiteServer({
    root: outDir,
    portalUrl: portal.url,
    pages: {
      '/bare.html': page(
        `<script src="${cdn.origin}/bare-loader.js" defer></script>`,
        '<bare-element></bare-element>',
      ),
      '/otklik.html': page(
        '<script src="http://localhost:8787/otklik.js" defer></script>',
        '<div data-otklik="appeal-counter" data-org="demo-school"></div>',
      ),
    },
  });
  await portal.db.query('INSERT INTO organization_origins (organization_id, origin) VALUES ($1, $2)', [
    'demo-school',
    site.origin,
  ]);
  return {
    origin: site.origin,
    async close() {
      await site.close();
      await cdn.close();
      await portal.close();
    },
  };
}

/**
 * Which resource-timing entries are each page's widget files (the clock starts at the last one's
 * arrival): not the loaders, which both pages run before.
 */
export const widgetFiles = {
  '/bare.html': /\/bare-element\.js$/,
  '/otklik.html': /\/widgets\/[^/]+\.js$/,
} as const;

export type BenchPage = keyof typeof widgetFiles;

/** Whether a console message is the page saying its widget has rendered. */
export const isRenderedMessage = (text: string) => text === 'otklik-bench: rendered';

/**
 * In the page, once `__rendered` is set: the marks in `performance.now()` milliseconds. A string, not a
 * function: tsx's keep-names helper would travel into the page and fail there.
 */
export const readMarks = (path: BenchPage) => `(() => {
  const files = performance.getEntriesByType('resource');
  const arrivedWhen = (test) => Math.max(...files.filter((e) => test(e.name)).map((e) => e.responseEnd));
  return {
    arrived: arrivedWhen((name) => ${widgetFiles[path]}.test(name)),
    loaderArrived: arrivedWhen((name) => /[/](otklik|bare-loader)[.]js$/.test(name)),
    firstMutation: window.__firstMutation,
    rendered: window.__rendered,
  };
})()`;

export interface Marks {
  arrived: number;
  /** When the page's loader (`otklik.js`, `bare-loader.js`) arrived. */
  loaderArrived: number;
  firstMutation: number;
  rendered: number;
}

/**
 * Render-time budget (DESIGN.md): time from the widget script's arrival to the widget's first render
 * must be ≤ 2× that of a bare Preact element, measured in the same headless-Chromium run.
 *
 * Both pages get the same instrumentation: every shadow root is observed from the moment it is
 * attached, and the first mutation inside it marks the first render. "The widget script's arrival"
 * is when the last of the widget's files has arrived (`responseEnd`): for the reference its one
 * bundle; for Otklik the widget entry and its shared chunks. The end-to-end figure from the loader's
 * arrival, which adds the lazy-load round trip, is reported beside it. Pages alternate for
 * BENCH_RUNS runs each; medians are reported. Usage: pnpm bench:render
 */
import { resolve } from 'node:path';
import { startPortal } from '@otklik/portal';
import { build } from 'vite';
import { chromiumAvailable, launchChromium } from '../tests/browser/chromium.ts';
import { startSiteServer } from '../tests/browser/site-server.ts';

const RUNS = Number(process.env.BENCH_RUNS || 15);
const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, 'dist/render-bench');

if (!chromiumAvailable()) process.exit(0);

await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir,
    emptyOutDir: true,
    lib: {
      entry: resolve(import.meta.dirname, 'render-bench/bare-element.ts'),
      formats: ['es'],
      fileName: () => 'bare-element.js',
    },
    rolldownOptions: { output: { minify: true } },
  },
});

const instrument = `<script>
  window.__firstRender = null;
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const shadow = attach.call(this, init);
    new MutationObserver((_, observer) => {
      window.__firstRender ??= performance.now();
      observer.disconnect();
    }).observe(shadow, { childList: true, subtree: true });
    return shadow;
  };
</script>`;
const page = (head: string, body: string) =>
  `<!doctype html><html lang="ru"><head><meta charset="utf-8">${instrument}${head}</head><body>${body}</body></html>`;

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
      '<script type="module" src="/bare-element.js"></script>',
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

const browser = await launchChromium();
/** Milliseconds to the first render from the arrival of the last file matching `widgetFiles`, and of `/otklik.js`. */
async function measure(path: string, widgetFiles: RegExp): Promise<{ widget: number; loader: number }> {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(`${site.origin}${path}`);
  await tab.waitForFunction(
    () => (window as unknown as { __firstRender: number | null }).__firstRender !== null,
  );
  // A string, not a function: tsx's keep-names helper would travel into the page and fail there.
  const result: { widget: number; loader: number } = await tab.evaluate(`(() => {
    const scripts = performance.getEntriesByType('resource');
    const arrivedWhen = (test) => Math.max(...scripts.filter((e) => test(e.name)).map((e) => e.responseEnd));
    return {
      widget: window.__firstRender - arrivedWhen((name) => ${widgetFiles}.test(name)),
      loader: window.__firstRender - arrivedWhen((name) => name.endsWith('/otklik.js')),
    };
  })()`);
  await context.close();
  return result;
}

const bare: number[] = [];
const otklik: number[] = [];
const endToEnd: number[] = [];
try {
  for (let run = 0; run < RUNS; run++) {
    bare.push((await measure('/bare.html', /\/bare-element\.js$/)).widget);
    const counter = await measure('/otklik.html', /\/widgets\/[^/]+\.js$/);
    otklik.push(counter.widget);
    endToEnd.push(counter.loader);
  }
} finally {
  await browser.close();
  await site.close();
  await portal.close();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const bareMs = median(bare);
const otklikMs = median(otklik);
const ratio = otklikMs / bareMs;
console.log(`\nScript arrival → first render, median of ${RUNS} runs each (headless Chromium, loopback)\n`);
console.log('| page | ms |');
console.log('| --- | ---: |');
console.log(`| bare Preact element | ${bareMs.toFixed(1)} |`);
console.log(`| appeal counter (from its widget files' arrival) | ${otklikMs.toFixed(1)} |`);
console.log(
  `| appeal counter end to end (from otklik.js's arrival: + the lazy-load round trip) | ${median(endToEnd).toFixed(1)} |`,
);
console.log(`\nratio ${ratio.toFixed(2)} (budget ≤ 2)`);
if (ratio > 2) process.exitCode = 1;

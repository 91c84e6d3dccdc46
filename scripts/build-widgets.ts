/**
 * Builds the widget bundles the portal serves from `dist/widgets/`:
 *
 * 1. every widget entry module of the registry (widgets.registry.ts) in ONE ES module build, so Preact, widget-core and the client land in
 *    shared chunks that several widgets on a page load once: `dist/widgets/widgets/<name>-<hash>.js`
 *    (immutable, content-hashed) plus `dist/widgets/widgets/.vite/manifest.json`;
 * 2. the loader as a classic IIFE script `dist/widgets/otklik.js`, with the widget name → files map
 *    (entry first, then every chunk it imports statically) injected from that manifest;
 * 3. a `.gz` (Zopfli) and a `.br` beside every script, which the portal sends to browsers that accept
 *    them (scripts/precompress.ts).
 *
 * Run: `pnpm exec tsx scripts/build-widgets.ts` (or `pnpm build`).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type InlineConfig, type Manifest, type Plugin } from 'vite';
import { widgetNames, widgets } from '../widgets.registry.ts';
import { precompress } from './precompress.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}dist/widgets`;
const chunkDir = `${outDir}/widgets`;

/** Widget name (`data-otklik` value) → entry module: the registry's widgets and the troubleshooter. */
export const widgetEntries: Record<string, string> = {
  ...Object.fromEntries(widgetNames.map((name) => [name, `packages/${widgets[name].module}`])),
  // Not a widget for pages: the troubleshooter the loader imports for `Otklik.diagnose()`.
  diagnose: 'packages/widget-core/src/diagnose.ts',
};

/**
 * Licence comments stay; `@__PURE__` annotations (kept by default for bundlers downstream, which
 * these browser-ready files never meet) and JSDoc go: about 40 bytes gzip per page.
 */
const shippedComments = { legal: true, annotation: false, jsdoc: false } as const;

/** Browsers of the last two years (all evergreen): ES2022 syntax ships untranspiled. */
const target = ['es2022', 'chrome111', 'edge111', 'firefox114', 'safari16.4'];

const shared: InlineConfig = {
  root,
  configFile: false,
  publicDir: false,
  logLevel: 'warn',
  mode: 'production',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
};

/** Modules every widget needs: Preact's core, the widget runtime and the client's fetch path. */
function isSharedRuntime(id: string): boolean {
  const path = id.replaceAll('\\', '/');
  if (/\/node_modules\/preact\/dist\//.test(path)) return true;
  // Not the routes (one module per route) of any area but the directory, whose settings route nearly
  // every widget reads, nor the proof-of-work solver (a lazy chunk of the forms): they stay with the
  // widgets that use them, off the counter page.
  return (
    /\/packages\/(widget-core|client)\/src\//.test(path) &&
    !/\/routes\/(?!directory\/)[\w-]+\/|\/pow\.ts$/.test(path)
  );
}

/**
 * Leaflet (the org-search map, a lazy chunk) tests for inline SVG at import time by writing
 * `innerHTML`, which a strict CSP with Trusted Types forbids: the import would throw. Every browser we
 * target has inline SVG, so the test is replaced by its answer. (Its controls and string tooltips also
 * write `innerHTML`; the map uses none of them.)
 */
const leafletTrustedTypes: Plugin = {
  name: 'otklik-leaflet-trusted-types',
  transform(code, id) {
    if (!id.replaceAll('\\', '/').endsWith('/leaflet/dist/leaflet-src.esm.js')) return null;
    const test = /var inlineSvg = !!svg\$1 && \(function \(\) \{[^}]*innerHTML[^}]*\}\)\(\);/;
    if (!test.test(code)) throw new Error('Leaflet: the inline-SVG test to remove was not found');
    return { code: code.replace(test, () => 'var inlineSvg = !!svg$1;'), map: null };
  },
};

export async function buildWidgets(): Promise<{ manifest: Manifest; widgets: Record<string, string[]> }> {
  await build({
    ...shared,
    plugins: [leafletTrustedTypes],
    build: {
      outDir: chunkDir,
      emptyOutDir: true,
      target,
      minify: true,
      manifest: true,
      assetsDir: '',
      copyPublicDir: false,
      reportCompressedSize: false,
      // Library mode: ES modules with their exports kept (`default` is the widget module the loader
      // calls), and no `__vitePreload` wrapper around dynamic imports (0.6 KB gzip the loader does not
      // need: it imports a widget's chunks in parallel itself).
      lib: { entry: widgetEntries, formats: ['es'] },
      rolldownOptions: {
        output: {
          format: 'es',
          minify: true,
          comments: shippedComments,
          entryFileNames: '[name]-[hash].js',
          chunkFileNames: 'chunk-[hash].js',
          // One shared runtime chunk (Preact, widget-core, the client's transport) instead of one chunk
          // per set of widgets that happen to share a module: every extra file a page downloads costs
          // its own gzip overhead, which the counter's 12 KB budget cannot afford. What only some
          // widgets use (hooks, the appeal routes, forms) stays with them.
          codeSplitting: {
            groups: [{ name: 'runtime', test: isSharedRuntime, minShareCount: 2 }],
          },
        },
      },
    },
  });
  const manifest = JSON.parse(readFileSync(`${chunkDir}/.vite/manifest.json`, 'utf8')) as Manifest;
  return { manifest, widgets: widgetFiles(manifest) };
}

/** For every widget, its entry file followed by all chunks it imports statically (transitively). */
export function widgetFiles(manifest: Manifest): Record<string, string[]> {
  const widgets: Record<string, string[]> = {};
  for (const [name, source] of Object.entries(widgetEntries)) {
    const files: string[] = [];
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk) throw new Error(`${key} is not in the widgets manifest`);
      if (files.includes(chunk.file)) return;
      files.push(chunk.file);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    visit(source);
    widgets[name] = files;
  }
  return widgets;
}

export async function buildLoader(widgets: Record<string, string[]>): Promise<void> {
  const { version } = JSON.parse(readFileSync(`${root}packages/widget-core/package.json`, 'utf8')) as {
    version: string;
  };
  await build({
    ...shared,
    define: {
      ...shared.define,
      __OTKLIK_WIDGETS__: JSON.stringify(widgets),
      __OTKLIK_VERSION__: JSON.stringify(version),
    },
    build: {
      outDir,
      emptyOutDir: false,
      target,
      minify: true,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: {
        entry: `${root}packages/widget-core/src/loader-entry.ts`,
        formats: ['iife'],
        name: 'OtklikLoader',
        fileName: () => 'otklik.js',
      },
      rolldownOptions: { output: { minify: true, comments: shippedComments } },
    },
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { widgets } = await buildWidgets();
  await buildLoader(widgets);
  await precompress(outDir);
  for (const [name, files] of Object.entries(widgets)) console.log(`${name}: ${files.join(', ')}`);
  console.log(`wrote ${outDir}/otklik.js and ${chunkDir}/ (each with .gz and .br)`);
}

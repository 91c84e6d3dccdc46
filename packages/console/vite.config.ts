import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The console's build: `pnpm build` runs it through scripts/build-console.ts, which then writes the
 * `.gz`/`.br` files beside it. `pnpm --filter @otklik/console dev` serves it with hot reload, sending API
 * calls to a running portal (OTKLIK_PORTAL, default http://127.0.0.1:8787).
 */
const root = fileURLToPath(new URL('.', import.meta.url));
export const consoleOutDir = fileURLToPath(new URL('../../dist/console', import.meta.url));

/** Browsers of the last two years (all evergreen), as for the widgets. */
const target = ['es2022', 'chrome111', 'edge111', 'firefox114', 'safari16.4'];

export default defineConfig({
  root,
  base: '/console/',
  publicDir: 'public',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: consoleOutDir,
    emptyOutDir: true,
    target,
    manifest: true,
    sourcemap: false,
    reportCompressedSize: false,
    // Every browser we target has <link rel="modulepreload">: the polyfill would be dead weight.
    modulePreload: { polyfill: false },
    // Nothing becomes a data: URI (fonts may only come from 'self'); every asset is its own hashed file.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        // Screens keep their name (easy to find in the network panel); shared chunks are named after
        // whichever module rolldown picked, which would mislead, so they are just chunks.
        chunkFileNames: (chunk) =>
          chunk.facadeModuleId?.includes('/src/screens/')
            ? 'assets/[name]-[hash].js'
            : 'assets/chunk-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
  server: {
    proxy: Object.fromEntries(
      ['/v1', '/otklik.js', '/widgets'].map((path) => [
        path,
        process.env.OTKLIK_PORTAL ?? 'http://127.0.0.1:8787',
      ]),
    ),
  },
});

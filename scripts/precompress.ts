/**
 * Writes `<file>.gz` and `<file>.br` beside every JavaScript file of the widget build (and every
 * script, stylesheet, page and SVG of the console build: `extensions`), so the portal
 * sends compressed bytes without compressing on each request. The gzip is made with Zopfli: the same
 * gzip format every browser reads, about 3 % smaller than `gzip -9`, at a compression cost paid once
 * per build. Brotli (quality 11) goes to browsers that accept it.
 *
 * Run by scripts/build-widgets.ts after the build; `pnpm exec tsx scripts/precompress.ts` redoes it.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { gzipAsync } from '@gfx/zopfli';

/** Every file under `dir` ending in one of `extensions`, recursively (skipping dot-directories such as `.vite`). */
function filesOf(dir: string, extensions: readonly string[]): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesOf(path, extensions);
    return extensions.some((extension) => entry.name.endsWith(extension)) ? [path] : [];
  });
}

export async function precompress(dir: string, extensions: readonly string[] = ['.js']): Promise<number> {
  const files = filesOf(dir, extensions);
  await Promise.all(
    files.map(async (file) => {
      const body = readFileSync(file);
      writeFileSync(`${file}.gz`, await gzipAsync(body, { numiterations: 15 }));
      writeFileSync(
        `${file}.br`,
        brotliCompressSync(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        }),
      );
    }),
  );
  return files.length;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = fileURLToPath(new URL('../dist/widgets', import.meta.url));
  console.log(`precompressed ${await precompress(dir)} files in ${dir}`);
}

/**
 * Builds the organisation's console (packages/console, its Vite config) into `dist/console/`:
 * `index.html`, content-hashed files under `assets/`, the manifest under `.vite/` (read by
 * scripts/console-size.ts, never served), and a `.gz` (Zopfli) and `.br` beside every script,
 * stylesheet, page and SVG, which the portal sends to browsers that accept them.
 *
 * The console is served under a strict CSP (`script-src 'self'; style-src 'self'`, Trusted Types): the
 * build fails if its `index.html` carries inline script or style.
 *
 * Run: `pnpm exec tsx scripts/build-console.ts` (or `pnpm build`).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { precompress } from './precompress.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
export const consoleDir = `${root}dist/console`;

/**
 * What in an HTML page a strict CSP would block: inline `<script>` (one without `src`), `<style>`
 * elements, `style` attributes and `on…` handler attributes. Empty when the page is clean.
 */
export function inlineCode(html: string): string[] {
  const found: string[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi))
    if (!/\ssrc\s*=/i.test(tag)) found.push(`inline script: ${tag}`);
  for (const [tag] of html.matchAll(/<style\b[^>]*>/gi)) found.push(`style element: ${tag}`);
  for (const [tag] of html.matchAll(/<[a-z][^>]*\s(?:style|on[a-z]+)\s*=[^>]*>/gi))
    found.push(`inline attribute: ${tag}`);
  return found;
}

export async function buildConsole(): Promise<void> {
  await build({ configFile: `${root}packages/console/vite.config.ts`, mode: 'production' });
  const inline = inlineCode(readFileSync(`${consoleDir}/index.html`, 'utf8'));
  if (inline.length) throw new Error(`dist/console/index.html would break its CSP:\n${inline.join('\n')}`);
  await precompress(consoleDir, ['.js', '.css', '.html', '.svg']);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildConsole();
  console.log(`wrote ${consoleDir}/ (each file with .gz and .br)`);
}

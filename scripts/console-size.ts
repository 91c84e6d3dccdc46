/**
 * What a browser downloads to show the console's first screen, whichever screen it lands on: the
 * entry script and every chunk it imports statically, plus the landing screen's lazy chunk and the
 * chunks that one imports which the entry does not already bring, plus, for a screen that can show
 * a refusal, the refusal texts of the reader's language, which load with it (one chunk per language;
 * the largest is counted). Sized as the gzip the portal sends (the build's Zopfli `.gz`), KB = 1000 bytes, and held to
 * DESIGN.md's budget of 80 KB of JavaScript. What screens import on demand (charts, XLSX) is not
 * counted. Stylesheets are reported beside it.
 *
 * `pnpm size` prints it after the widget table (scripts/size-report.ts); `pnpm exec tsx
 * scripts/console-size.ts` prints it alone. Run `pnpm build` first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Manifest, ManifestChunk } from 'vite';
import { consoleDir } from './build-console.ts';

const KB = 1000;
/** DESIGN.md: the console's first screen ≤ 80 KB gzip of JavaScript. */
export const consoleFirstScreenBudget = 80 * KB;

export interface ConsoleScreenRow {
  /** The screen's module, e.g. `src/screens/home.tsx`. */
  screen: string;
  /** Every script the first screen needs: the entry's, then the screen's own. */
  scripts: string[];
  stylesheets: string[];
  /** gzip bytes as sent, scripts only: what the budget applies to. */
  gzip: number;
  brotli: number;
  cssGzip: number;
  ok: boolean;
}

function readManifest(): Manifest {
  const path = `${consoleDir}/.vite/manifest.json`;
  if (!existsSync(path)) throw new Error('No console build found: run `pnpm build` first');
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** The chunk `key` and every chunk it imports statically, transitively, skipping those in `have`. */
function closure(manifest: Manifest, key: string, have: ReadonlySet<string> = new Set()): ManifestChunk[] {
  const chunks: ManifestChunk[] = [];
  const visit = (k: string) => {
    const chunk = manifest[k];
    if (!chunk) throw new Error(`${k} is not in the console manifest`);
    if (have.has(chunk.file) || chunks.includes(chunk)) return;
    chunks.push(chunk);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(key);
  return chunks;
}

const sizeOf = (file: string, suffix: '.gz' | '.br') => {
  const path = `${consoleDir}/${file}${suffix}`;
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`pnpm build\``);
  return readFileSync(path).length;
};
const sum = (files: string[], suffix: '.gz' | '.br') => files.reduce((n, f) => n + sizeOf(f, suffix), 0);

/** A chunk of one language's refusal texts (kit/refusals.ts loads the reader's with the screen). */
const isLanguageChunk = (key: string) => /(^|\/)kit\/refusals\/[a-z]{2}\.ts$/.test(key);

export interface LanguageChunk {
  /** The module, e.g. `src/kit/refusals/ru.ts`. */
  source: string;
  file: string;
  gzip: number;
}

/** The refusal texts, one chunk per language. */
export function consoleLanguageChunks(manifest: Manifest = readManifest()): LanguageChunk[] {
  return Object.keys(manifest)
    .filter(isLanguageChunk)
    .map((source) => {
      const chunk = manifest[source] as ManifestChunk;
      if ((chunk.imports ?? []).length > 0) throw new Error(`${source} imports other chunks: size them too`);
      return { source, file: chunk.file, gzip: sizeOf(chunk.file, '.gz') };
    });
}

/** One row per screen the entry loads lazily (the routes of the console). */
export function consoleSizeReport(): ConsoleScreenRow[] {
  const manifest = readManifest();
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (entryKey === undefined) throw new Error('The console manifest has no entry');
  const initial = closure(manifest, entryKey);
  const have = new Set(initial.map((chunk) => chunk.file));
  const screens = (manifest[entryKey]?.dynamicImports ?? []).filter((key) => !isLanguageChunk(key));
  if (screens.length === 0) throw new Error('The console entry loads no screen lazily');
  // A reader downloads one language's texts: counted as the largest.
  const [largest] = consoleLanguageChunks(manifest).sort((a, b) => b.gzip - a.gzip);
  const loadsTexts = (chunk: ManifestChunk) => (chunk.dynamicImports ?? []).some(isLanguageChunk);
  return screens.map((screen) => {
    const own = [...initial, ...closure(manifest, screen, have)];
    const texts = largest && own.some(loadsTexts) ? [manifest[largest.source] as ManifestChunk] : [];
    const chunks = [...own, ...texts];
    const scripts = chunks.map((chunk) => chunk.file);
    const stylesheets = [...new Set(chunks.flatMap((chunk) => chunk.css ?? []))];
    const gzip = sum(scripts, '.gz');
    return {
      screen,
      scripts,
      stylesheets,
      gzip,
      brotli: sum(scripts, '.br'),
      cssGzip: sum(stylesheets, '.gz'),
      ok: gzip <= consoleFirstScreenBudget,
    };
  });
}

/** Prints the console table; returns false when a first screen is over budget. */
export function printConsoleSize(): boolean {
  const rows = consoleSizeReport();
  const kb = (bytes: number) => `${(bytes / KB).toFixed(2)} KB`.padStart(11);
  const languages = consoleLanguageChunks()
    .map((c) => `${c.source.replace(/^.*\//, '').replace('.ts', '')} ${(c.gzip / KB).toFixed(2)} KB`)
    .join(', ');
  console.log(
    '\nConsole, first screen by landing screen: entry + static imports + the screen + (for a screen that\n' +
      `can show a refusal) the reader's language's refusal texts (${languages || 'none'}; the largest counted),\n` +
      `scripts only. gzip as sent (budget ${consoleFirstScreenBudget / KB} KB), br beside it; css gzip for information.\n`,
  );
  console.log(
    `${'screen'.padEnd(32)}${'gzip'.padStart(11)}${'br'.padStart(11)}${'css gzip'.padStart(11)}  status`,
  );
  for (const r of rows)
    console.log(
      `${r.screen.replace(/^src\//, '').padEnd(32)}${kb(r.gzip)}${kb(r.brotli)}${kb(r.cssGzip)}  ${r.ok ? 'ok' : 'OVER'}`,
    );
  return rows.every((r) => r.ok);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!printConsoleSize()) {
    console.error('console over budget');
    process.exitCode = 1;
  }
}

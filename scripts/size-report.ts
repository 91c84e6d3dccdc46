/**
 * Measures what a page downloads for each widget — the loader, the widget's entry module and every
 * chunk it imports statically (from the build manifest) — as the gzip bytes the portal sends (the
 * build's Zopfli `.gz` beside each file), per file, summed, and compares it with the budgets of
 * DESIGN.md (each widget's is in widgets.registry.ts). `gzip -9` and brotli figures are reported beside
 * it. Prints a table, writes `dist/widgets/size-report.json`, exits 1 when something is over budget.
 * Run `pnpm build` (or `tsx scripts/build-widgets.ts`) first.
 *
 * KB here means 1000 bytes (the stricter reading of the budgets).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Manifest } from 'vite';
import { type WidgetSpec, widgetNames, widgets } from '../widgets.registry.ts';
import { widgetEntries, widgetFiles } from './build-widgets.ts';
import { printConsoleSize } from './console-size.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}dist/widgets`;
const KB = 1000;

/**
 * Budgets in KB of everything one widget's page downloads, loader and Preact included: the loader's
 * own, and each widget's from the registry.
 */
export const budgets: Record<string, number> = {
  loader: 2,
  ...Object.fromEntries(widgetNames.map((name) => [name, widgets[name].budget])),
};

/**
 * Code that must stay out of a page's first download (it is loaded on demand), recognised by a string
 * only it contains (the registry's `lazyOnly`). A page whose static files contain one fails the report.
 */
export const lazyOnly: Record<string, { label: string; marker: string }[]> = Object.fromEntries(
  widgetNames.map((name) => {
    const spec: WidgetSpec = widgets[name];
    return [name, Object.entries(spec.lazyOnly ?? {}).map(([label, marker]) => ({ label, marker }))];
  }),
);

/** A chunk a widget imports dynamically, with what it adds beyond the page's first download. */
export interface LazyRow {
  widget: string;
  /** The module imported on demand. */
  source: string;
  /** Its file and the chunks it imports that the page does not have yet. */
  files: string[];
  raw: number;
  gzip: number;
}

export interface SizeRow {
  name: string;
  files: string[];
  raw: number;
  /** Sent with `Content-Encoding: gzip` (Zopfli): what the budget applies to. */
  gzip: number;
  /** The same files through `gzip -9`, for comparison with figures measured that way. */
  gzip9: number;
  /** Sent with `Content-Encoding: br` to browsers that accept it. */
  brotli: number;
  budget: number | null;
  ok: boolean;
}

/** The gzip the portal sends: the build's precompressed file. */
const servedGzipOf = (path: string) => {
  if (!existsSync(`${path}.gz`)) throw new Error(`${path}.gz is missing: run \`pnpm build\``);
  return readFileSync(`${path}.gz`).length;
};
const gzip9Of = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;
const brotliOf = (path: string) => (existsSync(`${path}.br`) ? readFileSync(`${path}.br`).length : 0);
const rawOf = (path: string) => readFileSync(path).length;

/** Every chunk each widget may import later (dynamic imports, transitively), sized by what it adds. */
export function lazyReport(): LazyRow[] {
  const manifest = JSON.parse(readFileSync(`${outDir}/widgets/.vite/manifest.json`, 'utf8')) as Manifest;
  const initial = widgetFiles(manifest);
  const rows: LazyRow[] = [];
  for (const [widget, source] of Object.entries(widgetEntries)) {
    const have = new Set(initial[widget]);
    const queue = [...(manifest[source]?.dynamicImports ?? [])];
    const seen = new Set<string>();
    for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
      if (seen.has(key)) continue;
      seen.add(key);
      const files: string[] = [];
      const visit = (k: string) => {
        const chunk = manifest[k];
        if (!chunk || have.has(chunk.file) || files.includes(chunk.file)) return;
        files.push(chunk.file);
        for (const imported of chunk.imports ?? []) visit(imported);
      };
      visit(key);
      queue.push(...(manifest[key]?.dynamicImports ?? []));
      const paths = files.map((file) => `${outDir}/widgets/${file}`);
      rows.push({
        widget,
        source: key,
        files,
        raw: paths.reduce((sum, path) => sum + rawOf(path), 0),
        gzip: paths.reduce((sum, path) => sum + servedGzipOf(path), 0),
      });
    }
  }
  return rows;
}

/** Lazy-only code found in a page's first download: `widget: label (file)`; empty when all is well. */
export function lazyLeaks(rows: SizeRow[]): string[] {
  const leaks: string[] = [];
  for (const r of rows)
    for (const { label, marker } of lazyOnly[r.name] ?? [])
      for (const file of r.files) {
        const path = file === 'otklik.js' ? `${outDir}/otklik.js` : `${outDir}/widgets/${file}`;
        if (readFileSync(path, 'utf8').includes(marker)) leaks.push(`${r.name}: ${label} (${file})`);
      }
  return leaks;
}

export function sizeReport(): SizeRow[] {
  const manifestPath = `${outDir}/widgets/.vite/manifest.json`;
  if (!existsSync(manifestPath) || !existsSync(`${outDir}/otklik.js`))
    throw new Error('No build found: run `pnpm exec tsx scripts/build-widgets.ts` first');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const row = (name: string, paths: string[], files: string[]): SizeRow => {
    const sum = (size: (path: string) => number) => paths.reduce((total, path) => total + size(path), 0);
    const gzip = sum(servedGzipOf);
    const budget = budgets[name] ?? null;
    return {
      name,
      files,
      raw: sum(rawOf),
      gzip,
      gzip9: sum(gzip9Of),
      brotli: sum(brotliOf),
      budget,
      ok: budget === null || gzip <= budget * KB,
    };
  };
  const loader = `${outDir}/otklik.js`;
  const rows = [row('loader', [loader], ['otklik.js'])];
  for (const [name, files] of Object.entries(widgetFiles(manifest))) {
    if (!(name in widgetEntries)) continue;
    rows.push(
      row(name, [loader, ...files.map((file) => `${outDir}/widgets/${file}`)], ['otklik.js', ...files]),
    );
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = sizeReport();
  const kb = (bytes: number) => `${(bytes / KB).toFixed(2)} KB`;
  console.log(
    'Page with one widget: loader + entry + static imports, per file, summed.\n' +
      'gzip: as the portal sends it (Zopfli, the budgeted figure); gzip -9 and br for comparison.\n',
  );
  const columns = [
    ['widget', 16],
    ['raw', 11],
    ['gzip', 11],
    ['gzip -9', 11],
    ['br', 11],
    ['budget', 9],
  ] as const;
  const line = (cells: string[], rest: string) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(columns[i]?.[1] ?? 0) : cell.padStart(columns[i]?.[1] ?? 0)))
      .join('') + rest;
  console.log(
    line(
      columns.map(([title]) => title),
      '  status  files',
    ),
  );
  for (const r of rows)
    console.log(
      line(
        [
          r.name,
          kb(r.raw),
          kb(r.gzip),
          kb(r.gzip9),
          kb(r.brotli),
          r.budget === null ? '—' : `${r.budget} KB`,
        ],
        `  ${(r.ok ? 'ok' : 'OVER').padEnd(6)}  ${r.files.join(' + ')}`,
      ),
    );
  const lazy = lazyReport();
  console.log('\nLoaded on demand, beyond the first download (gzip as sent):\n');
  for (const r of lazy)
    console.log(
      `${r.widget.padEnd(16)}${kb(r.gzip).padStart(11)}  ${r.source.replace(/^packages\//, '')} → ${r.files.join(' + ')}`,
    );
  const leaks = lazyLeaks(rows);
  for (const leak of leaks) console.error(`not lazy: ${leak}`);
  writeFileSync(
    `${outDir}/size-report.json`,
    `${JSON.stringify({ unit: 'bytes', kb: KB, measuredAt: new Date().toISOString(), rows, lazy }, null, 2)}\n`,
  );
  console.log(`\nwrote ${outDir}/size-report.json`);
  if (leaks.length) process.exitCode = 1;
  if (rows.some((r) => !r.ok)) {
    console.error('over budget');
    process.exitCode = 1;
  }
  // The console's first screen (scripts/console-size.ts).
  if (!printConsoleSize()) {
    console.error('console over budget');
    process.exitCode = 1;
  }
}

/**
 * Measures what a page downloads for each widget — the loader, the widget's entry module and every
 * chunk it imports statically (from the build manifest) — as the gzip bytes the portal sends (the
 * build's Zopfli `.gz` beside each file), per file, summed, and compares it with the budgets of
 * DESIGN.md. `gzip -9` and brotli figures are reported beside it. Prints a table, writes
 * `dist/widgets/size-report.json`, exits 1 when something is over budget. Run `pnpm build` (or `tsx scripts/build-widgets.ts`) first.
 *
 * KB here means 1000 bytes (the stricter reading of the budgets).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Manifest } from 'vite';
import { widgetEntries, widgetFiles } from './build-widgets.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}dist/widgets`;
const KB = 1000;

/** Budgets in KB of everything one widget's page downloads, loader and Preact included. */
export const budgets: Record<string, number> = {
  loader: 2,
  'appeal-counter': 12,
  rate: 20,
  appeal: 26,
  /** The tracker page (its own entry; on the form page it is a lazy chunk). */
  'appeal-status': 26,
};

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
  writeFileSync(
    `${outDir}/size-report.json`,
    `${JSON.stringify({ unit: 'bytes', kb: KB, measuredAt: new Date().toISOString(), rows }, null, 2)}\n`,
  );
  console.log(`\nwrote ${outDir}/size-report.json`);
  if (rows.some((r) => !r.ok)) {
    console.error('over budget');
    process.exitCode = 1;
  }
}

/**
 * Measures what a page downloads for each widget — the loader, the widget's entry module and every
 * chunk it imports statically (from the build manifest) — as gzip (level 9) per file, summed, and
 * compares it with the budgets of DESIGN.md. Prints a table, writes `dist/widgets/size-report.json`,
 * exits 1 when something is over budget. Run `pnpm build` (or `tsx scripts/build-widgets.ts`) first.
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
  gzip: number;
  budget: number | null;
  ok: boolean;
}

const gzipOf = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;
const rawOf = (path: string) => readFileSync(path).length;

export function sizeReport(): SizeRow[] {
  const manifestPath = `${outDir}/widgets/.vite/manifest.json`;
  if (!existsSync(manifestPath) || !existsSync(`${outDir}/otklik.js`))
    throw new Error('No build found: run `pnpm exec tsx scripts/build-widgets.ts` first');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const row = (name: string, paths: string[], files: string[]): SizeRow => {
    const gzip = paths.reduce((sum, path) => sum + gzipOf(path), 0);
    const budget = budgets[name] ?? null;
    return {
      name,
      files,
      raw: paths.reduce((sum, path) => sum + rawOf(path), 0),
      gzip,
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
  console.log('Page with one widget: loader + entry + static imports (gzip -9 per file, summed)\n');
  console.log(
    `${'widget'.padEnd(16)}${'raw'.padStart(11)}${'gzip'.padStart(11)}${'budget'.padStart(11)}  status  files`,
  );
  for (const r of rows)
    console.log(
      `${r.name.padEnd(16)}${kb(r.raw).padStart(11)}${kb(r.gzip).padStart(11)}${(r.budget === null ? '—' : `${r.budget} KB`).padStart(11)}  ${(r.ok ? 'ok' : 'OVER').padEnd(6)}  ${r.files.join(' + ')}`,
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

/**
 * The production start: the portal's TypeScript bundled into plain ES modules in `dist/`, so Node runs
 * it without the TypeScript loader (tsx transpiling some 200 modules at every start):
 *
 * - `dist/cli.js` — the command line (`node dist/cli.js serve`, `backup --to …`; see src/cli.ts);
 * - `dist/portal-process.js` — the process the operations tests kill and restart
 *   (src/testing/portal-process.ts), sharing the portal's code with cli.js in one chunk, so the crash
 *   scripts time the same code production runs.
 *
 * Bundled: the portal, @otklik/client (TypeScript) and the npm dependencies loaded at start, whose
 * many small files cost as much to resolve and load as the portal's own (EXTERNAL below names the
 * rest; docs/decisions.md, "Restart time"). Every output file sits directly in dist/, one level below
 * the package as src/paths.ts is, so the paths to the migrations, widgets, console and example site
 * resolve the same from both.
 *
 * Run: `pnpm --filter @otklik/portal run build` (part of `pnpm build`).
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const portalDir = fileURLToPath(new URL('.', import.meta.url));
const outdir = `${portalDir}dist`;
/**
 * Left to node_modules: what finds its own files beside its modules (PGlite its WASM and data files,
 * sharp its native binary), and what the portal imports only when used (exceljs for an XLSX export,
 * the Redis client when REDIS_URL is set, the demo's oidc-provider), which bundling would not make
 * start sooner. So the bundle has no lazy chunk of its own: a running portal has loaded all of it.
 */
const EXTERNAL = ['@electric-sql/pglite', 'sharp', 'exceljs', 'redis', 'oidc-provider'];

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: portalDir,
  entryPoints: { cli: 'src/cli.ts', 'portal-process': 'src/testing/portal-process.ts' },
  outdir,
  // Flat: entries and chunks all directly in dist/ (see paths.ts).
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external: EXTERNAL.flatMap((name) => [name, `${name}/*`]),
  // The bundled CommonJS dependencies (pg, nodemailer, prom-client, …) require Node's modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  // For `node --enable-source-maps` when a stack trace must name src/… lines; the unit leaves it off
  // (Node would map the stack at every Error.stack read), the unminified bundle being readable.
  sourcemap: 'linked',
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
});
const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
for (const [file, { bytes }] of outputs) console.log(`${file}: ${bytes} bytes`);

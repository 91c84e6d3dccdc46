/**
 * Builds the installable CMS extensions into `dist/plugins/`:
 * - `plg_system_otklik.zip` and `plg_content_otklik.zip` (each installable on its own in Joomla 4/5),
 * - `pkg_otklik.zip`: the Joomla package (manifest `pkg_otklik.xml`, its language files and the two
 *   plugin zips), the one file a webmaster uploads in System → Install → Extensions;
 * - `otklik-wordpress.zip`: the WordPress plugin (folder `otklik/`), uploaded in Plugins → Add New,
 *   with a `.mo` file made from each `languages/*.l10n.php` (WordPress reads `.l10n.php` from 6.5 on,
 *   `.mo` before).
 *
 * The zips are deterministic: entries sorted, a fixed timestamp, fixed compression level.
 * Run: `pnpm exec tsx scripts/build-plugins.ts` (or `pnpm build`).
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Zippable, zipSync } from 'fflate';
import { readL10nPhp, toMo } from './plugin-translations.ts';

const root = resolve(import.meta.dirname, '..');
export const joomlaDir = resolve(root, 'plugins/joomla');
export const wordpressDir = resolve(root, 'plugins/wordpress/otklik');
export const outDir = resolve(root, 'dist/plugins');

/** The Joomla plugins in the package: folder under plugins/joomla → zip name. */
export const joomlaPlugins = ['plg_system_otklik', 'plg_content_otklik'] as const;

/**
 * DOS timestamps in zips are local time: a Date built from local fields gives the same bytes in every
 * time zone.
 */
const fixedTime = new Date(2026, 0, 1, 0, 0, 0);

/** Every file under `dir`, as forward-slash paths relative to `dir`, sorted. */
export function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(dir, path).split('\\').join('/'));
    }
  };
  walk(dir);
  return files.sort();
}

function zip(entries: Array<[string, Uint8Array]>): Uint8Array {
  const tree: Zippable = {};
  for (const [name, data] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    tree[name] = [data, { mtime: fixedTime, level: 9 }];
  return zipSync(tree);
}

function zipFolder(dir: string, only?: (path: string) => boolean): Uint8Array {
  return zip(
    listFiles(dir)
      .filter((path) => only?.(path) ?? true)
      .map((path) => [path, readFileSync(join(dir, path))]),
  );
}

/** `languages/otklik-LOCALE.mo` for each `languages/otklik-LOCALE.l10n.php` among `files`. */
function wordpressMoFiles(files: ReadonlyArray<[string, Uint8Array]>): Array<[string, Uint8Array]> {
  return files
    .filter(([path]) => path.endsWith('.l10n.php'))
    .map(([path, data]) => [
      path.replace(/\.l10n\.php$/, '.mo'),
      toMo(readL10nPhp(new TextDecoder('utf-8', { fatal: true }).decode(data), path)),
    ]);
}

export function buildPlugins(): Record<string, Uint8Array> {
  mkdirSync(outDir, { recursive: true });
  const built: Record<string, Uint8Array> = {};
  for (const plugin of joomlaPlugins) built[`${plugin}.zip`] = zipFolder(join(joomlaDir, plugin));
  built['pkg_otklik.zip'] = zip([
    ['pkg_otklik.xml', readFileSync(join(joomlaDir, 'pkg_otklik.xml'))],
    ...listFiles(join(joomlaDir, 'language')).map((path): [string, Uint8Array] => [
      `language/${path}`,
      readFileSync(join(joomlaDir, 'language', path)),
    ]),
    ...joomlaPlugins.map((plugin): [string, Uint8Array] => [
      `${plugin}.zip`,
      built[`${plugin}.zip`] as Uint8Array,
    ]),
  ]);
  // WordPress expects the plugin's folder at the top of the zip.
  const wordpressFiles = listFiles(wordpressDir).map((path): [string, Uint8Array] => [
    `otklik/${path}`,
    readFileSync(join(wordpressDir, path)),
  ]);
  built['otklik-wordpress.zip'] = zip([...wordpressFiles, ...wordpressMoFiles(wordpressFiles)]);
  for (const [name, data] of Object.entries(built)) writeFileSync(join(outDir, name), data);
  return built;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [name, data] of Object.entries(buildPlugins()))
    console.log(`${relative(root, join(outDir, name))}: ${data.length} bytes`);
}

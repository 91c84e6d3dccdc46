import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Context } from 'hono';
import { type Encoding, preferredEncoding } from './http/encoding.ts';
import type { PageRoutes } from './http/endpoint.ts';
import { requestHeader, send } from './http/headers.ts';
import { ProblemError } from './http/problem.ts';

export const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The loader's URL never changes, so it may be cached only briefly; chunks are content-hashed. */
const LOADER_CACHE = 'public, max-age=300';
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/** Resolves a URL path below `root`, or null for anything that could escape it. */
export function safeResolve(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter(Boolean);
  if (segments.some((s) => s === '..' || s === '.' || s.startsWith('.'))) return null;
  const file = resolve(root, ...segments);
  return file.startsWith(root + sep) ? file : null;
}

/**
 * Serves the widget bundles: `/otklik.js` and `/widgets/…`, mapped onto the directory as they are
 * (`<dir>/otklik.js`, `<dir>/widgets/…`); a chunk missing under `<dir>/widgets/` is also looked up
 * at `<dir>/…`, so either build layout works. Foreign pages load these as ES modules, in CORS
 * mode, hence `Access-Control-Allow-Origin: *` (the files are public and carry no credentials).
 * Browsers that accept brotli or gzip get the build's precompressed `.br`/`.gz` (scripts/precompress.ts).
 */
export function registerWidgetRoutes(router: PageRoutes, widgetsDir: string): void {
  const root = resolve(widgetsDir);
  // Hashed chunks never change under their name, so each variant is read from disk once; the loader
  // is read every time (a rebuild replaces it in place). Only files that exist are kept.
  const chunks = new Map<string, Variant | null>();
  const serve = async (c: Context, cacheControl: string) => {
    // The raw path: Hono's decoded one could hide encoded traversal such as %2e%2e%2f.
    const urlPath = new URL(c.req.url).pathname;
    const encoding = preferredEncoding(requestHeader(c, 'accept-encoding'));
    const immutable = cacheControl === IMMUTABLE_CACHE;
    const key = `${encoding}:${urlPath}`;
    let variant = immutable ? chunks.get(key) : undefined;
    if (variant === undefined) {
      variant = await readVariant(root, urlPath, encoding);
      if (immutable && variant !== null) chunks.set(key, variant);
    }
    if (variant === null) throw new ProblemError(404, 'not-found', 'No such widget file');
    return send(c, new Uint8Array(variant.body), 200, {
      'Content-Type': CONTENT_TYPES[extname(urlPath).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': cacheControl,
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      // Caches must keep the br, gzip and identity answers apart.
      Vary: 'Accept-Encoding',
      ...(variant.encoding === null ? {} : { 'Content-Encoding': variant.encoding }),
    });
  };
  router.get('/otklik.js', (c) => serve(c, LOADER_CACHE));
  router.get('/widgets/*', (c) => serve(c, IMMUTABLE_CACHE));
}

export interface Variant {
  body: Buffer;
  encoding: Encoding | null;
}

/**
 * The file for `urlPath` (`<root>/…`; a chunk missing under `<root>/widgets/` is also looked up at
 * `<root>/…`, so either build layout works), precompressed as `encoding` when the build wrote a
 * `.br`/`.gz` at least as new as the file itself — a stale one (the file rebuilt without
 * recompressing) is never sent.
 */
async function readVariant(
  root: string,
  urlPath: string,
  encoding: Encoding | null,
): Promise<Variant | null> {
  const candidates = [urlPath];
  if (urlPath.startsWith('/widgets/')) candidates.push(urlPath.slice('/widgets'.length));
  for (const candidate of candidates) {
    const variant = await readFileVariant(safeResolve(root, candidate), encoding);
    if (variant !== null) return variant;
  }
  return null;
}

/**
 * `file` as sent with `encoding`: its `.br`/`.gz` when the build wrote one at least as new as the
 * file itself (a stale one is never sent), else the file; null when there is no such file.
 */
export async function readFileVariant(
  file: string | null,
  encoding: Encoding | null,
): Promise<Variant | null> {
  const original = await fileIfPresent(file);
  if (file === null || original === null) return null;
  if (encoding !== null) {
    const compressed = await fileIfPresent(`${file}.${encoding === 'gzip' ? 'gz' : 'br'}`);
    if (compressed !== null && compressed.mtimeMs >= original.mtimeMs)
      return { body: await readFile(compressed.path), encoding };
  }
  return { body: await readFile(file), encoding: null };
}

async function fileIfPresent(file: string | null): Promise<{ path: string; mtimeMs: number } | null> {
  if (file === null) return null;
  try {
    const stats = await stat(file);
    return stats.isFile() ? { path: file, mtimeMs: stats.mtimeMs } : null;
  } catch {
    return null;
  }
}

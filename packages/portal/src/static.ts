import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Hono } from 'hono';
import { send } from './http/headers.ts';
import { ProblemError } from './http/problem.ts';
import type { RouteRegistry } from './routes/registry.ts';

/** `<repo root>/dist/widgets`, where the widget build writes the loader and its chunks. */
export const DEFAULT_WIDGETS_DIR = fileURLToPath(new URL('../../../dist/widgets', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
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

async function readFileIfPresent(file: string | null): Promise<Buffer | null> {
  if (file === null) return null;
  try {
    if (!(await stat(file)).isFile()) return null;
    return await readFile(file);
  } catch {
    return null;
  }
}

/**
 * Serves the widget bundles: `/otklik.js` and `/widgets/…`, mapped onto the directory as they are
 * (`<dir>/otklik.js`, `<dir>/widgets/…`); a chunk missing under `<dir>/widgets/` is also looked up
 * at `<dir>/…`, so either build layout works. Foreign pages load these as ES modules, in CORS
 * mode, hence `Access-Control-Allow-Origin: *` (the files are public and carry no credentials).
 */
export function registerWidgetRoutes(app: Hono, registry: RouteRegistry, widgetsDir: string): void {
  const root = resolve(widgetsDir);
  // Hashed chunks never change under their name, so each is read from disk once; the loader is
  // read every time (a rebuild replaces it in place). Only files that exist are kept.
  const chunks = new Map<string, Buffer>();
  const read = async (urlPath: string) => {
    let body = await readFileIfPresent(safeResolve(root, urlPath));
    if (body === null && urlPath.startsWith('/widgets/')) {
      body = await readFileIfPresent(safeResolve(root, urlPath.slice('/widgets'.length)));
    }
    return body;
  };
  const serve = async (c: Context, cacheControl: string) => {
    // The raw path: Hono's decoded one could hide encoded traversal such as %2e%2e%2f.
    const urlPath = new URL(c.req.url).pathname;
    const immutable = cacheControl === IMMUTABLE_CACHE;
    let body = immutable ? chunks.get(urlPath) : undefined;
    if (body === undefined) {
      body = (await read(urlPath)) ?? undefined;
      if (body !== undefined && immutable) chunks.set(urlPath, body);
    }
    if (body === undefined) throw new ProblemError(404, 'not-found', 'No such widget file');
    return send(c, new Uint8Array(body), 200, {
      'Content-Type': CONTENT_TYPES[extname(urlPath).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': cacheControl,
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
  };
  registry.add('/otklik.js', ['GET']);
  registry.add('/widgets/*', ['GET']);
  app.get('/otklik.js', (c) => serve(c, LOADER_CACHE));
  app.get('/widgets/*', (c) => serve(c, IMMUTABLE_CACHE));
}

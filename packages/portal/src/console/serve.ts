import { extname, resolve } from 'node:path';
import type { Context } from 'hono';
import { preferredEncoding } from '../http/encoding.ts';
import type { PageRoutes } from '../http/endpoint.ts';
import { requestHeader, send, setHeader } from '../http/headers.ts';
import { ProblemError } from '../http/problem.ts';
import { CONTENT_TYPES, readFileVariant, safeResolve, type Variant } from '../static.ts';

/**
 * The console's policy: its own scripts, styles, images, fonts and API only; no inline code, no
 * plugins, no framing by anyone, and no DOM sink fed a string (Trusted Types with no policy at all).
 * `data:` and `blob:` images and `blob:` frames are for previews the console draws or downloads itself
 * (charts, attachments, print views).
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "frame-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

/** On every console response, files and problems alike. */
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONSOLE_CSP,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

/** Vite's content-hashed output: a name there never changes its bytes. */
const HASHED = '/assets/';
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** `index.html` and unhashed files (the icon): kept, but checked with the portal before each use. */
const REVALIDATE = 'no-cache';

/**
 * Serves the console's build at `/console` and `/console/*`: files as they are in `dir`, hashed assets
 * immutable, and `index.html` for every other path (the console routes in the browser) — except under
 * `/assets/`, where a missing file is a 404 (a page left open across a deploy asks for old chunks, and
 * HTML in place of a script would only hide why). Precompressed `.br`/`.gz` go to browsers that accept
 * them.
 */
export function registerConsole(router: PageRoutes, dir: string): void {
  const root = resolve(dir);
  // Hashed files never change under their name: each variant is read from disk once.
  const assets = new Map<string, Variant>();
  const serve = async (c: Context) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) setHeader(c, name, value);
    // The raw path: Hono's decoded one could hide encoded traversal such as %2e%2e%2f.
    const path = new URL(c.req.url).pathname.slice('/console'.length) || '/';
    const encoding = preferredEncoding(requestHeader(c, 'accept-encoding'));
    const hashed = path.startsWith(HASHED);
    const key = `${encoding}:${path}`;
    let file = hashed ? assets.get(key) : undefined;
    if (file === undefined && path !== '/') {
      const found = await readFileVariant(safeResolve(root, path), encoding);
      if (found !== null && hashed) assets.set(key, found);
      if (found !== null) file = found;
    }
    if (file !== undefined) return respond(c, file, extname(path), hashed ? IMMUTABLE_CACHE : REVALIDATE);
    if (hashed) throw new ProblemError(404, 'not-found', 'No such console file');
    const index = await readFileVariant(safeResolve(root, '/index.html'), encoding);
    if (index === null)
      throw new ProblemError(404, 'not-found', 'The console is not built: run `pnpm build` on the portal');
    return respond(c, index, '.html', REVALIDATE);
  };
  router.get('/console', serve);
  router.get('/console/*', serve);
}

function respond(c: Context, file: Variant, extension: string, cacheControl: string): Response {
  return send(c, new Uint8Array(file.body), 200, {
    'Content-Type':
      extension === '.html'
        ? 'text/html; charset=utf-8'
        : (CONTENT_TYPES[extension.toLowerCase()] ?? 'application/octet-stream'),
    'Cache-Control': cacheControl,
    // Caches must keep the br, gzip and identity answers apart.
    Vary: 'Accept-Encoding',
    ...(file.encoding === null ? {} : { 'Content-Encoding': file.encoding }),
  });
}

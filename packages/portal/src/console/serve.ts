import { extname, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { type Encoding, preferredEncoding } from '../http/encoding.ts';
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

/** What the page is told of its visitor: signed in (a live session's cookie) or not. */
export type ConsoleSessionState = 'signed-in' | 'signed-out';

/** The `<meta>` naming it, which session.ts reads before asking the portal who is signed in. */
export const SESSION_META = 'otklik-session';

export interface ConsoleServeOptions {
  /**
   * Whether the request comes from a signed-in browser (the HttpOnly cookie the page cannot read). With
   * it the page is written per request, told in a `<meta>`; without it the page is the built file.
   */
  sessionState?: (c: Context) => Promise<ConsoleSessionState>;
}

/**
 * Serves the console's build at `/console` and `/console/*`: files as they are in `dir`, hashed assets
 * immutable, and `index.html` for every other path (the console routes in the browser) — except under
 * `/assets/`, where a missing file is a 404 (a page left open across a deploy asks for old chunks, and
 * HTML in place of a script would only hide why). Precompressed `.br`/`.gz` go to browsers that accept
 * them. With `sessionState`, `index.html` carries the visitor's state (compressed as it is sent: it is a
 * kilobyte) and is never shared between browsers.
 */
export function registerConsole(router: PageRoutes, dir: string, options: ConsoleServeOptions = {}): void {
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
    const { sessionState } = options;
    const index = await readFileVariant(
      safeResolve(root, '/index.html'),
      sessionState === undefined ? encoding : null,
    );
    if (index === null)
      throw new ProblemError(404, 'not-found', 'The console is not built: run `pnpm build` on the portal');
    if (sessionState === undefined) return respond(c, index, '.html', REVALIDATE);
    const page = withSessionState(index.body.toString('utf8'), await sessionState(c));
    return respond(c, compress(page, encoding), '.html', PER_VISITOR, 'Accept-Encoding, Cookie');
  };
  router.get('/console', serve);
  router.get('/console/*', serve);
}

/** Per browser (its cookie), checked with the portal before each use. */
const PER_VISITOR = 'private, no-cache';

/** The page with the visitor's state in a `<meta>` at the end of its head. */
export function withSessionState(html: string, state: ConsoleSessionState): string {
  return html.replace('</head>', `<meta name="${SESSION_META}" content="${state}">\n</head>`);
}

function compress(text: string, encoding: Encoding | null): Variant {
  const body = Buffer.from(text, 'utf8');
  if (encoding === 'br')
    return {
      body: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
      encoding,
    };
  if (encoding === 'gzip') return { body: gzipSync(body), encoding };
  return { body, encoding: null };
}

function respond(
  c: Context,
  file: Variant,
  extension: string,
  cacheControl: string,
  vary = 'Accept-Encoding',
): Response {
  return send(c, new Uint8Array(file.body), 200, {
    'Content-Type':
      extension === '.html'
        ? 'text/html; charset=utf-8'
        : (CONTENT_TYPES[extension.toLowerCase()] ?? 'application/octet-stream'),
    'Cache-Control': cacheControl,
    // Caches must keep the br, gzip and identity answers apart (and, told the state, each visitor's).
    Vary: vary,
    ...(file.encoding === null ? {} : { 'Content-Encoding': file.encoding }),
  });
}

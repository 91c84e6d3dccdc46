/**
 * The embed builder's live preview, `GET /embed-preview?widget=NAME&org=ID&OPTION=VALUE…`: a blank
 * page with the loader and one mount `<div>` built from the query, framed by the console (same
 * origin only). The widget itself checks its options (and says what is wrong, as on any site); the
 * page only escapes them. Same strict CSP as the portal's other pages, Trusted Types required.
 */
import type { PageRoutes } from '../http/endpoint.ts';
import { send } from '../http/headers.ts';

const NAME = /^[a-z][a-z-]{0,40}$/;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

export const EMBED_PREVIEW_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: https:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

/** The mount `<div>` for `widget` with its `data-*` options, in the given order (values escaped). */
export function mountDiv(widget: string, options: readonly [string, string][]): string {
  const attributes = options.map(([name, value]) => ` data-${name}="${escapeHtml(value)}"`).join('');
  return `<div data-otklik="${escapeHtml(widget)}"${attributes}></div>`;
}

/** Registers `GET /embed-preview`. */
export function registerEmbedPreview(router: PageRoutes): void {
  router.get('/embed-preview', (c) => {
    const url = new URL(c.req.url);
    const widget = url.searchParams.get('widget') ?? '';
    const options = [...url.searchParams.entries()].filter(
      ([name, value]) => name !== 'widget' && NAME.test(name) && value.length > 0 && value.length <= 500,
    );
    const lang = options.find(([name]) => name === 'lang')?.[1].slice(0, 2) ?? 'ru';
    const body = NAME.test(widget) ? mountDiv(widget, options) : '';
    const html = `<!doctype html>
<html lang="${escapeHtml(/^(ru|be|en)$/.test(lang) ? lang : 'ru')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Preview</title>
<script src="/otklik.js" defer></script>
</head>
<body>
${body}
</body>
</html>
`;
    return send(c, html, 200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': EMBED_PREVIEW_CSP,
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
  });
}

/**
 * The portal's own rating page, `GET /r/{organizationId}`: the short URL printed on posters and encoded
 * in QR codes, so a citizen reaches a working rating form without the organisation's site. A small
 * HTML page with the loader, the `rating` badge and the `rate` form, under a strict CSP (no inline
 * script, one hashed inline stylesheet, Trusted Types). `?lang=ru|be|en` picks the language; default
 * the organisation's first language. Unknown organisations get a 404 page in the same style.
 *
 * The widgets call the API from the portal's own origin: same-origin GETs carry no `Origin`, POSTs do,
 * and `http/cors.ts` allows the portal's own origin for every organisation.
 */
import { createHash } from 'node:crypto';
import { OrganizationId } from '@otklik/client/schemas';
import * as v from 'valibot';
import type { Queryable } from '../db/types.ts';
import type { PageRoutes } from '../http/endpoint.ts';
import { acceptsHtml, send } from '../http/headers.ts';
import { ProblemError } from '../http/problem.ts';
import { organizationHeading } from '../organizations/directory.ts';

type Lang = 'ru' | 'be' | 'en';
const LANGS: readonly Lang[] = ['ru', 'be', 'en'];

const TEXT: Record<
  Lang,
  { heading: string; intro: string; noscript: string; missing: string; missingText: string; self: string }
> = {
  ru: {
    heading: 'Оцените качество услуг',
    intro: 'Выберите услугу, которую вы получили, и оцените её. Это займёт пару минут.',
    noscript: 'Чтобы оценить услугу, включите JavaScript.',
    missing: 'Организация не найдена',
    missingText: 'Проверьте адрес: организации с таким кодом на портале нет.',
    self: 'Русский',
  },
  be: {
    heading: 'Ацаніце якасць паслуг',
    intro: 'Выберыце паслугу, якую вы атрымалі, і ацаніце яе. Гэта зойме пару хвілін.',
    noscript: 'Каб ацаніць паслугу, уключыце JavaScript.',
    missing: 'Арганізацыя не знойдзена',
    missingText: 'Праверце адрас: арганізацыі з такім кодам на партале няма.',
    self: 'Беларуская',
  },
  en: {
    heading: 'Rate the quality of our services',
    intro: 'Choose the service you received and rate it. It takes a couple of minutes.',
    noscript: 'Please enable JavaScript to rate a service.',
    missing: 'Organisation not found',
    missingText: 'Please check the address: there is no organisation with this code on the portal.',
    self: 'English',
  },
};

const STYLE = `
body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1f2328;background:#f6f8fa}
main{max-width:720px;margin:0 auto;padding:24px 16px 48px}
.org{margin:0 0 4px;color:#59636e;font-weight:600}
h1{margin:0 0 8px;font-size:28px;line-height:1.2}
.intro{margin:0 0 16px}
.langs{display:flex;gap:12px;margin:0 0 16px;padding:0;list-style:none}
.langs a{color:#0b57d0}
[data-otklik]{margin:0 0 16px}
`;
const STYLE_HASH = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;

/** Only the portal's own scripts and API; one hashed inline stylesheet; Trusted Types required. */
export const RATE_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  `style-src 'self' '${STYLE_HASH}'`,
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

const isLang = (value: string | undefined): value is Lang => LANGS.includes(value as Lang);

function page(lang: Lang, title: string, body: string, loader: boolean): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>${loader ? '\n<script src="/otklik.js" defer></script>' : ''}
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export function renderRatePage(org: { id: string; name: string; languages: Lang[] }, lang: Lang): string {
  const t = TEXT[lang];
  const id = escapeHtml(org.id);
  const langs =
    org.languages.length > 1
      ? `<ul class="langs" aria-label="Язык / Мова / Language">${org.languages
          .map((l) =>
            l === lang
              ? `<li><span aria-current="page" lang="${l}">${TEXT[l].self}</span></li>`
              : `<li><a href="?lang=${l}" lang="${l}" hreflang="${l}">${TEXT[l].self}</a></li>`,
          )
          .join('')}</ul>`
      : '';
  return page(
    lang,
    `${t.heading} — ${org.name}`,
    `<p class="org">${escapeHtml(org.name)}</p>
<h1>${t.heading}</h1>
${langs}
<p class="intro">${t.intro}</p>
<noscript><p>${t.noscript}</p></noscript>
<div data-otklik="rating" data-org="${id}"></div>
<div data-otklik="rate" data-org="${id}"></div>`,
    true,
  );
}

export function renderMissingPage(lang: Lang): string {
  const t = TEXT[lang];
  return page(lang, t.missing, `<h1>${t.missing}</h1>\n<p>${t.missingText}</p>`, false);
}

const HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': RATE_PAGE_CSP,
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Registers `GET /r/{organizationId}` (and an empty `/favicon.ico`, which browsers ask the page's origin for). */
export function registerRatePage(router: PageRoutes, db: Queryable): void {
  router.get('/favicon.ico', (c) => send(c, null, 204, { 'Cache-Control': 'public, max-age=86400' }));
  router.get('/r/:organizationId', async (c) => {
    const id = c.req.param('organizationId');
    const asked = c.req.query('lang')?.trim().toLowerCase();
    const org = v.is(OrganizationId, id) ? await organizationHeading(db, id) : null;
    if (!org) {
      if (!acceptsHtml(c))
        throw new ProblemError(404, 'organization-not-found', `No organisation with id ${id}`);
      return send(c, renderMissingPage(isLang(asked) ? asked : 'ru'), 404, {
        ...HEADERS,
        'Cache-Control': 'no-store',
        Vary: 'Accept',
      });
    }
    const languages = org.languages.filter(isLang);
    const lang = isLang(asked) ? asked : (languages[0] ?? 'ru');
    return send(c, renderRatePage({ ...org, languages }, lang), 200, {
      ...HEADERS,
      // Short: a renamed organisation shows its new name within minutes.
      'Cache-Control': 'public, max-age=300',
    });
  });
}

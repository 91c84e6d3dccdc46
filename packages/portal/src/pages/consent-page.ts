/**
 * An organisation's consent document given as text, `GET /consent/{organizationId}/{version}?lang=…`:
 * the page the appeal form links to when the organisation wrote the document in the console instead
 * of linking a page of its site. Plain HTML, no script or style (`default-src 'none'`).
 */
import { isPlainText, OrganizationId } from '@otklik/client/schemas';
import * as v from 'valibot';
import { inLanguage } from '../appeals/settings.ts';
import type { Queryable } from '../db/types.ts';
import type { PageRoutes } from '../http/endpoint.ts';
import { acceptsHtml, send } from '../http/headers.ts';
import { ProblemError } from '../http/problem.ts';
import { consentDocument } from '../organizations/consent.ts';

const MISSING: Record<string, { title: string; text: string }> = {
  ru: { title: 'Документ не найден', text: 'Такой версии документа у организации нет.' },
  be: { title: 'Дакумент не знойдзены', text: 'Такой версіі дакумента ў арганізацыі няма.' },
  en: { title: 'Document not found', text: 'The organisation has no such version of the document.' },
};

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

const page = (lang: string, title: string, body: string) => `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;

const HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

/** Registers `GET /consent/{organizationId}/{version}`. */
export function registerConsentPage(router: PageRoutes, db: Queryable): void {
  router.get('/consent/:organizationId/:version', async (c) => {
    const id = c.req.param('organizationId');
    const version = c.req.param('version');
    const asked = c.req.query('lang')?.trim().toLowerCase();
    const found =
      // A version with a NUL is none (PostgreSQL refuses the byte: it was a 500).
      v.is(OrganizationId, id) && version.length <= 32 && isPlainText(version)
        ? await consentDocument(db, id, version)
        : null;
    const chosen = found ? inLanguage(found.documents, asked, found.languages) : null;
    if (!found || !chosen) {
      if (!acceptsHtml(c)) throw new ProblemError(404, 'not-found', 'No such consent document');
      const lang = asked && MISSING[asked] ? asked : 'ru';
      const text = MISSING[lang] ?? { title: '', text: '' };
      return send(
        c,
        page(lang, text.title, `<h1>${escapeHtml(text.title)}</h1>\n<p>${escapeHtml(text.text)}</p>`),
        404,
        {
          ...HEADERS,
          'Cache-Control': 'no-store',
          Vary: 'Accept',
        },
      );
    }
    const [lang, doc] = chosen;
    const paragraphs = (doc.text ?? '')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0)
      .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
    const link = doc.url ? [`<p><a href="${escapeHtml(doc.url)}">${escapeHtml(doc.url)}</a></p>`] : [];
    const body = [
      `<p>${escapeHtml(found.name)}</p>`,
      `<h1>${escapeHtml(doc.title)}</h1>`,
      ...paragraphs,
      ...link,
    ];
    // A published version never changes.
    return send(c, page(lang, doc.title, body.join('\n')), 200, {
      ...HEADERS,
      'Cache-Control': 'public, max-age=86400',
    });
  });
}

/**
 * The demo mailbox's page (`GET /demo/mailbox`): every mail the demo portal sent, newest first, in
 * Russian, Belarusian or English like the demo's other pages (demo/page-language.ts). No script; the
 * one style element is allowed by its hash; every received text is escaped. It does not refresh by
 * itself (a page that reloads on a timer moves a screen reader's place, WCAG 2.2.1): a link reloads it.
 */
import { createHash } from 'node:crypto';
import type { DemoPage } from '../app.ts';
import type { ReceivedMail } from './mailbox.ts';
import { type DemoLanguage, LANGUAGE_SWITCH_STYLE, type Localized, languageSwitch } from './page-language.ts';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;max-width:60rem;margin:2rem auto;padding:0 1rem}
a{color:#0b5cad}article{border:1px solid #767676;border-radius:6px;padding:0 1rem;margin:1rem 0}
pre{white-space:pre-wrap;overflow-wrap:anywhere;font:inherit}.meta{color:#4d4d4d;overflow-wrap:anywhere}
.reload{display:inline-flex;align-items:center;min-height:2.75rem}:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
${LANGUAGE_SWITCH_STYLE}`;

const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

const TEXTS: Localized<{
  title: string;
  product: string;
  intro: (count: string) => string;
  reload: string;
  to: string;
  empty: string;
}> = {
  ru: {
    title: 'Демо-почта',
    product: 'Отклик',
    intro: (count) => `Все письма, которые отправил демо-портал (хранятся в памяти; всего: ${count}).`,
    reload: 'Обновить страницу',
    to: 'Кому',
    empty: 'Писем пока нет.',
  },
  be: {
    title: 'Дэма-пошта',
    product: 'Водгук',
    intro: (count) => `Усе лісты, якія адправіў дэма-партал (захоўваюцца ў памяці; усяго: ${count}).`,
    reload: 'Абнавіць старонку',
    to: 'Каму',
    empty: 'Лістоў пакуль няма.',
  },
  en: {
    title: 'Demo mailbox',
    product: 'Otklik',
    intro: (count) => `Every e-mail the demo portal sent (kept in memory; ${count} so far).`,
    reload: 'Reload the page',
    to: 'To',
    empty: 'No mail yet.',
  },
};

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

export function renderMailboxPage(
  messages: readonly ReceivedMail[],
  language: DemoLanguage,
  timeZone?: string,
): string {
  const t = TEXTS[language];
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'medium', timeZone });
  const items = [...messages]
    .reverse()
    .map(
      (m) =>
        `<article><h2>${escapeHtml(m.subject)}</h2><p class="meta">${t.to}: ${escapeHtml(m.to)} · <time datetime="${m.at.toISOString()}">${escapeHtml(when.format(m.at))}</time></p><pre>${escapeHtml(m.text)}</pre></article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title} — ${t.product}</title><style>${STYLE}</style></head>
<body><header>${languageSwitch(language, (l) => `?lang=${l}`)}</header>
<main><h1>${t.title}</h1>
<p>${escapeHtml(t.intro(new Intl.NumberFormat(language).format(messages.length)))}</p>
<p><a class="reload" href="?lang=${language}">${t.reload}</a></p>
${items || `<p>${t.empty}</p>`}
</main></body></html>
`;
}

/** The page over a mailbox's messages as they are when it is asked for. */
export function demoMailboxPage(mailbox: { readonly messages: readonly ReceivedMail[] }): DemoPage {
  return { render: (language) => renderMailboxPage(mailbox.messages, language), csp: CSP };
}

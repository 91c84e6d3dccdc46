/**
 * The demo portal's own address (`GET /`, which a real portal leaves to its API), in Russian,
 * Belarusian or English (demo/page-language.ts): what the banner prints, as links — the console and who to sign in as, the API reference, the school site and its
 * pages, the rating page, the mailbox and Demo ID — so whoever opens http://localhost:8787 first is
 * not met by a bare 404.
 */
import { createHash } from 'node:crypto';
import type { DemoPage } from '../app.ts';
import { DEMO_APPLICANT_ACCOUNTS, DEMO_STAFF_ACCOUNTS } from './identity.ts';
import { DEMO_OIDC_PROVIDER_NAME } from './oidc-provider.ts';
import { type DemoLanguage, LANGUAGE_SWITCH_STYLE, type Localized, languageSwitch } from './page-language.ts';

export interface DemoAddresses {
  /** The portal's public URL (no trailing slash). */
  publicUrl: string;
  /** The example school site. */
  siteUrl: string;
  /** Demo ID's issuer. */
  idp: string;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;max-width:44rem;margin:2rem auto;padding:0 1rem}
a{color:#0b5cad}ul{padding-left:1.25rem}li{margin:.25rem 0;overflow-wrap:anywhere}
.note{color:#4d4d4d}:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
${LANGUAGE_SWITCH_STYLE}`;

/** No script; the one style element is allowed by its hash. */
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

/** The page's texts; `{name}` is Demo ID's name. */
const TEXTS = {
  ru: {
    title: 'Демо-портал',
    product: 'Отклик',
    intro:
      'Демо-версия «Отклика»: портал обслуживает виджеты, их API и консоль организаций; в нём демонстрационные организации и обращения.',
    console: 'Консоль',
    consoleNote: ': сотрудники входят в неё как один из людей ниже',
    api: 'Справочник API',
    site: 'Сайт школы',
    siteNote: ' со встроенными виджетами: ',
    pages: [
      'форма обращения',
      'проверка статуса',
      'форма оценки и значок',
      'плакат с QR-кодом',
      'поиск организации',
    ],
    ratePage: 'Страница оценки',
    ratePageNote: ', на которую ведёт QR-код плаката',
    mailbox: 'Демо-почта',
    mailboxNote: ': все письма, которые отправляет портал, с одноразовыми кодами',
    idpNote: ': демонстрационный провайдер OpenID Connect',
    whoTitle: 'Под кем войти',
    who: 'На странице входа в консоль нажмите «Войти через {name}» и выберите человека на странице {name} (без пароля) — или введите адрес человека, а затем одноразовый код из демо-почты.',
    applicants:
      'Заявители подтверждают адрес в форме обращения кодом из демо-почты или через {name} под одним из адресов: {emails}.',
  },
  be: {
    title: 'Дэма-партал',
    product: 'Водгук',
    intro:
      'Дэма-версія «Водгуку»: партал абслугоўвае віджэты, іх API і кансоль арганізацый; у ім дэманстрацыйныя арганізацыі і звароты.',
    console: 'Кансоль',
    consoleNote: ': супрацоўнікі ўваходзяць у яе як адзін з людзей ніжэй',
    api: 'Даведнік API',
    site: 'Сайт школы',
    siteNote: ' з убудаванымі віджэтамі: ',
    pages: [
      'форма звароту',
      'праверка статусу',
      'форма ацэнкі і значок',
      'плакат з QR-кодам',
      'пошук арганізацыі',
    ],
    ratePage: 'Старонка ацэнкі',
    ratePageNote: ', на якую вядзе QR-код плаката',
    mailbox: 'Дэма-пошта',
    mailboxNote: ': усе лісты, якія адпраўляе партал, з аднаразовымі кодамі',
    idpNote: ': дэманстрацыйны пастаўшчык OpenID Connect',
    whoTitle: 'Пад кім увайсці',
    who: 'На старонцы ўваходу ў кансоль націсніце «Увайсці праз {name}» і выберыце чалавека на старонцы {name} (без пароля) — або ўвядзіце адрас чалавека, а потым аднаразовы код з дэма-пошты.',
    applicants:
      'Заяўнікі пацвярджаюць адрас у форме звароту кодам з дэма-пошты або праз {name} пад адным з адрасоў: {emails}.',
  },
  en: {
    title: 'Demo portal',
    product: 'Otklik',
    intro:
      'The Otklik demo: this portal serves the widgets, their API and the organisations’ console, with demo organisations and appeals.',
    console: 'The console',
    consoleNote: ': staff sign in there as one of the people below',
    api: 'The API reference',
    site: 'A school’s site',
    siteNote: ' embedding the widgets: ',
    pages: [
      'the appeal form',
      'the status tracker',
      'the rating form and badge',
      'a QR poster',
      'an organisation search',
    ],
    ratePage: 'The rating page',
    ratePageNote: ' a poster’s QR code leads to',
    mailbox: 'The demo mailbox',
    mailboxNote: ': every e-mail the portal sends, with the one-time codes',
    idpNote: ': the demo’s OpenID Connect provider',
    whoTitle: 'Who to sign in as',
    who: 'On the console’s sign-in page, either “Sign in with {name}” and pick the person on {name}’s page (no password), or the person’s address and then the one-time code from the demo mailbox.',
    applicants:
      'Applicants confirm their address in the appeal form with a code from the demo mailbox, or through {name} as {emails}.',
  },
} satisfies Localized<Record<string, string | string[]>>;

const SITE_PAGES = ['appeal.html', 'status.html', 'rate.html', 'poster.html', 'organisations.html'];

export function demoHomePage(at: DemoAddresses): DemoPage {
  return { render: (language) => renderDemoHome(at, language), csp: CSP };
}

export function renderDemoHome({ publicUrl, siteUrl, idp }: DemoAddresses, language: DemoLanguage): string {
  const t = TEXTS[language];
  const name = DEMO_OIDC_PROVIDER_NAME;
  const fill = (text: string, emails = '') =>
    escapeHtml(text.replaceAll('{name}', name).replace('{emails}', emails));
  const people = DEMO_STAFF_ACCOUNTS.map(
    (p) =>
      `<li>${escapeHtml(p.email)} <span class="note">— ${escapeHtml(p.name)}, ${escapeHtml(p.note[language])}</span></li>`,
  ).join('\n');
  const sitePages = SITE_PAGES.map((page, i) => link(`${siteUrl}/${page}`, t.pages[i] as string)).join(', ');
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)} — ${escapeHtml(t.product)}</title><style>${STYLE}</style></head>
<body><header>${languageSwitch(language, (l) => `?lang=${l}`)}</header>
<main><h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.intro)}</p>
<ul>
<li>${link(`${publicUrl}/console`, t.console)}${escapeHtml(t.consoleNote)}</li>
<li>${link(`${publicUrl}/v1/docs`, t.api)}</li>
<li>${link(siteUrl, t.site)}${escapeHtml(t.siteNote)}${sitePages}</li>
<li>${link(`${publicUrl}/r/demo-school`, t.ratePage)}${escapeHtml(t.ratePageNote)}</li>
<li>${link(`${publicUrl}/demo/mailbox`, t.mailbox)}${escapeHtml(t.mailboxNote)}</li>
<li>${link(idp, name)}${escapeHtml(t.idpNote)}</li>
</ul>
<h2>${escapeHtml(t.whoTitle)}</h2>
<p>${fill(t.who)}</p>
<ul>
${people}
</ul>
<p>${fill(t.applicants, DEMO_APPLICANT_ACCOUNTS.map((a) => a.email).join(', '))}</p>
</main></body></html>
`;
}

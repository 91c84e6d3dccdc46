/**
 * The demo's own OpenID Connect provider, "Demo ID": the real `oidc-provider` on a loopback port, so
 * whoever tries the demo can sign in to the console with it (as staff do with their region's provider)
 * and confirm their identity in the appeal form with it (as applicants do). Its login page lists the
 * demo accounts; picking one is the whole login, and the provider vouches for that address as
 * verified. Staff are matched by that address, so its staff accounts are the demo people's.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Provider from 'oidc-provider';
import { OIDC_CALLBACK_PATH, type OidcProviderConfig } from '../identity/oidc.ts';
import { STAFF_OIDC_CALLBACK_PATH } from '../people/oidc-sign-in.ts';
import { memoryStore } from './oidc-store.ts';
import {
  type DemoLanguage,
  demoLanguage,
  LANGUAGE_SWITCH_STYLE,
  type Localized,
  languageSwitch,
} from './page-language.ts';

/** The provider's id in the portal's configuration (the audit log records `oidc:demo-id`). */
export const DEMO_OIDC_PROVIDER_ID = 'demo-id';
export const DEMO_OIDC_PROVIDER_NAME = 'Demo ID';

export interface DemoOidcAccount {
  email: string;
  name: string;
  /** What the account is for, shown beside it on the login page (in its language). */
  note: Localized;
}

export interface DemoOidcOptions {
  /** The loopback port (0: any free one). */
  port: number;
  /** The portal's public URL: the redirect URIs registered for its two clients start with it. */
  portalUrl: string;
  /** Who may sign in to the console (the demo people). */
  staff: readonly DemoOidcAccount[];
  /** Who may confirm their identity in the appeal form (the demo applicants). */
  applicants: readonly DemoOidcAccount[];
}

export interface DemoOidcProvider {
  issuer: string;
  /** For the portal's `staffOidc`: the console's sign-in. */
  staff: OidcProviderConfig;
  /** For the portal's `oidc.providers`: applicants' identity in the widgets. */
  applicants: OidcProviderConfig;
  close(): Promise<void>;
}

const CLIENTS = { staff: 'otklik-console', applicants: 'otklik-appeals' } as const;
type Audience = keyof typeof CLIENTS;

/**
 * Loads `oidc-provider` (a development dependency: present wherever `pnpm install` ran, never loaded
 * by `serve`). On Node 20 it warns on import that it prefers Node 22; the portal's engines are
 * Node 20 and its tests run the provider there, so that one warning is not passed on.
 */
async function loadProvider(): Promise<typeof Provider> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes('Unsupported runtime')) warn(...args);
  };
  try {
    return (await import('oidc-provider')).default;
  } finally {
    console.warn = warn;
  }
}

export async function startDemoOidcProvider(options: DemoOidcOptions): Promise<DemoOidcProvider> {
  const ProviderClass = await loadProvider();
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const portal = options.portalUrl.replace(/\/+$/, '');
  const secret = randomBytes(32).toString('base64url');
  const page: PageContext = {
    accounts: { staff: options.staff, applicants: options.applicants },
    // A form's redirects end at the portal's callback: the policy names it, or Chromium stops there.
    csp: pageCsp(new URL(portal).origin),
  };
  const known = new Map([...options.staff, ...options.applicants].map((a) => [a.email, a]));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new ProviderClass(issuer, {
    adapter: memoryStore(),
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'demo', use: 'sig', alg: 'RS256' }] },
    clients: [
      {
        client_id: CLIENTS.staff,
        client_secret: secret,
        client_name: 'Otklik console',
        redirect_uris: [`${portal}${STAFF_OIDC_CALLBACK_PATH}`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      {
        client_id: CLIENTS.applicants,
        client_secret: secret,
        client_name: 'Otklik appeal form',
        redirect_uris: [`${portal}${OIDC_CALLBACK_PATH}`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx, sub) => {
      const account = known.get(sub);
      if (account === undefined) return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, email: sub, email_verified: true, name: account.name }),
      };
    },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: (ctx, out) => {
      const language = demoLanguage(ctx.get('accept-language'));
      ctx.type = 'html';
      ctx.set('Content-Security-Policy', page.csp);
      ctx.set('Content-Language', language);
      ctx.body = errorPage(String(out.error_description ?? out.error), language);
    },
  });
  const callback = provider.callback();
  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const language = demoLanguage(req.headers['accept-language'], url.searchParams.get('lang'));
    // Its address is printed and linked, so it says what it is rather than oidc-provider's bare 404.
    if (url.pathname === '/' && (req.method === 'GET' || req.method === 'HEAD'))
      return send(res, page.csp, 200, homePage(portal, language), language);
    const match = /^\/interaction\/([\w-]+)(?:\/(login|cancel))?$/.exec(url.pathname);
    if (match === null) {
      callback(req, res);
      return;
    }
    const action = match[2] as 'login' | 'cancel' | undefined;
    interact(provider, page, req, res, action, language).catch((error: unknown) => {
      if (res.headersSent) return res.end();
      const message = error instanceof Error ? error.message : String(error);
      send(res, page.csp, 400, errorPage(message, language), language);
    });
  });
  const config = (audience: Audience): OidcProviderConfig => ({
    id: DEMO_OIDC_PROVIDER_ID,
    name: DEMO_OIDC_PROVIDER_NAME,
    issuer,
    clientId: CLIENTS[audience],
    clientSecret: secret,
  });
  return {
    issuer,
    staff: config('staff'),
    applicants: config('applicants'),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The login page (GET), its answer (POST …/login) and a refusal (POST …/cancel); consent is implied. */
interface PageContext {
  accounts: Record<Audience, readonly DemoOidcAccount[]>;
  csp: string;
}

async function interact(
  provider: Provider,
  { accounts, csp }: PageContext,
  req: IncomingMessage,
  res: ServerResponse,
  action: 'login' | 'cancel' | undefined,
  language: DemoLanguage,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const audience: Audience = details.params.client_id === CLIENTS.staff ? 'staff' : 'applicants';
  const offered = accounts[audience];
  if (action === undefined && req.method === 'GET') {
    if (details.prompt.name === 'login')
      return send(res, csp, 200, loginPage(details.uid, audience, offered, language), language);
    // The demo's own clients: consent to the e-mail address is implied, as a region's provider does.
    const grant = new provider.Grant({
      accountId: String(details.session?.accountId),
      clientId: String(details.params.client_id),
    });
    grant.addOIDCScope('openid email profile');
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  if (req.method !== 'POST')
    return send(res, csp, 405, errorPage(TEXTS[language].useTheForm, language), language);
  if (action === 'cancel') {
    await provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The person cancelled the sign-in' },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  const chosen = new URLSearchParams(await readBody(req)).get('account');
  const account = offered.find((a) => a.email === chosen);
  if (account === undefined) {
    const page = loginPage(details.uid, audience, offered, language, TEXTS[language].choose);
    return send(res, csp, 400, page, language);
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: account.email } },
    { mergeWithLastSubmission: false },
  );
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 10_000) throw new Error('The form is too large');
  }
  return body;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;max-width:40rem;margin:2rem auto;padding:0 1rem}
fieldset{border:1px solid #767676;border-radius:6px;padding:.5rem 1rem 1rem;margin:1rem 0;min-width:0}
legend{font-weight:600;padding:0 .25rem}
.account{display:flex;gap:.75rem;align-items:flex-start;padding:.5rem 0}
.account input{flex:none;width:1.25rem;height:1.25rem;margin:.2rem 0 0}
.account label{display:flex;flex-direction:column;min-width:0;overflow-wrap:anywhere}
.note{color:#4d4d4d;font-size:.9rem}
.error{color:#b00020;font-weight:600}
.actions{display:flex;flex-wrap:wrap;gap:.75rem}
button{font:inherit;min-height:2.75rem;padding:0 1.25rem;border-radius:6px;border:2px solid #0b5cad;cursor:pointer}
.primary{background:#0b5cad;color:#fff}.secondary{background:#fff;color:#0b5cad}
:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
${LANGUAGE_SWITCH_STYLE}`;
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');
/** The pages run no script; their one style element is allowed by its hash. */
const pageCsp = (portalOrigin: string) =>
  `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self' ${portalOrigin}; frame-ancestors 'none'; base-uri 'none'`;

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

/** The pages' texts; `{name}` is the provider's name. */
const TEXTS = {
  ru: {
    site: 'демо «Отклика»',
    signInWith: 'Вход через {name}',
    about: '{name} — демонстрационная замена службы входа организации.',
    staff:
      'Консоль «Отклика» спрашивает, кто вы. Выберите демо-сотрудника: вы войдёте в консоль под его именем.',
    applicants:
      'Форма обращения просит подтвердить адрес электронной почты. Выберите демо-заявителя: форма получит его адрес как подтверждённый.',
    noPassword: 'Пароля нет: это демо.',
    accounts: 'Демо-учётные записи',
    submit: 'Войти',
    cancel: 'Отмена',
    choose: 'Выберите одну из учётных записей ниже.',
    useTheForm: 'Воспользуйтесь формой на странице входа.',
    home: '{name} — провайдер OpenID Connect демо-версии «Отклика», замена службы входа организации. Своей страницы входа у него нет: начните на {link} («Войти через {name}») или в форме обращения, и он спросит здесь, кто вы из демо-людей.',
    homeLink: 'странице входа в консоль',
    configuration: 'Его конфигурация:',
    failed: 'Войти не удалось',
    again: 'Вернитесь в консоль или форму обращения и начните вход заново.',
  },
  be: {
    site: 'дэма «Водгуку»',
    signInWith: 'Уваход праз {name}',
    about: '{name} — дэманстрацыйная замена службы ўваходу арганізацыі.',
    staff:
      'Кансоль «Водгуку» пытаецца, хто вы. Выберыце дэма-супрацоўніка: вы ўвойдзеце ў кансоль пад яго імем.',
    applicants:
      'Форма звароту просіць пацвердзіць адрас электроннай пошты. Выберыце дэма-заяўніка: форма атрымае яго адрас як пацверджаны.',
    noPassword: 'Пароля няма: гэта дэма.',
    accounts: 'Дэма-ўліковыя запісы',
    submit: 'Увайсці',
    cancel: 'Адмена',
    choose: 'Выберыце адзін з уліковых запісаў ніжэй.',
    useTheForm: 'Скарыстайцеся формай на старонцы ўваходу.',
    home: '{name} — пастаўшчык OpenID Connect дэма-версіі «Водгуку», замена службы ўваходу арганізацыі. Сваёй старонкі ўваходу ў яго няма: пачніце на {link} («Увайсці праз {name}») або ў форме звароту, і ён спытае тут, хто вы з дэма-людзей.',
    homeLink: 'старонцы ўваходу ў кансоль',
    configuration: 'Яго канфігурацыя:',
    failed: 'Увайсці не ўдалося',
    again: 'Вярніцеся ў кансоль або форму звароту і пачніце ўваход нанова.',
  },
  en: {
    site: 'Otklik demo',
    signInWith: 'Sign in with {name}',
    about: '{name} is the demo’s stand-in for an organisation’s identity provider.',
    staff:
      'The Otklik console asks who you are. Pick a demo person: you are signed in to the console as them.',
    applicants:
      'The appeal form asks to confirm your e-mail address. Pick a demo applicant: the form receives their address as confirmed.',
    noPassword: 'No password: this is a demo.',
    accounts: 'Demo accounts',
    submit: 'Sign in',
    cancel: 'Cancel',
    choose: 'Choose one of the accounts below.',
    useTheForm: 'Use the form on the sign-in page.',
    home: '{name} is the Otklik demo’s OpenID Connect provider, a stand-in for an organisation’s identity provider. It has no page of its own to sign in from: start at {link} (“Sign in with {name}”) or in an appeal form, and it asks you here which demo person you are.',
    homeLink: 'the console’s sign-in page',
    configuration: 'Its configuration:',
    failed: 'The sign-in did not work',
    again: 'Go back to the console or the appeal form and start again.',
  },
} satisfies Localized<Record<string, string>>;

/** `text` with the provider's name. */
const withName = (text: string) => text.replaceAll('{name}', DEMO_OIDC_PROVIDER_NAME);
/** The same, escaped. */
const named = (text: string) => escapeHtml(withName(text));

/** A page titled by its one heading, with the language switch (to `path?lang=…`) above it. */
function html(heading: string, body: string, language: DemoLanguage, path: string): string {
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)} — ${TEXTS[language].site}</title><style>${STYLE}</style></head>
<body><header>${languageSwitch(language, (l) => `${path}?lang=${l}`)}</header>
<main><h1>${escapeHtml(heading)}</h1>
${body}</main></body></html>
`;
}

function loginPage(
  uid: string,
  audience: Audience,
  accounts: readonly DemoOidcAccount[],
  language: DemoLanguage,
  error?: string,
): string {
  const t = TEXTS[language];
  const items = accounts
    .map(
      (
        a,
        i,
      ) => `<div class="account"><input type="radio" name="account" id="account-${i}" value="${escapeHtml(
        a.email,
      )}" required${i === 0 ? ' checked' : ''}>
<label for="account-${i}"><span>${escapeHtml(a.email)}</span><span class="note">${escapeHtml(a.name)} — ${escapeHtml(
        a.note[language],
      )}</span></label></div>`,
    )
    .join('\n');
  const path = `/interaction/${encodeURIComponent(uid)}`;
  // The answer keeps the page's language (a refusal is shown in it).
  const lang = `?lang=${language}`;
  return html(
    withName(t.signInWith),
    `<p>${named(t.about)} ${escapeHtml(t[audience])} ${escapeHtml(t.noPassword)}</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${path}/login${lang}">
<fieldset><legend>${escapeHtml(t.accounts)}</legend>
${items}
</fieldset>
<div class="actions"><button type="submit" class="primary">${escapeHtml(t.submit)}</button>
<button type="submit" class="secondary" formaction="${path}/cancel${lang}" formnovalidate>${escapeHtml(t.cancel)}</button></div>
</form>`,
    language,
    path,
  );
}

function homePage(portal: string, language: DemoLanguage): string {
  const t = TEXTS[language];
  const signIn = `<a href="${escapeHtml(`${portal}/console/sign-in`)}">${escapeHtml(t.homeLink)}</a>`;
  return html(
    DEMO_OIDC_PROVIDER_NAME,
    `<p>${named(t.home).replace('{link}', signIn)}</p>
<p>${escapeHtml(t.configuration)} <a href="/.well-known/openid-configuration">/.well-known/openid-configuration</a>.</p>`,
    language,
    '/',
  );
}

function errorPage(message: string, language: DemoLanguage): string {
  const t = TEXTS[language];
  return html(t.failed, `<p>${escapeHtml(message)}</p><p>${escapeHtml(t.again)}</p>`, language, '/');
}

function send(res: ServerResponse, csp: string, status: number, body: string, language: DemoLanguage): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Language': language,
    Vary: 'Accept-Language',
    'Content-Security-Policy': csp,
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(body);
}

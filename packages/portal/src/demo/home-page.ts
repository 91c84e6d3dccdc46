/**
 * The demo portal's own address (`GET /`, which a real portal leaves to its API): what the banner
 * prints, as links — the console and who to sign in as, the API reference, the school site and its
 * pages, the rating page, the mailbox and Demo ID — so whoever opens http://localhost:8787 first is
 * not met by a bare 404.
 */
import { createHash } from 'node:crypto';
import type { DemoPage } from '../app.ts';
import { DEMO_APPLICANT_ACCOUNTS, DEMO_STAFF_ACCOUNTS } from './identity.ts';
import { DEMO_OIDC_PROVIDER_NAME } from './oidc-provider.ts';

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
.note{color:#4d4d4d}:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}`;

/** No script; the one style element is allowed by its hash. */
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

export function demoHomePage(at: DemoAddresses): DemoPage {
  return { html: renderDemoHome(at), csp: CSP };
}

export function renderDemoHome({ publicUrl, siteUrl, idp }: DemoAddresses): string {
  const name = DEMO_OIDC_PROVIDER_NAME;
  const people = DEMO_STAFF_ACCOUNTS.map(
    (p) =>
      `<li>${escapeHtml(p.email)} <span class="note">— ${escapeHtml(p.name)}, ${escapeHtml(p.note)}</span></li>`,
  ).join('\n');
  const sitePages = [
    ['appeal.html', 'the appeal form'],
    ['status.html', 'the status tracker'],
    ['rate.html', 'the rating form and badge'],
    ['poster.html', 'a QR poster'],
    ['organisations.html', 'an organisation search'],
  ]
    .map(([page, text]) => link(`${siteUrl}/${page}`, text as string))
    .join(', ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Otklik demo portal</title><style>${STYLE}</style></head>
<body><main><h1>Otklik demo portal</h1>
<p>This portal serves the widgets, their API and the organisations' console, with demo organisations and appeals.</p>
<ul>
<li>${link(`${publicUrl}/console`, 'The console')}: staff sign in there as one of the people below</li>
<li>${link(`${publicUrl}/v1/docs`, 'The API reference')}</li>
<li>${link(siteUrl, 'A school’s site')} embedding the widgets: ${sitePages}</li>
<li>${link(`${publicUrl}/r/demo-school`, 'The rating page')} a poster’s QR code leads to</li>
<li>${link(`${publicUrl}/demo/mailbox`, 'The demo mailbox')}: every e-mail the portal sends, with the one-time codes</li>
<li>${link(idp, name)}: the demo’s OpenID Connect provider</li>
</ul>
<h2>Who to sign in as</h2>
<p>On the console’s sign-in page, either “Войти через ${escapeHtml(name)}” and pick the person on ${escapeHtml(name)}’s page (no password), or the person’s address and then the one-time code from the demo mailbox.</p>
<ul>
${people}
</ul>
<p>Applicants confirm their address in the appeal form with a code from the demo mailbox, or through ${escapeHtml(name)} as ${DEMO_APPLICANT_ACCOUNTS.map((a) => escapeHtml(a.email)).join(', ')}.</p>
</main></body></html>
`;
}

import { DEMO_APPLICANT_ACCOUNTS, DEMO_STAFF_ACCOUNTS } from './identity.ts';
import { DEMO_OIDC_PROVIDER_NAME } from './oidc-provider.ts';

/** Where the demo's servers listen and read from: for whoever runs it, after what to open. */
export interface DemoInternals {
  /** The portal's listen address and database. */
  portal: string;
  /** The SMTP mailbox's address. */
  mailbox: string;
  /** The example site's directory. */
  site: string;
}

/**
 * What `demo` prints once everything is up: first the address to open (the public URL, not the
 * loopback address the portal listens on), then where each part is, how to sign in each way, and
 * last where the servers listen.
 */
export function demoBanner(
  at: { publicUrl: string; siteUrl: string; idp: string },
  internals: DemoInternals,
): string {
  const name = DEMO_OIDC_PROVIDER_NAME;
  return `Otklik demo is running: open ${at.publicUrl} in your browser.

Console:      ${at.publicUrl}/console
School site:  ${at.siteUrl} (example pages with the widgets)
Demo mailbox: ${at.publicUrl}/demo/mailbox
API:          ${at.publicUrl}/v1/docs
${`${name}:`.padEnd(14)}${at.idp} (the demo's OpenID Connect provider)

Sign in to the console as any of these people, either way:
  - "${name}" on the sign-in page, then pick the person on ${name}'s page (no password);
  - the person's address, then the one-time code from the demo mailbox.
${DEMO_STAFF_ACCOUNTS.map((p) => `  ${p.email.padEnd(40)} ${p.note.en}`).join('\n')}

Applicants confirm their address in an appeal form (${at.siteUrl}/appeal.html) with a code from the
demo mailbox, or through ${name} as ${DEMO_APPLICANT_ACCOUNTS.map((a) => a.email).join(', ')}.

Listening: portal on ${internals.portal}; SMTP mailbox on ${internals.mailbox};
example site from ${internals.site}. Ctrl+C stops the demo.`;
}

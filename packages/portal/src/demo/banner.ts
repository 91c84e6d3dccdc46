import { DEMO_APPLICANT_ACCOUNTS, DEMO_STAFF_ACCOUNTS } from './identity.ts';
import { DEMO_OIDC_PROVIDER_NAME } from './oidc-provider.ts';

/** What `demo` prints on start: where everything is, and how to sign in each way. */
export function demoBanner(at: { publicUrl: string; siteUrl: string; idp: string }): string {
  const name = DEMO_OIDC_PROVIDER_NAME;
  return `Portal:       ${at.publicUrl}
Console:      ${at.publicUrl}/console
School site:  ${at.siteUrl}
Demo mailbox: ${at.publicUrl}/demo/mailbox
${`${name}:`.padEnd(14)}${at.idp} (the demo's OpenID Connect provider)

Sign in to the console as any of these people, either way:
  - "${name}" on the sign-in page, then pick the person on ${name}'s page (no password);
  - the person's address, then the one-time code from the demo mailbox.
${DEMO_STAFF_ACCOUNTS.map((p) => `  ${p.email.padEnd(40)} ${p.note}`).join('\n')}

Applicants confirm their address in an appeal form (${at.siteUrl}/appeal.html) with a code from the
demo mailbox, or through ${name} as ${DEMO_APPLICANT_ACCOUNTS.map((a) => a.email).join(', ')}.`;
}

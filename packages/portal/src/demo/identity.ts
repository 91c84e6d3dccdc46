/**
 * The demo's "Demo ID" provider wired into the portal: who it lets sign in, the portal options that
 * use it, and the demo organisations offering it in their appeal forms.
 */
import type { Queryable } from '../db/types.ts';
import type { OidcOptions, OidcProviderConfig } from '../identity/oidc.ts';
import type { StaffOidcOptions } from '../people/oidc-sign-in.ts';
import { DEMO_ORGANIZATIONS } from '../seed/demo.ts';
import { DEMO_APPLICANTS } from '../seed/demo-applicants.ts';
import { DEMO_PEOPLE } from '../seed/demo-people.ts';
import {
  DEMO_OIDC_PROVIDER_ID,
  type DemoOidcAccount,
  type DemoOidcProvider,
  startDemoOidcProvider,
} from './oidc-provider.ts';

/** The demo people: staff are matched by the provider's verified address, never created. */
export const DEMO_STAFF_ACCOUNTS: readonly DemoOidcAccount[] = DEMO_PEOPLE.map((p) => ({
  email: p.email,
  name: p.name,
  note: p.note,
}));

/** A few of the made-up applicants whose appeals the demo holds. */
export const DEMO_APPLICANT_ACCOUNTS: readonly DemoOidcAccount[] = DEMO_APPLICANTS.slice(0, 3).map((a) => ({
  email: a.email,
  name: `${a.surname} ${a.firstName} ${a.patronymic}`,
  note: { ru: 'заявитель', be: 'заяўнік', en: 'applicant' },
}));

/** Starts Demo ID for the portal at `portalUrl`, with the demo's accounts. */
export function startDemoIdentity(port: number, portalUrl: string): Promise<DemoOidcProvider> {
  return startDemoOidcProvider({
    port,
    portalUrl,
    staff: DEMO_STAFF_ACCOUNTS,
    applicants: DEMO_APPLICANT_ACCOUNTS,
  });
}

/**
 * The portal options for Demo ID: the console's sign-in (unless `staffFromEnv`, an operator's own
 * provider, is given) and one more applicant provider beside `applicantsFromEnv`. Its issuer is plain
 * `http:` on loopback, which the OpenID Connect client allows only when told.
 */
export function demoIdentityOptions(
  idp: DemoOidcProvider,
  applicantsFromEnv: readonly OidcProviderConfig[],
  staffFromEnv: OidcProviderConfig | null,
): { oidc: OidcOptions; staffOidc: StaffOidcOptions } {
  return {
    oidc: { providers: [...applicantsFromEnv, idp.applicants], allowInsecureRequests: true },
    staffOidc:
      staffFromEnv === null
        ? { provider: idp.staff, allowInsecureRequests: true }
        : { provider: staffFromEnv },
  };
}

/** The demo organisations offer Demo ID where their forms ask who the applicant is. Idempotent. */
export async function offerDemoIdentity(db: Queryable): Promise<void> {
  await db.query(
    `INSERT INTO organization_oidc_providers (organization_id, provider_id)
     SELECT id, $2 FROM organizations WHERE id = ANY($1::text[]) ON CONFLICT DO NOTHING`,
    [DEMO_ORGANIZATIONS.map((o) => o.id), DEMO_OIDC_PROVIDER_ID],
  );
}

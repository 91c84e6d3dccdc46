import { endpoints, ROLE_PERMISSIONS } from '@otklik/client/contract';
import type { StaffSession } from '@otklik/client/schemas';
import type { Context } from 'hono';
import type { IntakeGuard } from '../abuse/intake-guard.ts';
import type { Database, Queryable } from '../db/types.ts';
import { type Router, registerEndpoint } from '../http/endpoint.ts';
import { setHeader } from '../http/headers.ts';
import { ProblemError, refusal } from '../http/problem.ts';
import type { KeyRing } from '../security/keys.ts';
import type { PersonActor, StaffActor } from '../staff/actor.ts';
import { createApiKeyRecord, listApiKeys, revokeApiKey } from '../staff/api-keys.ts';
import { audit, auditPortal } from '../staff/audit.ts';
import { readAuditLog } from '../staff/audit-log.ts';
import {
  createSession,
  csrfTokenFor,
  hostCookie,
  hostCookieValue,
  loadPerson,
  revokeSessions,
  SESSION_ABSOLUTE_MS,
  sessionCookie,
} from '../staff/sessions.ts';
import { acceptInvitation, invite, listPeople, setRoles } from './members.ts';
import { STAFF_OIDC_BROWSER_COOKIE, STAFF_OIDC_TTL_MS, type StaffOidcSignIn } from './oidc-sign-in.ts';
import { createOrganization, importOrganizations, listOrganizations } from './organizations.ts';
import { requestSignIn, verifySignIn } from './sign-in.ts';
import { auditSignInEvent, EMAIL_CODE, type SignInMethod } from './sign-in-audit.ts';
import { setTotp, startEnrolment } from './totp.ts';

export interface PeopleRoutesOptions {
  db: Database;
  keys: KeyRing;
  now?: (() => Date) | undefined;
  /** The portal's public URL, for the links in invitations (else the request's own origin). */
  publicUrl?: string | undefined;
  /** Rate limits per client address (sign-in requests and code checks). */
  guard?: IntakeGuard | undefined;
  /** Staff sign-in with the portal's OpenID Connect provider (none configured: the e-mail code only). */
  oidc?: StaffOidcSignIn | undefined;
}

/** The session as the console sees it: the person, their roles, permissions per organisation, CSRF. */
async function sessionView(
  db: Queryable,
  keys: KeyRing,
  personId: string,
  sessionId: string,
): Promise<StaffSession> {
  const person = await loadPerson(db, personId);
  if (person === null) throw new ProblemError(401, 'unauthorized', 'The session has ended; sign in again');
  const [session] = await db.query<{ expires_at: Date }>(
    'SELECT expires_at FROM staff_sessions WHERE id = $1',
    [sessionId],
  );
  const permissions: Record<string, string[]> = {};
  for (const m of person.memberships) {
    const held = new Set([...(permissions[m.organizationId] ?? []), ...ROLE_PERMISSIONS[m.role]]);
    permissions[m.organizationId] = [...held].sort();
  }
  return {
    person: {
      id: person.id,
      email: person.email,
      displayName: person.display_name,
      totpEnabled: person.totp_enabled_at !== null,
    },
    portalAdministrator: person.portal_admin,
    memberships: person.memberships,
    permissions,
    csrfToken: await csrfTokenFor(keys, sessionId),
    expiresAt: (session?.expires_at ?? new Date(Date.now() + SESSION_ABSOLUTE_MS)).toISOString(),
  };
}

const personOf = (actor: StaffActor): PersonActor => {
  if (actor.kind !== 'person') {
    throw refusal('person-only', 'Only a person signed in to the console may do this');
  }
  return actor;
};

/** Console sign-in, the session and second factor, people, API keys, the audit log, portal administration. */
export function registerPeopleRoutes(
  router: Router<unknown, StaffActor>,
  options: PeopleRoutesOptions,
): void {
  const { db, keys, guard, oidc } = options;
  const now = options.now ?? (() => new Date());
  const consoleUrl = (c: Context) =>
    `${options.publicUrl ?? new URL(c.req.url).origin}`.replace(/\/+$/, '') + '/console';
  const limit = async (c: Context, action: 'staff-sign-in' | 'staff-sign-in-verify') => {
    if (guard) await guard(c, action, 'portal');
  };

  registerEndpoint(router, endpoints.requestStaffSignIn, async ({ c, body }) => {
    await limit(c, 'staff-sign-in');
    return requestSignIn(db, keys, body.email, body.language ?? 'ru', now());
  });
  /** Starts the person's session (always a new one: a cookie the browser brought is never adopted). */
  const startSession = async (c: Context, personId: string, method: SignInMethod, at: Date) => {
    const session = await db.transaction(async (tx) => {
      const started = await createSession(tx, keys, personId, at);
      await auditSignInEvent(tx, personId, 'sign-in', method);
      return started;
    });
    setHeader(c, 'Set-Cookie', sessionCookie(c, session.token));
    return sessionView(db, keys, personId, session.id);
  };
  registerEndpoint(router, endpoints.verifyStaffSignIn, async ({ c, params, body }) => {
    await limit(c, 'staff-sign-in-verify');
    const at = now();
    const personId = await verifySignIn(db, keys, params.signInId, body.code, body.totp, at);
    return startSession(c, personId, EMAIL_CODE, at);
  });
  registerEndpoint(router, endpoints.getStaffSignInMethods, async () => ({
    emailCode: true,
    oidc: oidc ? { name: oidc.name } : null,
  }));
  const oidcOrRefuse = () => {
    if (!oidc) {
      throw new ProblemError(404, 'not-found', 'This portal configures no OpenID Connect provider for staff');
    }
    return oidc;
  };
  registerEndpoint(router, endpoints.startStaffOidcSignIn, async ({ c }) => {
    const provider = oidcOrRefuse();
    await limit(c, 'staff-sign-in');
    const { started, browser } = await provider.start(now());
    // Only this browser may finish the sign-in (no signing someone in with a link to one's own).
    setHeader(c, 'Set-Cookie', hostCookie(c, STAFF_OIDC_BROWSER_COOKIE, browser, STAFF_OIDC_TTL_MS));
    return started;
  });
  registerEndpoint(router, endpoints.completeStaffOidcSignIn, async ({ c, body }) => {
    const provider = oidcOrRefuse();
    await limit(c, 'staff-sign-in-verify');
    const at = now();
    const personId = await provider.complete(body, hostCookieValue(c, STAFF_OIDC_BROWSER_COOKIE), at);
    // (Its cookie is left to expire: the response sets the session's, and the row it named is gone.)
    return startSession(c, personId, provider.method, at);
  });
  registerEndpoint(router, endpoints.acceptStaffInvitation, async ({ body }) =>
    db.transaction((tx) => acceptInvitation(tx, keys, body.token, now())),
  );

  registerEndpoint(router, endpoints.getStaffSession, async ({ actor }) => {
    const person = personOf(actor);
    return sessionView(db, keys, person.personId, person.sessionId);
  });
  for (const everywhere of [false, true]) {
    const endpoint = everywhere ? endpoints.signOutStaffEverywhere : endpoints.signOutStaff;
    registerEndpoint(router, endpoint, async ({ c, actor }) => {
      const person = personOf(actor);
      await db.transaction(async (tx) => {
        await revokeSessions(tx, person, everywhere, now());
        await auditSignInEvent(tx, person.personId, everywhere ? 'sign-out-everywhere' : 'sign-out');
      });
      setHeader(c, 'Set-Cookie', sessionCookie(c, null));
      return undefined;
    });
  }
  registerEndpoint(router, endpoints.startTotpEnrolment, async ({ actor }) => {
    const person = personOf(actor);
    return db.transaction((tx) => startEnrolment(tx, keys, person.personId, person.email));
  });
  registerEndpoint(router, endpoints.confirmTotp, async ({ actor, body }) => {
    const person = personOf(actor);
    await db.transaction((tx) => setTotp(tx, keys, person.personId, body.code, true, now()));
    return undefined;
  });
  registerEndpoint(router, endpoints.disableTotp, async ({ actor, body }) => {
    const person = personOf(actor);
    await db.transaction((tx) => setTotp(tx, keys, person.personId, body.code, false, now()));
    return undefined;
  });

  registerEndpoint(router, endpoints.listStaffPeople, async ({ actor, params }) => {
    const people = await listPeople(db, params.organizationId, now());
    await audit(db, actor, 'people.list', null, { count: people.people.length });
    return people;
  });
  registerEndpoint(router, endpoints.inviteStaffPerson, async ({ c, actor, params, body }) =>
    db.transaction(async (tx) => {
      const invitation = await invite(
        tx,
        keys,
        {
          organizationId: params.organizationId,
          email: body.email,
          role: body.role,
          subtree: body.subtree,
          invitedBy: actor.kind === 'person' ? actor.personId : null,
          language: body.language ?? 'ru',
          consoleUrl: consoleUrl(c),
        },
        now(),
      );
      await audit(tx, actor, 'people.invite', null, { role: body.role, subtree: body.subtree });
      return invitation;
    }),
  );
  registerEndpoint(router, endpoints.setStaffPersonRoles, async ({ actor, params, body }) =>
    db.transaction(async (tx) => {
      const person = await setRoles(tx, params.organizationId, params.personId, body.roles);
      await audit(tx, actor, 'people.roles', null, {
        personId: params.personId,
        roles: person.roles.map((r) => r.role),
      });
      return person;
    }),
  );

  registerEndpoint(router, endpoints.listStaffApiKeys, async ({ actor, params }) => {
    await audit(db, actor, 'api-keys.list', null);
    return listApiKeys(db, params.organizationId);
  });
  registerEndpoint(router, endpoints.createStaffApiKey, async ({ actor, params, body }) =>
    db.transaction(async (tx) => {
      const key = await createApiKeyRecord(tx, params.organizationId, body.label);
      await audit(tx, actor, 'api-keys.create', null, { keyId: key.id });
      return key;
    }),
  );
  registerEndpoint(router, endpoints.revokeStaffApiKey, async ({ actor, params }) =>
    db.transaction(async (tx) => {
      await revokeApiKey(tx, params.organizationId, params.keyId);
      await audit(tx, actor, 'api-keys.revoke', null, { keyId: params.keyId });
      return undefined;
    }),
  );
  registerEndpoint(router, endpoints.listStaffAuditLog, async ({ params, query }) =>
    readAuditLog(db, params.organizationId, query),
  );

  registerEndpoint(router, endpoints.listPortalAuditLog, async ({ query }) => readAuditLog(db, null, query));
  registerEndpoint(router, endpoints.listPortalOrganizations, async ({ query }) =>
    listOrganizations(db, query),
  );
  registerEndpoint(router, endpoints.createPortalOrganization, async ({ actor, body }) =>
    db.transaction(async (tx) => {
      const created = await createOrganization(tx, body);
      await audit(tx, actor, 'organization.create', null, null, created.id);
      await auditPortal(tx, actor, 'organization.create', { organizationId: created.id });
      return created;
    }),
  );
  registerEndpoint(router, endpoints.importPortalOrganizations, async ({ actor, body }) => {
    const result = await importOrganizations(db, body.csv, body.dryRun);
    // Only what changed the portal: an import that created organisations (not a check).
    if (result.created > 0) await auditPortal(db, actor, 'organization.import', { created: result.created });
    return result;
  });
  registerEndpoint(
    router,
    endpoints.invitePortalOrganizationAdministrator,
    async ({ c, actor, params, body }) =>
      db.transaction(async (tx) => {
        const invitation = await invite(
          tx,
          keys,
          {
            organizationId: params.organizationId,
            email: body.email,
            role: 'administrator',
            subtree: false,
            invitedBy: actor.kind === 'person' ? actor.personId : null,
            language: body.language ?? 'ru',
            consoleUrl: consoleUrl(c),
          },
          now(),
        );
        await audit(tx, actor, 'people.invite', null, { role: 'administrator' }, params.organizationId);
        await auditPortal(tx, actor, 'people.invite', {
          role: 'administrator',
          organizationId: params.organizationId,
        });
        return invitation;
      }),
  );
}

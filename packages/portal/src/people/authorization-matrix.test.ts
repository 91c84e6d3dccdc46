/**
 * The authorisation matrix: every staff endpoint of the contract × every role (and an API key, and a
 * portal administrator) × the actor's own organisation, one below it, an unrelated one and an
 * unknown one. Each call is either let through (whatever the handler then says about the made-up
 * input) or refused — and a refusal for an unrelated organisation or appeal is byte-for-byte the
 * refusal for one that does not exist. The anonymous console endpoints (signing in, OpenID Connect,
 * invitations) answer the portal's own origin only.
 */
import {
  API_KEY_PERMISSIONS,
  type EndpointDefinition,
  endpoints,
  ROLE_PERMISSIONS,
  STAFF_PERMISSIONS,
  type StaffPermission,
  type StaffRole,
} from '@otklik/client/contract';
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../staff/api-keys.ts';
import { testBackends } from '../testing/backends.ts';
import { useDemoStaff } from '../testing/demo-staff.ts';
import { type StaffCall } from './staff-harness.ts';

const backends = await testBackends();

const HOME = 'demo-edu-dept';
const BELOW = 'demo-school';
const UNRELATED = 'demo-by';
const UNKNOWN = 'no-such-organisation';
type Relation = 'own' | 'below' | 'unrelated' | 'unknown';
const TARGETS: Record<Relation, string> = { own: HOME, below: BELOW, unrelated: UNRELATED, unknown: UNKNOWN };
const NO_SUCH_UUID = '00000000-0000-4000-8000-000000000000';

type ActorName = StaffRole | 'portal-administrator' | 'api-key';
const ACTORS: readonly ActorName[] = [
  'administrator',
  'coordinator',
  'executor',
  'approver',
  'analyst',
  'portal-administrator',
  'api-key',
];

const held = (actor: ActorName): ReadonlySet<StaffPermission> =>
  new Set<StaffPermission>(
    actor === 'api-key'
      ? API_KEY_PERMISSIONS
      : actor === 'portal-administrator'
        ? ['organizations.manage', 'account.manage']
        : [...ROLE_PERMISSIONS[actor], 'account.manage'],
  );

/** Whether `actor` (roles held in HOME, reaching below it) may call with `permission` on `relation`. */
function allowed(actor: ActorName, permission: StaffPermission, relation: Relation): boolean {
  if (!held(actor).has(permission)) return false;
  switch (STAFF_PERMISSIONS[permission]) {
    case 'self':
    case 'portal':
      return true;
    case 'subtree':
      return relation === 'own' || relation === 'below';
    case 'organization':
      return relation === 'own';
  }
}

const staffEndpoints = Object.entries(endpoints).filter(
  // Signing out is covered by the session tests (it would end the matrix's own sessions).
  ([name, e]) => e.access === 'staff' && name !== 'signOutStaff' && name !== 'signOutStaffEverywhere',
) as [string, EndpointDefinition & { permission: StaffPermission }][];

describe.each(backends)('authorisation matrix on $name', (backend) => {
  const test = it.skipIf(backend.skipReason !== null);
  const credentials = new Map<ActorName, StaffCall>();
  const appeals: Partial<Record<Relation, string>> = { unknown: NO_SUCH_UUID };

  const h = useDemoStaff(backend, {
    setup: async () => {
      for (const relation of ['own', 'below', 'unrelated'] as const) {
        const [row] = await h.db.query<{ id: string }>(
          'SELECT id FROM appeals WHERE organization_id = $1 ORDER BY id LIMIT 1',
          [TARGETS[relation]],
        );
        if (!row) throw new Error(`no appeal in ${TARGETS[relation]}`);
        appeals[relation] = row.id;
      }
      for (const actor of ACTORS) {
        if (actor === 'api-key') {
          credentials.set(actor, { apiKey: await createApiKey(h.db, HOME, 'matrix') });
          continue;
        }
        const email = `${actor}@matrix.example`;
        if (actor === 'portal-administrator') await h.addPerson(email, [], true);
        else await h.addPerson(email, [[HOME, actor, true]]);
        const { cookie, csrf } = await h.signIn(email);
        credentials.set(actor, { cookie, csrf });
      }
    },
  });

  const pathFor = (e: EndpointDefinition, relation: Relation) =>
    e.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === 'organizationId') return TARGETS[relation];
      if (name === 'appealId') return appeals[relation] as string;
      if (name === 'setId') return 'matrix-set';
      // Calendars: a real country, year and a (weekend) day, so only the permission decides.
      if (name === 'country') return 'RU';
      if (name === 'year') return '2027';
      if (name === 'date') return '2027-03-06';
      // Other parameters get a well-formed value, so the gate (not the parameter check) answers.
      if (name === 'origin') return encodeURIComponent('https://matrix.example');
      if (name === 'topicId') return 'matrix-topic';
      return NO_SUCH_UUID;
    });

  const refusal = async (res: Response) => {
    const body = (await res.json()) as { code?: string; detail?: string; title?: string };
    return { status: res.status, code: body.code, title: body.title, detail: body.detail };
  };

  test('every staff endpoint × every role × own, subordinate, unrelated and unknown organisation', async () => {
    let checked = 0;
    const outcomes: string[] = [];
    for (const [name, e] of staffEndpoints) {
      const byPath = e.path.includes('{organizationId}') || e.path.includes('{appealId}');
      const relations: Relation[] = byPath ? ['own', 'below', 'unrelated', 'unknown'] : ['own'];
      for (const actor of ACTORS) {
        const refusals = new Map<Relation, unknown>();
        for (const relation of relations) {
          const call = {
            ...credentials.get(actor),
            ...(e.method === 'GET' || e.method === 'DELETE' ? {} : { body: {} }),
          };
          const res = await h.call(e.method, pathFor(e, relation), call);
          checked++;
          const byAppeal = !e.path.includes('{organizationId}') && e.path.includes('{appealId}');
          const expectAllowed = byAppeal
            ? held(actor).has(e.permission)
            : allowed(actor, e.permission, relation);
          const where = `${name} as ${actor} on ${relation}: ${res.status}`;
          if (expectAllowed) {
            // Let through: whatever the handler says about the made-up input, never 401/403.
            const foreignAppeal = byAppeal && relation !== 'own';
            outcomes.push(where);
            // Another organisation's appeal is not found (a write's made-up body is refused first).
            if (foreignAppeal) expect([404, 422], where).toContain(res.status);
            else expect([401, 403].includes(res.status), where).toBe(false);
            if (foreignAppeal) refusals.set(relation, await refusal(res));
            else await res.body?.cancel();
          } else {
            expect(res.status, where).toBe(403);
            refusals.set(relation, await refusal(res));
          }
        }
        // An unrelated organisation (or its appeal) is refused exactly like one that does not exist.
        if (refusals.has('unrelated') && STAFF_PERMISSIONS[e.permission] !== 'portal') {
          expect(refusals.get('unrelated'), `${name} as ${actor}`).toEqual(refusals.get('unknown'));
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
    // The portal administrators' endpoints are in it, the portal's own audit log among them.
    expect(staffEndpoints.map(([name]) => name)).toEqual(
      expect.arrayContaining(['listPortalAuditLog', 'listPortalOrganizations', 'importAppealClassifier']),
    );
    expect(outcomes).toContain('listPortalAuditLog as portal-administrator on own: 200');
    console.info(
      `[figures] ${backend.name}: ${staffEndpoints.length} staff endpoints, ${checked} calls checked`,
    );
  }, 300_000);

  test('every anonymous console endpoint (signing in, invitations) is refused from another origin', async () => {
    const consoleEndpoints = Object.entries(endpoints).filter(([, e]) => e.access === 'console');
    expect(consoleEndpoints.map(([name]) => name)).toEqual(
      expect.arrayContaining(['requestStaffSignIn', 'getStaffSignInMethods', 'completeStaffOidcSignIn']),
    );
    for (const [name, e] of consoleEndpoints) {
      const path = e.path.replace(/\{\w+\}/g, NO_SUCH_UUID);
      const body = e.method === 'GET' || e.method === 'DELETE' ? {} : { body: {} };
      const res = await h.call(e.method, path, { ...body, origin: 'https://evil.example' });
      expect(res.status, name).toBe(403);
      expect(res.headers.get('Access-Control-Allow-Origin'), name).toBeNull();
    }
  });

  test('a role reaches figures below only when marked subtree; personal data never', async () => {
    await h.addPerson('flat-analyst@matrix.example', [[HOME, 'analyst', false]]);
    const flat = await h.signIn('flat-analyst@matrix.example');
    expect((await h.call('GET', `/v1/staff/organizations/${HOME}/rating-comments`, flat)).status).toBe(200);
    expect((await h.call('GET', `/v1/staff/organizations/${BELOW}/rating-comments`, flat)).status).toBe(403);
    const deep = credentials.get('coordinator') as StaffCall;
    expect((await h.call('GET', `/v1/staff/appeals/${appeals.below}`, deep)).status).toBe(404);
    // With a role there too, the same person opens it.
    await h.db.query(
      `INSERT INTO memberships (person_id, organization_id, role) SELECT id, $1, 'coordinator' FROM people WHERE email = 'coordinator@matrix.example'`,
      [BELOW],
    );
    expect((await h.call('GET', `/v1/staff/appeals/${appeals.below}`, deep)).status).toBe(200);
    expect((await h.call('GET', `/v1/staff/appeals/${appeals.own}`, deep)).status).toBe(200);
  });
});

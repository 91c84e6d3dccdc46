/**
 * Fuzzing every operation of the OpenAPI document: seeded, several thousand requests with valid and
 * broken path parameters, queries, headers and bodies (wrong types, NUL, lone surrogates, huge strings,
 * impossible dates, malformed JSON). Not one answer may be a 5xx, and every 4xx must be problem JSON
 * with one of the documented codes.
 */
import { randomUUID } from 'node:crypto';
import { AppealReceipt, AttachmentUpload, PowChallenge, Problem, ProblemCode } from '@otklik/client/schemas';
import * as v from 'valibot';
import { afterAll, describe, expect, it } from 'vitest';
import { solveChallenge } from '../abuse/pow.ts';
import { createApp } from '../app.ts';
import { oidcProvidersFromEnv } from '../identity/oidc.ts';
import { ensurePerson } from '../people/members.ts';
import { staffOidcProviderFromEnv } from '../people/oidc-sign-in.ts';
import { createKeyRing } from '../security/keys.ts';
import { createApiKey } from '../staff/api-keys.ts';
import { createSession, csrfTokenFor } from '../staff/sessions.ts';
import { belarusianAppeal } from '../testing/applicants.ts';
import { testBackends } from '../testing/backends.ts';
import { useDemoDatabase } from '../testing/demo-database.ts';
import { startOidcProvider, type TestProvider } from '../testing/oidc-provider.ts';
import { buildOpenApiDocument } from './document.ts';

type Json = Record<string, unknown>;
type Schema = Json & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  additionalProperties?: Schema | boolean;
  propertyNames?: Schema;
};

const SEED = 13;
const REQUESTS_PER_OPERATION = 110;
const SITE = 'http://localhost:8788';
/** The portal's public URL: what `app.request` addresses (so its own origin and the cookies' loopback names hold). */
const PORTAL = 'http://localhost';
const ORG = 'demo-by';
const CODES = new Set<string>(ProblemCode.options);
/** Pages, not API calls: the OpenID Connect callback answers a failed sign-in with an HTML page. */
const HTML_PAGES = new Set(['completeOidcLogin']);
/**
 * Routes the portal serves outside the OpenAPI document: pages, files, probes and the document itself.
 * Any other route must be an operation of the document (a new endpoint the fuzz would not reach).
 */
const NOT_IN_DOCUMENT = new Set([
  '/health',
  '/health/live',
  '/health/ready',
  '/metrics',
  '/v1/openapi.json',
  '/v1/docs',
  '/v1/identity/oidc/complete.js',
  '/otklik.js',
  '/widgets/*',
  '/embed-preview',
  '/consent/{organizationId}/{version}',
  '/favicon.ico',
  '/r/{organizationId}',
  '/console',
  '/console/*',
]);
/**
 * The tables a write fills, counted before and after every request: a refused one (4xx) must leave
 * them as they were. (Tables that record refusals by design — rate limits, wrong-code counters — are
 * not among them.)
 */
const WRITTEN_TABLES = [
  'appeals',
  'appeal_messages',
  'appeal_events',
  'attachments',
  'audit_log',
  'outbox',
  'desk_events',
  'appeal_notes',
  'answer_drafts',
  'answer_templates',
  'webhooks',
  'api_keys',
  'memberships',
  'invitations',
  'organizations',
  'organization_origins',
  'organization_topics',
  'organization_consent_versions',
  'calendar_days',
  'criteria_sets',
  'ratings',
  'topic_classifier_codes',
  'appeal_classifier',
  'staff_mail_preferences',
  'portal_administrators',
  'people',
  'idempotency_keys',
  'pow_spent',
];
const FINGERPRINT = `SELECT concat_ws(',', ${WRITTEN_TABLES.map((t) => `(SELECT count(*) FROM ${t})`).join(', ')}) AS n`;

/** The fuzz's own API key in use. */
const FUZZ_KEY = "SELECT id FROM api_keys WHERE label = 'fuzz' AND revoked_at IS NULL";
/** Operations that end the session they are called with: the fuzz signs in again after one succeeds. */
const SIGN_OUTS = new Set(['signOutStaff', 'signOutStaffEverywhere']);

/** mulberry32: a small seeded generator, so a failure is reproducible from the seed. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)] as T,
    chance: (p: number) => next() < p,
  };
}
type Random = ReturnType<typeof generator>;

const NASTY_STRINGS = [
  'a\u0000b',
  '\u0000',
  'x\uD800y',
  '\uDC00',
  'end\uD83D',
  'x'.repeat(100_000),
  'я'.repeat(30_000),
  '',
  ' ',
  '2024-02-30',
  '2023-02-29',
  '9999-99-99',
  '2024-13-01T25:61:00Z',
  '../../etc/passwd',
  "'; DROP TABLE appeals; --",
  '<script>alert(1)</script>',
  '%00',
  '\u202Eevil',
  '💥'.repeat(500),
  '-1',
  '1e309',
  'null',
  '{"a":1}',
];
const NASTY_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  [],
  {},
  [null],
  { a: { b: {} } },
  'x',
];

/** Strings that satisfy the patterns the contract uses, tried in order. */
const PATTERN_SAMPLES = [
  'abc',
  'demo-by',
  '123456',
  'a'.repeat(64),
  'AbCdEfGh12345678_-',
  '2026-11',
  '0000-01',
  '12',
  '1',
];

function validString(schema: Schema, r: Random, known: Json): string {
  // Days at the edges of the calendar too: there is no year 0, and PostgreSQL refuses it.
  if (schema.format === 'date')
    return r.pick(['2026-11-01', '2024-02-29', '2026-01-31', '0000-01-01', '0001-01-01', '9999-12-31']);
  if (schema.format === 'date-time') return new Date(Date.UTC(2026, 10, 1)).toISOString();
  if (schema.format === 'email') return 'fuzz@example.com';
  if (schema.format === 'uri') return `${SITE}/page`;
  if (schema.format === 'uuid') return r.chance(0.5) ? (known.appealId as string) : randomUUID();
  if (schema.pattern !== undefined) {
    const pattern = new RegExp(schema.pattern, 'u');
    const samples = PATTERN_SAMPLES.filter((sample) => pattern.test(sample));
    return samples.length > 0 ? r.pick(samples) : 'abc';
  }
  const min = schema.minLength ?? 1;
  const max = Math.min(schema.maxLength ?? 40, 40);
  return 'Текст обращения '.repeat(4).slice(0, Math.max(min, Math.min(max, 1 + r.int(40))));
}

function mutate(r: Random): unknown {
  return r.chance(0.6) ? r.pick(NASTY_STRINGS) : r.pick(NASTY_VALUES);
}

/** A value for `schema`: mostly valid, with a mutation at any node now and then. */
function generate(schema: Schema | undefined, r: Random, known: Json, depth = 0): unknown {
  if (schema === undefined) return r.pick(NASTY_VALUES);
  if (r.chance(0.12)) return mutate(r);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return r.pick(schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return generate(r.pick(alternatives), r, known, depth + 1);
  if (schema.allOf) return generate(schema.allOf[0], r, known, depth + 1);
  const type = Array.isArray(schema.type) ? r.pick(schema.type) : schema.type;
  switch (type) {
    case 'string':
      return validString(schema, r, known);
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? 0;
      const max = Math.min(schema.maximum ?? min + 10, min + 10);
      return min + r.int(max - min + 1);
    }
    case 'boolean':
      return r.chance(0.5);
    case 'null':
      return null;
    case 'array': {
      const n = Math.max(schema.minItems ?? 0, r.int(3));
      return Array.from({ length: n }, () => generate(schema.items, r, known, depth + 1));
    }
    case 'object': {
      const out: Json = {};
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        const required = schema.required?.includes(name) ?? false;
        if (required ? r.chance(0.97) : r.chance(0.6)) out[name] = generate(property, r, known, depth + 1);
      }
      if (typeof schema.additionalProperties === 'object') {
        const key = schema.propertyNames ? validString(schema.propertyNames, r, known) : 'courtesy';
        out[key] = generate(schema.additionalProperties, r, known, depth + 1);
      }
      if (r.chance(0.05)) out[r.pick(['extra', '__proto__', 'constructor'])] = mutate(r);
      return out;
    }
    default:
      return mutate(r);
  }
}

/** A value for a path or query parameter, as text. */
function parameterText(name: string, schema: Schema, r: Random, known: Json): string {
  if (r.chance(0.25)) {
    return r.pick([
      ...NASTY_STRINGS.filter((s) => s.length < 5000),
      '%',
      '%F0%28',
      '%00',
      '..%2F..',
      'x'.repeat(3000),
      'школа',
      '00000000-0000-0000-0000-000000000000',
    ]);
  }
  if (name in known) return String(known[name]);
  const value = generate(schema, r, known);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Puts text into a URL without letting it change the path's shape (but keeping deliberate escapes). */
function inPath(text: string): string {
  if (/^[\w%.~-]*$/.test(text)) return text;
  // A lone surrogate has no UTF-8 form: send the bytes a careless encoder would (invalid UTF-8).
  return encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '\u0001')).replaceAll('%01', '%ED%A0%80');
}

const backends = (await testBackends()).filter((backend) => backend.name === 'pglite');

describe.each(backends)('fuzzing the OpenAPI operations on $name', (backend) => {
  let app: ReturnType<typeof createApp>;
  const known: Json = { organizationId: ORG };
  const staffKnown: Json = {};
  let staffKey = '';
  let secret = '';
  let keys: ReturnType<typeof createKeyRing>;
  let personId = '';
  let idp: TestProvider | undefined;
  /** A console session of a portal administrator who administers the organisation (cookie, CSRF token). */
  let session: { cookie: string; csrf: string } | null = null;
  const signIn = async () => {
    const started = await createSession(db, keys, personId, new Date());
    session = {
      cookie: `otklik-session=${started.token}`,
      csrf: await csrfTokenFor(keys, started.id),
    };
    return session;
  };

  const db = useDemoDatabase(backend, {
    setup: async () => {
      keys = createKeyRing(db, 'fuzz-secret');
      // Both OpenID Connect sign-ins on, against a real provider, so their operations are fuzzed too.
      idp = await startOidcProvider({ email: 'fuzz-admin@example.com', verified: true }, [
        `${PORTAL}/v1/identity/oidc/callback`,
        `${PORTAL}/console/sign-in/oidc`,
      ]);
      const provider = {
        id: 'fuzz-id',
        name: 'Fuzz ID',
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
      };
      const staffProvider = staffOidcProviderFromEnv(JSON.stringify(provider));
      if (staffProvider === null) throw new Error('no staff provider');
      await db.query('INSERT INTO organization_oidc_providers VALUES ($1, $2)', [ORG, provider.id]);
      app = createApp({
        db: db,
        keys,
        pow: { maxNumber: 200 },
        logger: { log() {} },
        publicUrl: PORTAL,
        oidc: { providers: oidcProvidersFromEnv(JSON.stringify([provider])), allowInsecureRequests: true },
        staffOidc: { provider: staffProvider, allowInsecureRequests: true },
      });
      staffKey = await createApiKey(db, ORG, 'fuzz');
      personId = await ensurePerson(db, 'fuzz-admin@example.com');
      await db.query(
        `INSERT INTO memberships (person_id, organization_id, role, subtree) VALUES ($1, $2, 'administrator', true)`,
        [personId, ORG],
      );
      await db.query('INSERT INTO portal_administrators (person_id) VALUES ($1)', [personId]);
      const [key] = await db.query<{ id: string }>(FUZZ_KEY);
      const post = (path: string, body: unknown) =>
        app.request(path, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), Origin: SITE },
          body: JSON.stringify(body),
        });
      const boundary = 'fuzz-boundary';
      const upload = await app.request(`/v1/organizations/${ORG}/attachments`, {
        method: 'POST',
        headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Origin: SITE },
        body:
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n` +
          `Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--${boundary}--\r\n`,
      });
      const attachment = v.parse(AttachmentUpload, await upload.json());
      const file = async (attachmentIds: string[]) => {
        const challenge = v.parse(
          PowChallenge,
          await (await post(`/v1/organizations/${ORG}/challenges`, {})).json(),
        );
        const filed = await post(
          `/v1/organizations/${ORG}/appeals`,
          belarusianAppeal('ales@example.com', solveChallenge(challenge), {
            text: 'Прашу разгледзець.',
            attachmentIds,
          }),
        );
        expect(filed.status).toBe(201);
        return v.parse(AppealReceipt, await filed.json());
      };
      const receipt = await file([attachment.id]);
      // Staff calls work on another appeal: the applicant's calls may withdraw this one.
      staffKnown.appealId = (await file([])).appealId;
      secret = receipt.accessSecret;
      Object.assign(known, {
        appealId: receipt.appealId,
        attachmentId: attachment.id,
        uploadId: attachment.id,
        serviceId: 'passport',
        setId: 'own-set',
        providerId: 'fuzz-id',
        returnOrigin: SITE,
        country: 'BY',
        year: '2026',
        date: '2026-11-02',
        month: '2026-11',
      });
      // Staff paths name the people and keys that exist (a revoked key or a changed role is fine).
      Object.assign(staffKnown, { personId, keyId: key?.id });
    },
  });
  afterAll(async () => {
    await idp?.close();
  });

  it('answers thousands of generated requests without a 5xx, every 4xx a problem with a stable code', async () => {
    const r = generator(SEED);
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, Json>> };
    const failures: string[] = [];
    const seen = new Map<number, number>();
    const reached = new Set<string>();
    const pastTheGate = new Set<string>();
    let sent = 0;
    for (const [template, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const id = operation.operationId as string;
        const parameters = (operation.parameters ?? []) as { name: string; in: string; schema: Schema }[];
        const body = (operation.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)
          ?.content?.['application/json']?.schema;
        const upload = (operation.requestBody as { content?: Json } | undefined)?.content?.[
          'multipart/form-data'
        ];
        const staff = operation['x-otklik-access'] === 'staff';
        const secured = (operation.security as Json[] | undefined)?.[0] ?? {};
        const values = staff ? { ...known, ...staffKnown } : known;
        for (let i = 0; i < REQUESTS_PER_OPERATION; i++) {
          let path = template;
          const query = new URLSearchParams();
          const headers: Record<string, string> = {};
          for (const parameter of parameters) {
            if (parameter.in === 'path') {
              path = path.replace(
                `{${parameter.name}}`,
                inPath(parameterText(parameter.name, parameter.schema, r, values)),
              );
            } else if (parameter.in === 'query') {
              if (r.chance(0.5))
                query.append(parameter.name, parameterText(parameter.name, parameter.schema, r, values));
              if (r.chance(0.05)) query.append(parameter.name, 'again');
            } else if (parameter.name === 'Idempotency-Key') {
              if (r.chance(0.9))
                headers['Idempotency-Key'] = r.chance(0.9)
                  ? randomUUID()
                  : r.pick(['short', 'x'.repeat(300), 'a b c d e f']);
            } else if (parameter.name === 'If-None-Match' && r.chance(0.2)) {
              headers['If-None-Match'] = r.pick(['"x"', '*', 'W/"abc"', '"\u00ff"']);
            }
          }
          if (r.chance(0.05))
            query.append(r.pick(['extra', 'q', '__proto__']), r.pick(NASTY_STRINGS).slice(0, 100));
          // Staff calls come from the console (same origin, no Origin on GET) or from scripts (none).
          if (r.chance(staff ? 0.15 : 0.85))
            headers.Origin = r.pick([SITE, SITE, SITE, 'https://evil.example', 'null']);
          // Staff calls with the API key, the console's session (writes with its CSRF token), or neither.
          const credential = r.next();
          const viaSession = (staff || operation['x-otklik-access'] === 'console') && credential >= 0.45;
          if (staff && credential < 0.45)
            headers.Authorization = `Bearer ${r.chance(0.9) ? staffKey : 'x'.repeat(40)}`;
          if (viaSession && credential < 0.95) {
            const { cookie, csrf } = session ?? (await signIn());
            headers.Cookie = r.chance(0.95) ? cookie : 'otklik-session=forged';
            if (method !== 'get' && r.chance(0.95)) headers['X-CSRF-Token'] = csrf;
          }
          if ('appealSecret' in secured && r.chance(0.85))
            headers.Authorization = `Bearer ${r.chance(0.8) ? secret : 'y'.repeat(43)}`;
          if ('uploadToken' in secured && r.chance(0.85)) headers.Authorization = `Bearer ${'z'.repeat(43)}`;
          let payload: string | undefined;
          if (body !== undefined) {
            headers['Content-Type'] = r.chance(0.95)
              ? 'application/json'
              : r.pick(['text/plain', 'application/json; charset=latin1', '']);
            const roll = r.next();
            if (roll < 0.08)
              payload = r.pick([
                '{',
                '{"a":',
                'nul',
                '[1,]',
                '\u0000',
                '{"text":"\\ud800"}',
                '{"a":1}{"b":2}',
                '',
              ]);
            else if (roll < 0.1) payload = `${'['.repeat(5000)}${']'.repeat(5000)}`;
            else payload = JSON.stringify(generate(body, r, values));
          } else if (upload !== undefined) {
            const boundary = 'fuzzed';
            headers['Content-Type'] = r.chance(0.9)
              ? `multipart/form-data; boundary=${boundary}`
              : r.pick(['multipart/form-data', 'application/json']);
            const whole = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${r.pick(['a.pdf', '\u0000.pdf', 'x'.repeat(400)])}"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n${r.pick(NASTY_STRINGS).slice(0, 1000)}\r\n--${boundary}--\r\n`;
            payload = whole.slice(0, r.chance(0.5) ? whole.length : r.int(whole.length));
          }
          const url = `${path}${query.size ? `?${query}` : ''}`;
          const method_ = method.toUpperCase();
          sent++;
          let res: Response;
          const before = (await db.query<{ n: string }>(FINGERPRINT))[0]?.n;
          try {
            res = await app.request(url, {
              method: method_,
              headers,
              ...(payload === undefined ? {} : { body: payload }),
            });
          } catch (error) {
            failures.push(`${id} ${method_} ${url.slice(0, 120)}: threw ${String(error)}`);
            continue;
          }
          seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
          if (res.status < 300) reached.add(id);
          if (res.status !== 401 && res.status !== 403) pastTheGate.add(id);
          if (SIGN_OUTS.has(id) && res.status === 204) session = null;
          // The fuzz's own key revoked (its id is known): a new one, or every later call is a 401.
          if (id === 'revokeStaffApiKey' && res.status === 204 && url.includes(String(staffKnown.keyId))) {
            staffKey = await createApiKey(db, ORG, 'fuzz');
            const [key] = await db.query<{ id: string }>(FUZZ_KEY);
            staffKnown.keyId = key?.id;
          }
          const text = await res.text();
          const where = `${id} ${method_} ${url.slice(0, 120)} ${payload?.slice(0, 120) ?? ''}`;
          const after = (await db.query<{ n: string }>(FINGERPRINT))[0]?.n;
          if (res.status >= 400 && after !== before) {
            const changed = WRITTEN_TABLES.filter((_, i) => before?.split(',')[i] !== after?.split(',')[i]);
            failures.push(`${where}: ${res.status} changed ${changed.join(', ')}`);
          }
          if (res.status >= 500) {
            failures.push(`${where}: ${res.status} ${text.slice(0, 200)}`);
          } else if (res.status >= 400 && !HTML_PAGES.has(id)) {
            const type = res.headers.get('Content-Type') ?? '';
            const parsed = /^application\/problem\+json/.test(type)
              ? v.safeParse(Problem, safeJson(text))
              : null;
            if (!parsed?.success || !CODES.has(parsed.output.code) || parsed.output.status !== res.status) {
              failures.push(`${where}: ${res.status} ${type} ${text.slice(0, 200)}`);
            }
          }
        }
      }
    }
    console.log(
      sent,
      JSON.stringify([...seen].sort()),
      [...Object.values(doc.paths)]
        .flatMap((o) => Object.values(o).map((x) => x.operationId))
        .filter((x) => !reached.has(x as string)),
    );
    expect(sent).toBeGreaterThan(3000);
    // Both refusals and successes happened: the generator reaches past the first checks.
    expect([...seen.keys()].some((status) => status < 300)).toBe(true);
    expect([...seen.keys()].filter((status) => status >= 400).length).toBeGreaterThan(4);
    // …and past the checks into the handlers of writes, where text reaches the database.
    for (const id of [
      'getAppeal',
      'addAppealMessage',
      'addStaffAppealMessage',
      'answerStaffAppeal',
      'uploadAttachment',
    ]) {
      expect(reached).toContain(id);
    }
    // Every operation was answered past its credentials at least once: none is fuzzed at the door only.
    const operationIds = Object.values(doc.paths).flatMap((o) => Object.values(o).map((x) => x.operationId));
    expect(operationIds.filter((x) => !pastTheGate.has(x as string))).toEqual([]);
    expect(failures.slice(0, 30)).toEqual([]);
  }, 600_000);

  it('documents every route the portal serves, but its pages and files', () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, Json>> };
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    const undocumented = app.routes
      // Middleware (`*`), CORS preflights (documented by the operations they serve).
      .filter((route) => route.method !== 'ALL' && route.method !== 'OPTIONS')
      .map((route) => ({ method: route.method, path: route.path.replace(/:(\w+)/g, '{$1}') }))
      .filter(({ method, path }) => !documented.has(`${method} ${path}`) && !NOT_IN_DOCUMENT.has(path))
      .map(({ method, path }) => `${method} ${path}`);
    expect(undocumented).toEqual([]);
  });
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

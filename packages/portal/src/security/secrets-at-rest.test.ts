/**
 * No secret at rest in plain text: every flow that creates a secret runs (e-mail code, identity token,
 * filing with its access secret and private link, upload token, lost link, staff API key, rating; the
 * staff's sign-in code, session token and CSRF token, authenticator secret, invitation, API key made in
 * the console, webhook secret, and the `state` of both OpenID Connect sign-ins), then every table of
 * the database is read as text and searched for each secret seen — once while the mails are still
 * queued and once after they are sent. The tables those secrets belong in must hold rows by then, so
 * the search covers them (a table added later with a secret of its own needs its flow here).
 */
import { randomUUID } from 'node:crypto';
import { AppealReceipt, AttachmentUpload, PowChallenge, VerifiedIdentity } from '@otklik/client/schemas';
import * as v from 'valibot';
import { afterAll, describe, expect, it } from 'vitest';
import { solveChallenge } from '../abuse/pow.ts';
import { createApp } from '../app.ts';
import { type Mailbox, startMailbox } from '../demo/mailbox.ts';
import { oidcProvidersFromEnv } from '../identity/oidc.ts';
import { type OutboxWorker, smtpTransport, startOutboxWorker } from '../mail/outbox-worker.ts';
import { ensurePerson } from '../people/members.ts';
import { staffOidcProviderFromEnv } from '../people/oidc-sign-in.ts';
import { DEMO_CONSENT } from '../seed/demo.ts';
import { createApiKey } from '../staff/api-keys.ts';
import { testBackends } from '../testing/backends.ts';
import { useDemoDatabase } from '../testing/demo-database.ts';
import { startOidcProvider, type TestProvider } from '../testing/oidc-provider.ts';
import { queuedMail } from '../testing/outbox.ts';
import { createKeyRing, SEALED_PREFIX } from './keys.ts';

const backends = await testBackends();
const SITE = 'http://localhost:8788';
const PORTAL = 'http://127.0.0.1:8787';
/** Where each secret the staff flows make must be kept (hashed or sealed): the search must see rows there. */
const SECRET_TABLES = [
  'staff_sign_ins',
  'staff_sessions',
  'invitations',
  'api_keys',
  'webhooks',
  'staff_oidc_sign_ins',
  'oidc_login_states',
  'idempotency_keys',
  'email_verifications',
  'outbox',
];

describe.each(backends)('secrets at rest on $name', (backend) => {
  const test = it.skipIf(backend.skipReason !== null);
  let app: ReturnType<typeof createApp>;
  let mailbox: Mailbox;
  let worker: OutboxWorker;
  let idp: TestProvider;
  let keys: ReturnType<typeof createKeyRing>;
  const secrets = new Map<string, string>();

  const db = useDemoDatabase(backend, {
    setup: async () => {
      keys = createKeyRing(db, 'secrets-test');
      idp = await startOidcProvider({ email: 'x@example.com', verified: true }, [
        `${PORTAL}/v1/identity/oidc/callback`,
        `${PORTAL}/console/sign-in/oidc`,
      ]);
      const provider = {
        id: 'test-id',
        name: 'Test ID',
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
      };
      await db.query(`INSERT INTO organization_oidc_providers VALUES ('demo-school', 'test-id')`);
      const staffProvider = staffOidcProviderFromEnv(JSON.stringify(provider));
      if (staffProvider === null) throw new Error('no staff provider');
      app = createApp({
        db,
        keys,
        pow: { maxNumber: 200 },
        publicUrl: PORTAL,
        oidc: {
          providers: oidcProvidersFromEnv(JSON.stringify([provider])),
          allowInsecureRequests: true,
        },
        staffOidc: { provider: staffProvider, allowInsecureRequests: true },
        webhooks: { allowPrivateNetworks: true },
      });
      mailbox = await startMailbox();
      worker = startOutboxWorker({
        db,
        keys,
        transport: smtpTransport(`smtp://127.0.0.1:${mailbox.port}`),
        from: 'Otklik test <noreply@otklik.test>',
        intervalMs: 3_600_000,
      });
    },
  });
  afterAll(async () => {
    await worker?.stop();
    await mailbox?.close();
    await idp?.close();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Origin: SITE,
        'Idempotency-Key': randomUUID(),
        ...headers,
      },
      body: JSON.stringify(body),
    });
  const pow = async (org: string) =>
    solveChallenge(
      v.parse(PowChallenge, await (await post(`/v1/organizations/${org}/challenges`, {})).json()),
    );

  /** Every row of every table of the portal's schema, as text. */
  async function everyTableAsText(): Promise<Map<string, string>> {
    const tables = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    const out = new Map<string, string>();
    for (const { table_name: table } of tables) {
      const rows = await db.query<{ row: string }>(`SELECT t::text AS row FROM "${table}" t`);
      out.set(table, rows.map((r) => r.row).join('\n'));
    }
    return out;
  }

  /** Where each secret appears in plain text (a six-digit code only as a whole number, not inside a hash). */
  async function leaks(): Promise<string[]> {
    const found: string[] = [];
    for (const [table, text] of await everyTableAsText()) {
      for (const [name, secret] of secrets) {
        const hit = /^\d{6}$/.test(secret)
          ? new RegExp(`(?<![0-9a-f])${secret}(?![0-9a-f])`).test(text)
          : text.includes(secret);
        if (hit) found.push(`${name} in ${table}`);
      }
    }
    return found;
  }

  test('every flow runs, and no table holds any secret it produced, before or after the mails go', async () => {
    const email = `secret-${randomUUID().slice(0, 8)}@example.com`;
    // The e-mail code: its mail is the only place the code is readable.
    const sent = await post('/v1/organizations/demo-school/identity/email-code', { email });
    expect(sent.status).toBe(202);
    const { verificationId } = (await sent.json()) as { verificationId: string };
    await worker.runOnce();
    const codeMail = await mailbox.waitFor((m) => m.to.includes(email));
    const code = /\b(\d{6})\b/.exec(codeMail.text)?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);
    secrets.set('e-mail code', code);
    const verified = await post(
      `/v1/organizations/demo-school/identity/email-code/${verificationId}/verify`,
      { code },
    );
    expect(verified.status).toBe(200);
    const { identityToken } = v.parse(VerifiedIdentity, await verified.json());
    secrets.set('identity token', identityToken);

    // An upload and its token, then the filing with its access secret and private link.
    const boundary = 'secrets';
    const uploaded = await app.request('/v1/organizations/demo-school/attachments', {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Origin: SITE },
      body:
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n` +
        `Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--${boundary}--\r\n`,
    });
    expect(uploaded.status).toBe(201);
    const upload = v.parse(AttachmentUpload, await uploaded.json());
    secrets.set('upload token', upload.uploadToken);
    const spare = v.parse(
      AttachmentUpload,
      await (
        await app.request('/v1/organizations/demo-school/attachments', {
          method: 'POST',
          headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Origin: SITE },
          body:
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.pdf"\r\n` +
            `Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--${boundary}--\r\n`,
        })
      ).json(),
    );
    secrets.set('upload token of a file not yet filed', spare.uploadToken);
    const filed = await post('/v1/organizations/demo-school/appeals', {
      type: 'complaint',
      language: 'ru',
      applicant: { surname: 'Иванова', firstName: 'Мария', email },
      text: 'Прошу разобраться.',
      consent: { version: DEMO_CONSENT.version, accepted: true },
      identityToken,
      proofOfWork: await pow('demo-school'),
      pageUrl: `${SITE}/appeal.html`,
      attachmentIds: [upload.id],
    });
    expect(filed.status).toBe(201);
    const receipt = v.parse(AppealReceipt, await filed.json());
    secrets.set('access secret', receipt.accessSecret);
    const bearer = { Authorization: `Bearer ${receipt.accessSecret}` };
    expect(
      (await post(`/v1/appeals/${receipt.appealId}/messages`, { text: 'Дополнение' }, bearer)).status,
    ).toBe(201);

    // A lost link: a new secret, mailed.
    const lost = await post('/v1/organizations/demo-school/appeals/lost-link', {
      registrationNumber: receipt.registrationNumber,
      email,
    });
    expect(lost.status).toBe(202);

    // Staff: an API key, used to answer.
    const apiKey = await createApiKey(db, 'demo-school', 'secrets test');
    secrets.set('API key', apiKey);
    const answered = await app.request(`/v1/staff/appeals/${receipt.appealId}/answer`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ result: 'explained', text: 'Разъяснено.' }),
    });
    expect(answered.status).toBe(200);

    // The applicant's OpenID Connect sign-in: its state travels only in the provider's URL.
    const oidcStart = await app.request(
      `/v1/organizations/demo-school/identity/oidc/test-id/start?returnOrigin=${encodeURIComponent(SITE)}`,
    );
    expect(oidcStart.status).toBe(302);
    secrets.set('applicant OIDC state', stateOf(oidcStart.headers.get('Location')));

    // Staff: a person signs in with a mailed code and gets a session and its CSRF token.
    const admin = 'secret-admin@example.com';
    const adminId = await ensurePerson(db, admin);
    await db.query(
      `INSERT INTO memberships (person_id, organization_id, role, subtree) VALUES ($1, 'demo-school', 'administrator', false)`,
      [adminId],
    );
    await db.query('INSERT INTO portal_administrators (person_id) VALUES ($1)', [adminId]);
    const signIn = await post('/v1/staff/sign-in', { email: admin }, { Origin: PORTAL });
    expect(signIn.status).toBe(202);
    const { signInId } = (await signIn.json()) as { signInId: string };
    // Read from the queued mail (sealed in the outbox): the other mails stay queued for the check below.
    const signInCode =
      (await queuedMail<{ code: string }>(db, keys, 'staff-sign-in-code', admin))?.code ?? '';
    secrets.set('staff sign-in code', signInCode);
    const signedIn = await post(`/v1/staff/sign-in/${signInId}`, { code: signInCode }, { Origin: PORTAL });
    expect(signedIn.status).toBe(200);
    const cookie = (signedIn.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
    secrets.set('staff session token', cookie.split('=')[1] ?? '');
    const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
    secrets.set('CSRF token', csrfToken);
    const console_ = { Cookie: cookie, 'X-CSRF-Token': csrfToken, Origin: PORTAL };

    // The authenticator's secret (shown once for the QR code; kept sealed).
    const totp = await post('/v1/staff/account/totp', {}, console_);
    expect(totp.status).toBe(200);
    secrets.set('TOTP secret', ((await totp.json()) as { secret: string }).secret);

    // An invitation: its token is in the mailed link only.
    const invited = await post(
      '/v1/staff/organizations/demo-school/invitations',
      { email: 'invitee@example.com', role: 'executor' },
      console_,
    );
    expect(invited.status).toBe(201);
    // An API key and a webhook made in the console: each secret shown once.
    const madeKey = await post('/v1/staff/organizations/demo-school/api-keys', { label: 'made' }, console_);
    expect(madeKey.status).toBe(201);
    secrets.set('API key made in the console', ((await madeKey.json()) as { key: string }).key);
    const hook = await post(
      '/v1/staff/organizations/demo-school/webhooks',
      { url: 'http://127.0.0.1:9/hook', events: ['appeal.filed'] },
      console_,
    );
    expect(hook.status).toBe(201);
    secrets.set('webhook secret', ((await hook.json()) as { secret: string }).secret);

    // The staff's OpenID Connect sign-in: its state in the provider's URL, its browser value in a cookie.
    const staffOidc = await post('/v1/staff/oidc-sign-in', {}, { Origin: PORTAL });
    expect(staffOidc.status).toBe(200);
    const { authorizationUrl } = (await staffOidc.json()) as { authorizationUrl: string };
    secrets.set('staff OIDC state', stateOf(authorizationUrl));
    const browserCookie = (staffOidc.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
    secrets.set('staff OIDC browser value', browserCookie.split('=')[1] ?? '');

    // While the mails are queued: the outbox holds them sealed.
    const queued = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL',
    );
    expect(queued[0]?.n).toBeGreaterThan(1);
    expect(await leaks()).toEqual([]);

    await worker.runOnce();
    const lostMail = await mailbox.waitFor((m) => m.to.includes(email) && /#otklik-appeal=/.test(m.text));
    const newSecret = /#otklik-appeal=[^.]+\.([\w-]+)/.exec(lostMail.text)?.[1] ?? '';
    expect(newSecret.length).toBeGreaterThanOrEqual(22);
    secrets.set('access secret from the lost-link mail', newSecret);
    // The mailed secrets were the real ones.
    expect(mailbox.messages.some((m) => m.text.includes(receipt.accessSecret))).toBe(true);
    const invitation = await mailbox.waitFor((m) => m.to.includes('invitee@example.com'));
    secrets.set('invitation token', /\/invitation#([\w-]+)/.exec(invitation.text)?.[1] ?? '');
    for (const [name, secret] of secrets) expect(secret.length, name).toBeGreaterThanOrEqual(6);
    expect(await leaks()).toEqual([]);

    // The search saw the tables those secrets belong in (hashed or sealed there), and the portal's own
    // audit log (entries with no organisation), which records the staff's actions.
    const tables = await everyTableAsText();
    expect(SECRET_TABLES.filter((table) => (tables.get(table) ?? '') === '')).toEqual([]);
    const [portalAudit] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_log WHERE organization_id IS NULL',
    );
    expect(portalAudit?.n).toBeGreaterThan(0);
    const [sealedTotp] = await db.query<{ totp_secret: string | null }>(
      'SELECT totp_secret FROM people WHERE id = $1',
      [adminId],
    );
    expect(sealedTotp?.totp_secret).toBeTruthy();
    // The PKCE verifiers of both sign-ins never leave the portal (no answer shows them to search for):
    // their rows hold them sealed.
    const verifiers = await db.query<{ code_verifier: string }>(
      'SELECT code_verifier FROM staff_oidc_sign_ins UNION ALL SELECT code_verifier FROM oidc_login_states',
    );
    expect(verifiers.length).toBe(2);
    for (const { code_verifier } of verifiers) expect(code_verifier.startsWith(SEALED_PREFIX)).toBe(true);
  });
});

/** The `state` parameter of a URL to the provider. */
function stateOf(url: string | null): string {
  const state = new URL(url ?? 'http://x').searchParams.get('state') ?? '';
  expect(state.length).toBeGreaterThanOrEqual(20);
  return state;
}

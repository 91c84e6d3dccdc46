import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing/backends.ts';
import { useDemoStaff } from '../testing/demo-staff.ts';
import { refusalOf } from '../testing/refusal.ts';
import { createApiKey } from './api-keys.ts';

const backends = await testBackends();

/** The gate's refusals name why, so the console can say what to do (a stale page is not a missing right). */
describe.each(backends)('the staff gate’s refusals on $name', (backend) => {
  const test = it.skipIf(backend.skipReason !== null);
  let key = '';
  const h = useDemoStaff(backend, {
    setup: async () => {
      key = await createApiKey(h.db, 'demo-school', 'gate');
    },
  });

  test('a write without the session’s CSRF token, or with another’s, is a stale page', async () => {
    await h.addPerson('gate-admin@school.example', [['demo-school', 'administrator']]);
    const s = await h.signIn('gate-admin@school.example');
    const path = '/v1/staff/organizations/demo-school/api-keys';
    const body = { label: 'crm' };
    const stale = { status: 403, reason: 'csrf-token-invalid' };
    expect(await refusalOf(await h.call('POST', path, { cookie: s.cookie, body }))).toEqual(stale);
    const other = await h.signIn('gate-admin@school.example');
    expect(await refusalOf(await h.call('POST', path, { cookie: s.cookie, body, csrf: other.csrf }))).toEqual(
      stale,
    );
  });

  test('a person without the permission, here or anywhere, lacks the right', async () => {
    await h.addPerson('gate-clerk@school.example', [['demo-school', 'executor']]);
    const s = await h.signIn('gate-clerk@school.example');
    const missing = { status: 403, reason: 'permission-missing' };
    const people = await h.call('GET', '/v1/staff/organizations/demo-school/people', s);
    expect(await refusalOf(people)).toEqual(missing);
    // Another organisation, and one that does not exist, answer alike.
    const other = await h.call('GET', '/v1/staff/organizations/demo-school-2/webhooks', s);
    expect(await refusalOf(other)).toEqual(missing);
    const unknown = await h.call('GET', '/v1/staff/organizations/no-such-org/webhooks', s);
    expect(await refusalOf(unknown)).toEqual(missing);
  });

  test('an API key: unknown, without the permission, for another organisation, asking for “mine”', async () => {
    const wrong = await h.call('GET', '/v1/staff/appeals', { apiKey: `otk_${'A'.repeat(43)}` });
    expect(await refusalOf(wrong)).toEqual({ status: 401, reason: 'api-key-invalid' });
    expect(wrong.headers.get('WWW-Authenticate')).toBe('Bearer realm="otklik"');
    const malformed = await h.call('GET', '/v1/staff/appeals', { apiKey: 'not-a-key' });
    expect(await refusalOf(malformed)).toEqual({ status: 401, reason: 'api-key-invalid' });

    const people = await h.call('GET', '/v1/staff/organizations/demo-school/people', { apiKey: key });
    expect(await refusalOf(people)).toEqual({ status: 403, reason: 'permission-missing' });

    const elsewhere = { status: 403, reason: 'api-key-other-organization' };
    const hooks = await h.call('GET', '/v1/staff/organizations/demo-school-2/webhooks', { apiKey: key });
    expect(await refusalOf(hooks)).toEqual(elsewhere);
    const report = await h.call('GET', '/v1/staff/organizations/demo-school-2/appeal-report', {
      apiKey: key,
    });
    expect(await refusalOf(report)).toEqual(elsewhere);

    const mine = await h.call('GET', '/v1/staff/appeals?mine=true', { apiKey: key });
    expect(await refusalOf(mine)).toEqual({
      status: 422,
      reason: 'mine-needs-person',
      issues: { 'query.mine': 'mine-needs-person' },
    });
  });
});

import { describe, expectTypeOf, it } from 'vitest';
import { type AppealCounter, createClient, type OrganizationPage, type OtklikClientError } from './index.ts';

const otklik = createClient({ baseUrl: 'https://otklik.example.org' });

describe('public API types', () => {
  it('resolves each method to the validated response type', () => {
    expectTypeOf(otklik.getAppealCounter('demo-school')).resolves.toEqualTypeOf<AppealCounter>();
    expectTypeOf(otklik.searchOrganizations()).resolves.toEqualTypeOf<OrganizationPage>();
  });

  it('types query parameters as their decoded values', () => {
    otklik.searchOrganizations({ q: 'школа', limit: 10, offset: 20, sphere: 'education' });
    // @ts-expect-error limit is a number, not text
    otklik.searchOrganizations({ limit: '10' });
    // @ts-expect-error unknown filter
    otklik.searchOrganizations({ color: 'red' });
    // @ts-expect-error country is RU or BY
    otklik.searchOrganizations({ country: 'KZ' });
    otklik.getAppealCounter('demo-school', { on: '2026-01-31' });
  });

  it('requires the organisation id', () => {
    // @ts-expect-error the organisation id is required
    otklik.getAppealCounter();
  });

  it('lets callers switch on the error kind exhaustively', () => {
    const describeError = (error: OtklikClientError): string => {
      switch (error.kind) {
        case 'problem':
          expectTypeOf(error.code).toEqualTypeOf<
            | 'bad-request'
            | 'malformed-json'
            | 'validation-failed'
            | 'unsupported-media-type'
            | 'payload-too-large'
            | 'not-found'
            | 'method-not-allowed'
            | 'organization-not-found'
            | 'origin-not-allowed'
            | 'unauthorized'
            | 'forbidden'
            | 'conflict'
            | 'rate-limited'
            | 'idempotency-key-reused'
            | 'proof-of-work-invalid'
            | 'proof-of-work-replayed'
            | 'identity-required'
            | 'identity-invalid'
            | 'consent-required'
            | 'appeals-handed-off'
            | 'already-rated'
            | 'ratings-disabled'
            | 'internal-error'
            | 'service-unavailable'
          >();
          return error.code;
        case 'network':
        case 'timeout':
        case 'aborted':
        case 'response-shape':
          return error.kind;
      }
    };
    expectTypeOf(describeError).returns.toBeString();
  });
});

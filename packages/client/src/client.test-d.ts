import { describe, expectTypeOf, it } from 'vitest';
import {
  type AppealCounter,
  type AttachmentUpload,
  createClient,
  type EndpointName,
  type OrganizationPage,
  type OtklikClient,
  type OtklikClientError,
  type StaffAppeal,
  type StaffAppealPage,
  type WidgetSettings,
} from './index.ts';

const otklik = createClient({ baseUrl: 'https://otklik.example.org' });
const desk = createClient({ baseUrl: 'https://otklik.example.org', apiKey: 'otk_example' });
const appealId = '0f2b8c1e-7c1d-4e3a-9a43-1e0c6b3b1d11';

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

  it('does not compile a wrong public call', () => {
    // @ts-expect-error filing needs an idempotency key
    otklik.fileAppeal('demo-school', {} as Parameters<typeof otklik.fileAppeal>[1], {});
    // @ts-expect-error the applicant's view needs the access secret
    otklik.getAppeal(appealId);
    // @ts-expect-error the counter takes no body
    otklik.getAppealCounter('demo-school', { on: '2026-01-31' }, { body: {} });
    expectTypeOf(
      otklik.uploadAttachment('demo-school', new Blob(['%PDF'])),
    ).resolves.toEqualTypeOf<AttachmentUpload>();
    expectTypeOf(
      otklik.deleteUpload('demo-school', 'upload-id', 'token'),
    ).resolves.toEqualTypeOf<undefined>();
    expectTypeOf(otklik.getAppealAttachment(appealId, 'file-id', 'secret')).resolves.toEqualTypeOf<Blob>();
  });

  it('reads only the fields a response has', async () => {
    const counter = await otklik.getAppealCounter('demo-school');
    expectTypeOf(counter.month.received).toBeNumber();
    // @ts-expect-error the counter has no ranking
    counter.position;
  });

  it('lets callers switch on the error kind exhaustively', () => {
    const describeError = (error: OtklikClientError): string => {
      switch (error.kind) {
        case 'problem':
          expectTypeOf(error.code).toEqualTypeOf<
            | 'bad-request'
            | 'headers-too-large'
            | 'request-timeout'
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

describe('the client and the contract', () => {
  it('has a method for every endpoint of the table', () => {
    expectTypeOf<Exclude<EndpointName, keyof OtklikClient>>().toBeNever();
  });
});

describe('staff API types', () => {
  it('takes staff credentials as an option of the client', () => {
    // @ts-expect-error an API key is text
    createClient({ baseUrl: 'https://otklik.example.org', apiKey: 42 });
  });

  it('resolves each staff method to its response type', () => {
    expectTypeOf(desk.listStaffAppeals({ overdue: true })).resolves.toEqualTypeOf<StaffAppealPage>();
    expectTypeOf(desk.getStaffAppeal(appealId)).resolves.toEqualTypeOf<StaffAppeal>();
    expectTypeOf(
      desk.answerStaffAppeal(appealId, { result: 'explained', text: 'Ответ' }),
    ).resolves.toEqualTypeOf<StaffAppeal>();
    expectTypeOf(
      desk.updateOrganizationSettings('demo-school', { languages: ['ru'] }),
    ).resolves.toEqualTypeOf<WidgetSettings>();
    expectTypeOf(
      desk.exportStaffRatings('demo-school', { separator: 'semicolon' }),
    ).resolves.toEqualTypeOf<Blob>();
    expectTypeOf(desk.getStaffAppealAttachment(appealId, 'file-id')).resolves.toEqualTypeOf<Blob>();
  });

  it('does not compile a wrong staff call', () => {
    // @ts-expect-error not a result of the ССТУ vocabulary
    desk.answerStaffAppeal(appealId, { result: 'ignored', text: 'Ответ' });
    // @ts-expect-error forwarding names the addressee
    desk.changeStaffAppealStatus(appealId, { status: 'forwarded' });
    desk.changeStaffAppealStatus(appealId, { status: 'forwarded', forwardedTo: 'Министерство' });
    // @ts-expect-error not a status the queue can be filtered by
    desk.listStaffAppeals({ status: 'closed' });
    // @ts-expect-error reading the appeal takes no body
    desk.getStaffAppeal(appealId, { text: 'hi' });
    // @ts-expect-error a criteria set is put under its id
    desk.putCriteriaSet('demo-school', { name: { ru: 'Набор' }, criteria: [] });
    // @ts-expect-error the export's separator is comma or semicolon
    desk.exportStaffRatings('demo-school', { separator: 'tab' });
  });

  it('reads only the fields a staff response has', async () => {
    const appeal = await desk.getStaffAppeal(appealId);
    expectTypeOf(appeal.applicant.email).toEqualTypeOf<string | null>();
    // @ts-expect-error staff see the applicant's data, never the access secret
    appeal.accessSecret;
  });
});

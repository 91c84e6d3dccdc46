import { describe, expectTypeOf, it } from 'vitest';
import type { AppealView } from '../schemas/intake.ts';
import type { StaffAppealPage } from '../schemas/staff-appeals.ts';
import type { EndpointDefinition } from './endpoint.ts';
import { endpoints } from './index.ts';
import type { BodyOf, ParamsOf, QueryOf, RequestInput, ResponseOf } from './types.ts';

/** A call as `request()` and `fetchRoute()` type it: the endpoint, then its input. */
declare function request<E extends EndpointDefinition>(
  transport: 'portal',
  endpoint: E,
  input: RequestInput<E>,
): void;
const transport = 'portal';
const e = endpoints;

describe('types derived from the contract', () => {
  it('reads params, query, body and response off the definitions', () => {
    expectTypeOf<ParamsOf<typeof e.putCriteriaSet>>().toEqualTypeOf<{
      organizationId: string;
      setId: string;
    }>();
    expectTypeOf<QueryOf<typeof e.listStaffAppeals>['status']>().toEqualTypeOf<
      | 'registered'
      | 'in_review'
      | 'extended'
      | 'forwarded'
      | 'answered'
      | 'left_without_answer'
      | 'withdrawn'
      | undefined
    >();
    expectTypeOf<BodyOf<typeof e.answerStaffAppeal>>().toHaveProperty('result');
    expectTypeOf<ResponseOf<typeof e.getAppeal>>().toEqualTypeOf<AppealView>();
    expectTypeOf<ResponseOf<typeof e.listStaffAppeals>>().toEqualTypeOf<StaffAppealPage>();
    expectTypeOf<ResponseOf<typeof e.exportStaffRatings>>().toEqualTypeOf<Blob>();
    expectTypeOf<ResponseOf<typeof e.getAppealAttachment>>().toEqualTypeOf<Blob>();
    expectTypeOf<ResponseOf<typeof e.deleteUpload>>().toEqualTypeOf<undefined>();
  });

  it('takes exactly what each endpoint needs', () => {
    request(transport, e.getOrganization, { params: { organizationId: 'demo-school' } });
    request(transport, e.listStaffAppeals, { query: { overdue: true, limit: 10 } });
    request(transport, e.uploadAttachment, { params: { organizationId: 'x' }, file: new Blob(['%PDF']) });
    request(transport, e.deleteUpload, { params: { organizationId: 'x', uploadId: 'u' }, uploadToken: 't' });
    request(transport, e.withdrawAppeal, {
      params: { appealId: 'a' },
      accessSecret: 's',
      idempotencyKey: 'k',
    });
  });

  it('does not compile a wrong call', () => {
    // @ts-expect-error the path parameter is missing
    request(transport, e.getOrganization, {});
    // @ts-expect-error a wrong parameter name
    request(transport, e.getOrganization, { params: { orgId: 'demo-school' } });
    // @ts-expect-error a GET takes no body
    request(transport, e.getStaffAppeal, { params: { appealId: 'a' }, body: { text: 'hi' } });
    // @ts-expect-error an idempotent write needs its key
    request(transport, e.withdrawAppeal, { params: { appealId: 'a' }, accessSecret: 's' });
    // @ts-expect-error a public read takes no access secret
    request(transport, e.getOrganization, { params: { organizationId: 'x' }, accessSecret: 's' });
    // @ts-expect-error the applicant's view needs the access secret
    request(transport, e.getAppeal, { params: { appealId: 'a' } });
    request(transport, e.requestLostLink, {
      params: { organizationId: 'x' },
      body: { registrationNumber: 'ОБ-2026-000001', email: 'a@example.org' },
      // @ts-expect-error only an upload takes a file
      file: new Blob(),
    });
    request(transport, e.getAppealAttachment, {
      params: { appealId: 'a', attachmentId: 'b' },
      accessSecret: 's',
      // @ts-expect-error an upload token only where an upload is deleted
      uploadToken: 't',
    });
    // @ts-expect-error not a status of the queue's filter
    request(transport, e.listStaffAppeals, { query: { status: 'closed' } });
    // @ts-expect-error the export has no `page` query parameter
    request(transport, e.exportStaffRatings, { params: { organizationId: 'x' }, query: { page: 2 } });
  });
});

import * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import { AppealParams } from '../schemas/intake.ts';
import type { EndpointDefinition, StaffPermission } from './endpoint.ts';
import { endpoints } from './index.ts';

const base = {
  path: '/v1/things/{appealId}',
  summary: 'A thing',
  tags: ['things'],
  params: AppealParams,
  cacheable: false,
} as const;
const Thing = v.object({ id: v.string() });

describe('EndpointDefinition', () => {
  it('takes every kind of endpoint the portal has', () => {
    expectTypeOf(endpoints).toExtend<Record<string, EndpointDefinition>>();
    expectTypeOf({
      ...base,
      method: 'POST',
      upload: 'multipart',
      response: Thing,
      access: 'organization',
    } as const).toExtend<EndpointDefinition>();
    expectTypeOf({
      ...base,
      method: 'GET',
      download: 'text/csv',
      access: 'staff',
      permission: 'ratings.read',
    } as const).toExtend<EndpointDefinition>();
    expectTypeOf({
      ...base,
      method: 'DELETE',
      successStatus: 204,
      access: 'organization',
      auth: 'upload-token',
    } as const).toExtend<EndpointDefinition>();
  });

  it('refuses definitions that cannot be served', () => {
    // A GET carries no body.
    expectTypeOf({
      ...base,
      method: 'GET',
      body: Thing,
      response: Thing,
      access: 'appeal',
    } as const).not.toExtend<EndpointDefinition>();
    // A staff endpoint names the permission it needs.
    expectTypeOf({
      ...base,
      method: 'GET',
      response: Thing,
      access: 'staff',
    } as const).not.toExtend<EndpointDefinition>();
    // A public endpoint has no permission, and staff take no appeal secret.
    expectTypeOf({
      ...base,
      method: 'GET',
      response: Thing,
      access: 'directory',
      permission: 'appeals.read',
    } as const).not.toExtend<EndpointDefinition>();
    expectTypeOf({
      ...base,
      method: 'GET',
      response: Thing,
      access: 'staff',
      permission: 'appeals.read',
      auth: 'appeal-secret',
    } as const).not.toExtend<EndpointDefinition>();
    // One kind of answer: JSON or a file, not both; and a body or a file, not both.
    expectTypeOf({
      ...base,
      method: 'GET',
      response: Thing,
      download: 'binary',
      access: 'appeal',
    } as const).not.toExtend<EndpointDefinition>();
    expectTypeOf({
      ...base,
      method: 'POST',
      body: Thing,
      upload: 'multipart',
      response: Thing,
      access: 'organization',
    } as const).not.toExtend<EndpointDefinition>();
    // Without a JSON answer or a file, the status says there is nothing (204).
    expectTypeOf({
      ...base,
      method: 'POST',
      access: 'organization',
    } as const).not.toExtend<EndpointDefinition>();
  });

  it('knows the permissions staff endpoints use', () => {
    expectTypeOf<(typeof endpoints.answerStaffAppeal)['permission']>().toEqualTypeOf<'appeals.answer'>();
    expectTypeOf<'appeals.delete'>().not.toExtend<StaffPermission>();
  });
});

/** Identity: verifying the applicant's (or rater's) e-mail with a one-time code. */

import * as v from 'valibot';
import { requestEmailCodeRoute, verifyEmailCodeRoute } from '../routes/identity.ts';
import { OrganizationParams } from '../schemas/common.ts';
import {
  EmailCodeRequest,
  EmailCodeSent,
  EmailCodeVerification,
  VerificationParams,
  VerifiedIdentity,
} from '../schemas/intake.ts';
import type { EndpointDefinition } from './endpoint.ts';

export const requestEmailCodeEndpoint = {
  ...requestEmailCodeRoute,
  summary: 'E-mail a one-time code to verify the applicant',
  tags: ['identity'],
  params: OrganizationParams,
  body: EmailCodeRequest,
  response: EmailCodeSent,
  successStatus: 202,
  access: 'organization',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const verifyEmailCodeEndpoint = {
  ...verifyEmailCodeRoute,
  summary: 'Check the one-time code; returns an identity token for filing',
  tags: ['identity'],
  params: v.object({ ...OrganizationParams.entries, ...VerificationParams.entries }),
  body: EmailCodeVerification,
  response: VerifiedIdentity,
  access: 'organization',
  cacheable: false,
} as const satisfies EndpointDefinition;

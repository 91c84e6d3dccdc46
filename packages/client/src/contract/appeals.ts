/** Appeals: the counter badge, filing, "lost my link" and the applicant's calls on their appeal. */
import {
  addAppealMessageRoute,
  fileAppealRoute,
  getAppealCounterRoute,
  getAppealRoute,
  rateAppealAnswerRoute,
  requestLostLinkRoute,
  withdrawAppealRoute,
} from '../routes/appeals.ts';
import { AppealCounter, AppealCounterQuery } from '../schemas/appeals.ts';
import { OrganizationParams } from '../schemas/common.ts';
import {
  Accepted,
  AnswerRatingInput,
  AppealParams,
  AppealReceipt,
  AppealSubmission,
  AppealView,
  ApplicantMessageInput,
  LostLinkRequest,
} from '../schemas/intake.ts';
import type { EndpointDefinition } from './endpoint.ts';

export const getAppealCounterEndpoint = {
  ...getAppealCounterRoute,
  summary: 'Appeal counter figures for the current month and year',
  description:
    'Received, by type, in progress, considered by result, forwarded, left without answer and overdue ' +
    '(Указ № 171). Cached for a minute; answers 304 to a matching If-None-Match.',
  tags: ['appeals'],
  params: OrganizationParams,
  query: AppealCounterQuery,
  response: AppealCounter,
  access: 'organization',
  cacheable: true,
} as const satisfies EndpointDefinition;

export const fileAppealEndpoint = {
  ...fileAppealRoute,
  summary: 'File an appeal',
  description:
    'Registers the appeal on receipt and returns its registration number, due date and the access secret ' +
    'of its private status page. Needs consent, a solved proof of work and, where the jurisdiction profile ' +
    'requires it, a verified identity.',
  tags: ['appeals'],
  params: OrganizationParams,
  body: AppealSubmission,
  response: AppealReceipt,
  successStatus: 201,
  access: 'organization',
  idempotent: true,
  cacheable: false,
} as const satisfies EndpointDefinition;

export const requestLostLinkEndpoint = {
  ...requestLostLinkRoute,
  summary: 'E-mail the private link again ("lost my link")',
  description: 'Always answers 202: the answer never reveals whether the number and e-mail match an appeal.',
  tags: ['appeals'],
  params: OrganizationParams,
  body: LostLinkRequest,
  response: Accepted,
  successStatus: 202,
  access: 'organization',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const getAppealEndpoint = {
  ...getAppealRoute,
  summary: "The applicant's view of an appeal: status history, due date, answer, messages",
  tags: ['appeals'],
  params: AppealParams,
  response: AppealView,
  access: 'appeal',
  auth: 'appeal-secret',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const addAppealMessageEndpoint = {
  ...addAppealMessageRoute,
  summary: 'Add a clarification to the appeal',
  tags: ['appeals'],
  params: AppealParams,
  body: ApplicantMessageInput,
  response: AppealView,
  successStatus: 201,
  access: 'appeal',
  auth: 'appeal-secret',
  idempotent: true,
  cacheable: false,
} as const satisfies EndpointDefinition;

export const rateAppealAnswerEndpoint = {
  ...rateAppealAnswerRoute,
  summary: 'Rate the answer (1–5)',
  tags: ['appeals'],
  params: AppealParams,
  body: AnswerRatingInput,
  response: AppealView,
  access: 'appeal',
  auth: 'appeal-secret',
  idempotent: true,
  cacheable: false,
} as const satisfies EndpointDefinition;

export const withdrawAppealEndpoint = {
  ...withdrawAppealRoute,
  summary: 'Withdraw the appeal before it is answered, where the profile allows it',
  tags: ['appeals'],
  params: AppealParams,
  response: AppealView,
  access: 'appeal',
  auth: 'appeal-secret',
  idempotent: true,
  cacheable: false,
} as const satisfies EndpointDefinition;

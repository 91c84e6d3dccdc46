/** The staff appeal desk: the queue, the full record, moving an appeal on and answering it. */
import {
  addStaffAppealMessageRoute,
  answerStaffAppealRoute,
  changeStaffAppealStatusRoute,
  getStaffAppealAttachmentRoute,
  getStaffAppealRoute,
  listStaffAppealsRoute,
} from '../routes/staff-appeals.ts';
import { AttachmentParams } from '../schemas/attachments.ts';
import { AppealParams } from '../schemas/intake.ts';
import {
  StaffAnswerInput,
  StaffAppeal,
  StaffAppealPage,
  StaffMessageInput,
  StaffQueueQuery,
  StaffStatusInput,
} from '../schemas/staff-appeals.ts';
import { DOWNLOAD_DESCRIPTION } from './attachments.ts';
import type { EndpointDefinition } from './endpoint.ts';

const AUTH = 'Staff only: an API key of the appeal’s organisation (Authorization: Bearer otk_…). Audited.';

export const listStaffAppealsEndpoint = {
  ...listStaffAppealsRoute,
  summary: 'The appeal queue by deadline, with filters',
  description: AUTH,
  tags: ['staff'],
  query: StaffQueueQuery,
  response: StaffAppealPage,
  access: 'staff',
  permission: 'appeals.read',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const getStaffAppealEndpoint = {
  ...getStaffAppealRoute,
  summary: 'An appeal with the applicant’s data',
  description: AUTH,
  tags: ['staff'],
  params: AppealParams,
  response: StaffAppeal,
  access: 'staff',
  permission: 'appeals.read',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const answerStaffAppealEndpoint = {
  ...answerStaffAppealRoute,
  summary: 'Answer the appeal (status answered, with the result)',
  description: AUTH,
  tags: ['staff'],
  params: AppealParams,
  body: StaffAnswerInput,
  response: StaffAppeal,
  access: 'staff',
  permission: 'appeals.answer',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const changeStaffAppealStatusEndpoint = {
  ...changeStaffAppealStatusRoute,
  summary: 'In review, forward by competence, extend, or leave without answer (with the legal reason)',
  description: `${AUTH} Invalid transitions are refused with 409 \`conflict\`.`,
  tags: ['staff'],
  params: AppealParams,
  body: StaffStatusInput,
  response: StaffAppeal,
  access: 'staff',
  permission: 'appeals.process',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const addStaffAppealMessageEndpoint = {
  ...addStaffAppealMessageRoute,
  summary: 'Write to the applicant (e.g. to ask for a clarification)',
  description: AUTH,
  tags: ['staff'],
  params: AppealParams,
  body: StaffMessageInput,
  response: StaffAppeal,
  successStatus: 201,
  access: 'staff',
  permission: 'appeals.process',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const getStaffAppealAttachmentEndpoint = {
  ...getStaffAppealAttachmentRoute,
  summary: 'Download an attachment of the appeal (staff API key; audited)',
  description: DOWNLOAD_DESCRIPTION,
  tags: ['staff'],
  params: AttachmentParams,
  download: 'binary',
  access: 'staff',
  permission: 'appeals.read',
  cacheable: false,
} as const satisfies EndpointDefinition;

/**
 * The appeal card: assignment to an executor, internal notes, who else has it open, duplicates, the
 * answer's draft → approval → sending, and the organisation's answer templates. Every write audited.
 */

import * as v from 'valibot';
import * as r from '../routes/staff-desk-card.ts';
import { AttachmentParams } from '../schemas/attachments.ts';
import { AppealParams, AttachmentRef } from '../schemas/intake.ts';
import {
  AnswerTemplate,
  AnswerTemplateInput,
  AnswerTemplateList,
  AppealCard,
  AssignmentInput,
  DraftInput,
  FilledTemplateList,
  MergeInput,
  NoteInput,
  ReturnDraftInput,
  StaffMailPreferences,
  StaffPersonRef,
  TemplateParams,
} from '../schemas/staff-desk-card.ts';
import type { EndpointDefinition } from './endpoint.ts';

const AUTH = 'Staff only: a console session of the appeal’s organisation, or its API key. Audited.';
const card = { tags: ['staff'], params: AppealParams, access: 'staff', cacheable: false } as const;

export const getStaffAppealCardEndpoint = {
  ...r.getStaffAppealCardRoute,
  ...card,
  summary: 'The staff side of an appeal: executor, notes, who has it open, related appeals, the draft',
  description: AUTH,
  response: AppealCard,
  permission: 'appeals.read',
} as const satisfies EndpointDefinition;

export const markStaffAppealOpenEndpoint = {
  ...r.markStaffAppealOpenRoute,
  ...card,
  summary: 'Note that the caller has the appeal open (repeat every minute); who else has it open',
  description: `${AUTH} A presence lasts two minutes.`,
  response: v.object({ openBy: v.array(StaffPersonRef) }),
  permission: 'appeals.read',
} as const satisfies EndpointDefinition;

export const assignStaffAppealEndpoint = {
  ...r.assignStaffAppealRoute,
  ...card,
  summary: 'Assign the appeal to an executor, with an internal due date',
  description: `${AUTH} The person must hold the executor role in the organisation (422 otherwise).`,
  body: AssignmentInput,
  response: AppealCard,
  permission: 'appeals.assign',
} as const satisfies EndpointDefinition;

export const addStaffAppealNoteEndpoint = {
  ...r.addStaffAppealNoteRoute,
  ...card,
  summary: 'Add an internal note (never shown to the applicant)',
  description: AUTH,
  body: NoteInput,
  response: AppealCard,
  successStatus: 201,
  permission: 'appeals.read',
} as const satisfies EndpointDefinition;

export const mergeStaffAppealDuplicateEndpoint = {
  ...r.mergeStaffAppealDuplicateRoute,
  ...card,
  summary: 'Merge a duplicate into this appeal: the answer to this one goes to both',
  description: `${AUTH} Both must be open appeals of the organisation; 409 if the duplicate is already merged.`,
  body: MergeInput,
  response: AppealCard,
  permission: 'appeals.assign',
} as const satisfies EndpointDefinition;

export const saveStaffAnswerDraftEndpoint = {
  ...r.saveStaffAnswerDraftRoute,
  ...card,
  summary: 'Save the answer’s draft (the assigned executor)',
  description: `${AUTH} A person may draft only an appeal assigned to them (403 \`not-assigned\`); a draft on approval is locked (409).`,
  body: DraftInput,
  response: AppealCard,
  permission: 'appeals.draft',
} as const satisfies EndpointDefinition;

export const submitStaffAnswerDraftEndpoint = {
  ...r.submitStaffAnswerDraftRoute,
  ...card,
  summary: 'Send the draft for approval (it needs a result and a text)',
  description: AUTH,
  response: AppealCard,
  permission: 'appeals.draft',
} as const satisfies EndpointDefinition;

export const returnStaffAnswerDraftEndpoint = {
  ...r.returnStaffAnswerDraftRoute,
  ...card,
  summary: 'Return the draft to the executor with a comment (approver)',
  description: AUTH,
  body: ReturnDraftInput,
  response: AppealCard,
  permission: 'appeals.answer',
} as const satisfies EndpointDefinition;

export const approveStaffAnswerDraftEndpoint = {
  ...r.approveStaffAnswerDraftRoute,
  ...card,
  summary: 'Approve the draft and send it as the answer (approver; to merged duplicates too)',
  description: `${AUTH} The applicant is notified; the approver’s name and time are kept in the history.`,
  response: AppealCard,
  permission: 'appeals.answer',
} as const satisfies EndpointDefinition;

export const listStaffAppealTemplatesEndpoint = {
  ...r.listStaffAppealTemplatesRoute,
  ...card,
  summary: 'The organisation’s answer templates with the placeholders filled in for this appeal',
  description: AUTH,
  response: FilledTemplateList,
  permission: 'appeals.read',
} as const satisfies EndpointDefinition;

export const listAnswerTemplatesEndpoint = {
  ...r.listAnswerTemplatesRoute,
  summary: 'The organisation’s library of answer templates',
  description: AUTH,
  tags: ['staff'],
  response: AnswerTemplateList,
  access: 'staff',
  permission: 'appeals.read',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const putAnswerTemplateEndpoint = {
  ...r.putAnswerTemplateRoute,
  summary: 'Create or replace an answer template (coordinator)',
  description: AUTH,
  tags: ['staff'],
  params: TemplateParams,
  body: AnswerTemplateInput,
  response: AnswerTemplate,
  access: 'staff',
  permission: 'appeals.assign',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const deleteAnswerTemplateEndpoint = {
  ...r.deleteAnswerTemplateRoute,
  summary: 'Remove an answer template (coordinator)',
  description: AUTH,
  tags: ['staff'],
  params: TemplateParams,
  successStatus: 204,
  access: 'staff',
  permission: 'appeals.assign',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const getStaffMailPreferencesEndpoint = {
  ...r.getStaffMailPreferencesRoute,
  summary: 'Which staff mails the signed-in person gets (new appeals, messages, deadlines; digest)',
  description: 'Console session only (a person’s own setting).',
  tags: ['staff'],
  response: StaffMailPreferences,
  access: 'staff',
  permission: 'account.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const putStaffMailPreferencesEndpoint = {
  ...r.putStaffMailPreferencesRoute,
  summary: 'Choose which staff mails to get, at once or as a daily digest',
  description: 'Console session only (a person’s own setting).',
  tags: ['staff'],
  body: StaffMailPreferences,
  response: StaffMailPreferences,
  access: 'staff',
  permission: 'account.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const uploadStaffAnswerAttachmentEndpoint = {
  ...r.uploadStaffAnswerAttachmentRoute,
  ...card,
  summary: 'Attach a file to the answer’s draft (the assigned executor)',
  description: `${AUTH} multipart/form-data with one file in the field \`file\`, under the organisation’s attachment rules (type detected from the content, metadata removed). The applicant can download it once the answer is sent.`,
  upload: 'multipart',
  response: AttachmentRef,
  successStatus: 201,
  permission: 'appeals.draft',
} as const satisfies EndpointDefinition;

export const deleteStaffAnswerAttachmentEndpoint = {
  ...r.deleteStaffAnswerAttachmentRoute,
  summary: 'Remove a file from the answer’s draft',
  description: AUTH,
  tags: ['staff'],
  params: AttachmentParams,
  successStatus: 204,
  access: 'staff',
  permission: 'appeals.draft',
  cacheable: false,
} as const satisfies EndpointDefinition;

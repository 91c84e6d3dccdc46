/** The files an applicant attaches: upload while writing, take back before filing, download after. */
import { deleteUploadRoute, getAppealAttachmentRoute, uploadAttachmentRoute } from '../routes/attachments.ts';
import { AttachmentParams, UploadParams } from '../schemas/attachments.ts';
import { OrganizationParams } from '../schemas/common.ts';
import { AttachmentUpload } from '../schemas/intake.ts';
import type { EndpointDefinition } from './endpoint.ts';

/** How downloads are sent; both the applicant's and the staff's. */
export const DOWNLOAD_DESCRIPTION =
  'Served as an attachment (`Content-Disposition: attachment`, `X-Content-Type-Options: nosniff`, ' +
  '`Cache-Control: no-store`) with the type detected at upload.';

export const uploadAttachmentEndpoint = {
  ...uploadAttachmentRoute,
  summary: 'Upload one file for an appeal that is being written',
  description:
    'multipart/form-data with one file in the field `file`. The type is detected from the content ' +
    '(the organisation’s widget settings list the accepted types and limits); disguised or ' +
    'macro-enabled files get 415, oversized ones 413 while streaming. Image metadata is removed. ' +
    'Send the returned `id` in `attachmentIds` when filing; an upload no appeal references is deleted ' +
    'after 24 hours. Rate-limited (429 with Retry-After).',
  tags: ['appeals'],
  params: OrganizationParams,
  upload: 'multipart',
  response: AttachmentUpload,
  successStatus: 201,
  access: 'organization',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const deleteUploadEndpoint = {
  ...deleteUploadRoute,
  summary: 'Delete an upload that is not attached yet (Authorization: Bearer <uploadToken>)',
  description: 'Lets the form remove a file the citizen took back before sending.',
  tags: ['appeals'],
  params: UploadParams,
  successStatus: 204,
  access: 'organization',
  auth: 'upload-token',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const getAppealAttachmentEndpoint = {
  ...getAppealAttachmentRoute,
  summary: 'Download an attachment of the appeal (the applicant’s secret as Bearer)',
  description: DOWNLOAD_DESCRIPTION,
  tags: ['appeals'],
  params: AttachmentParams,
  download: 'binary',
  access: 'appeal',
  auth: 'appeal-secret',
  cacheable: false,
} as const satisfies EndpointDefinition;

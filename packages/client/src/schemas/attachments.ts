/** Path parameters of the attachment endpoints (the file bodies themselves are not JSON). */
import * as v from 'valibot';
import { OrganizationParams } from './common.ts';
import { AppealParams } from './intake.ts';

/** One attachment of one appeal. */
export const AttachmentParams = v.object({
  ...AppealParams.entries,
  attachmentId: v.pipe(v.string(), v.uuid()),
});

/** An upload of an organisation that no appeal has taken yet. */
export const UploadParams = v.object({
  ...OrganizationParams.entries,
  uploadId: v.pipe(v.string(), v.uuid()),
});

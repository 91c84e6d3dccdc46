/** Routes of the appeal flow: proof of work, identity, filing and the applicant's actions. */
export const createChallengeRoute = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/challenges',
} as const;
export const requestEmailCodeRoute = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/identity/email-code',
} as const;
export const verifyEmailCodeRoute = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/identity/email-code/{verificationId}/verify',
} as const;
export const fileAppealRoute = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/appeals',
} as const;
export const requestLostLinkRoute = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/appeals/lost-link',
} as const;
/**
 * One file per request as multipart/form-data (field `file`); not in the JSON contract table. The
 * answer is `AttachmentUpload`; the id goes into `attachmentIds` when filing.
 */
export const uploadAttachmentRoute = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/attachments',
} as const;
/** Removes an upload not attached yet; `Authorization: Bearer <uploadToken>`. */
export const deleteUploadRoute = {
  method: 'DELETE',
  path: '/v1/organizations/{organizationId}/attachments/{uploadId}',
} as const;
/** Downloads an attachment of the appeal; `Authorization: Bearer <accessSecret>`. */
export const getAppealAttachmentRoute = {
  method: 'GET',
  path: '/v1/appeals/{appealId}/attachments/{attachmentId}',
} as const;
export const getAppealRoute = { method: 'GET', path: '/v1/appeals/{appealId}' } as const;
export const addAppealMessageRoute = { method: 'POST', path: '/v1/appeals/{appealId}/messages' } as const;
export const rateAppealAnswerRoute = { method: 'POST', path: '/v1/appeals/{appealId}/rating' } as const;
export const withdrawAppealRoute = { method: 'POST', path: '/v1/appeals/{appealId}/withdrawal' } as const;

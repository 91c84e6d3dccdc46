/** Removes an upload not attached yet; `Authorization: Bearer <uploadToken>`. */
export const deleteUploadRoute = {
  method: 'DELETE',
  path: '/v1/organizations/{organizationId}/attachments/{uploadId}',
} as const;

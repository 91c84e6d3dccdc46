import type { Queryable } from '../db/types.ts';

/**
 * Attachment rules announced to the form and enforced by the upload endpoint (attachments/routes.ts).
 * The portal's limits and the default of every organisation that has not chosen its own.
 */
export const DEFAULT_ATTACHMENTS = {
  maxFiles: 5,
  maxFileBytes: 10 * 1024 * 1024,
  mediaTypes: [
    'application/pdf',
    'image/jpeg',
    'image/png',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ],
};

/**
 * The rules of one organisation: its own choice (organisation settings, within the portal's limits)
 * or the defaults.
 */
export async function attachmentRulesOf(
  db: Queryable,
  organizationId: string,
): Promise<{ maxFiles: number; maxFileBytes: number; mediaTypes: string[] }> {
  const [row] = await db.query<{
    attachment_max_files: number | null;
    attachment_max_bytes: number | string | null;
    attachment_types: string[] | null;
  }>(
    `SELECT attachment_max_files, attachment_max_bytes, attachment_types
     FROM organization_appeal_settings WHERE organization_id = $1`,
    [organizationId],
  );
  return {
    maxFiles: row?.attachment_max_files ?? DEFAULT_ATTACHMENTS.maxFiles,
    maxFileBytes:
      row?.attachment_max_bytes === null || row?.attachment_max_bytes === undefined
        ? DEFAULT_ATTACHMENTS.maxFileBytes
        : Number(row.attachment_max_bytes),
    mediaTypes: row?.attachment_types ?? [...DEFAULT_ATTACHMENTS.mediaTypes],
  };
}

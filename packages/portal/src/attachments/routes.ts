import { endpoints } from '@otklik/client/contract';
import { type IntakeGuard, limitedAs } from '../abuse/intake-guard.ts';
import type { Database } from '../db/types.ts';
import { type Router, registerEndpoint } from '../http/endpoint.ts';
import { requestHeader } from '../http/headers.ts';
import { ProblemError } from '../http/problem.ts';
import { Download } from '../http/respond.ts';
import type { StaffActor } from '../staff/actor.ts';
import { audit } from '../staff/audit.ts';
import { MULTIPART_OVERHEAD, parseUpload } from './parse-upload.ts';
import { attachmentRulesOf } from './rules.ts';
import { sniff } from './sniff.ts';
import {
  type AttachmentFile,
  deleteUpload,
  discardUpload,
  loadAttachment,
  pendingUploadBytes,
  saveUpload,
  takesAppealsByForm,
  uploadSink,
} from './store.ts';
import { stripMetadata } from './strip-metadata.ts';

/** Unattached uploads one organisation may hold at once: bounds what a flood of uploads can store. */
export const PENDING_BYTES_LIMIT = 2 * 1024 ** 3;

export interface AttachmentRoutesOptions {
  db: Database;
  guard?: IntakeGuard | undefined;
  now?: (() => Date) | undefined;
}

/** RFC 6266 / 8187: an ASCII fallback plus the exact UTF-8 name. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A stored file as a download of the type detected at upload. */
const download = (file: AttachmentFile) =>
  new Download(file.content, {
    'Content-Type': file.mediaType,
    'Content-Disposition': contentDisposition(file.name),
    'Content-Length': String(file.content.byteLength),
    // Even if a browser renders it inline somehow, nothing in it may run or load.
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });

/**
 * Files of appeals: the applicant uploads while writing (the body is streamed, checked and
 * stripped here, not read by the registration), takes an upload back, downloads after filing;
 * staff download, audited. `appeal` is what the appeal's secret opened.
 */
export function registerAttachmentRoutes(
  router: Router<{ readonly id: string }, StaffActor>,
  { db, guard, now = () => new Date() }: AttachmentRoutesOptions,
): void {
  registerEndpoint(
    router,
    endpoints.uploadAttachment,
    async ({ c, org }) => {
      if (!(await takesAppealsByForm(db, org.id))) throw new ProblemError(409, 'appeals-handed-off');
      const rules = await attachmentRulesOf(db, org.id);
      if (rules.maxFiles === 0)
        throw new ProblemError(403, 'forbidden', 'This organisation takes no attachments');
      const declared = Number(requestHeader(c, 'Content-Length') ?? Number.NaN);
      if (declared > rules.maxFileBytes + MULTIPART_OVERHEAD) {
        throw new ProblemError(
          413,
          'payload-too-large',
          `A file must not exceed ${rules.maxFileBytes} bytes`,
        );
      }
      if ((await pendingUploadBytes(db, org.id)) > PENDING_BYTES_LIMIT) {
        throw new ProblemError(
          429,
          'rate-limited',
          'Too many files are waiting; try again later',
          undefined,
          {
            'Retry-After': '3600',
          },
        );
      }
      const upload = await parseUpload(
        c.req.raw.body,
        requestHeader(c, 'Content-Type') ?? '',
        rules.maxFileBytes,
        uploadSink(db, declared),
      );
      try {
        const mediaType = await sniff(upload.data, rules.mediaTypes);
        const data = await stripMetadata(upload.data, mediaType);
        return await saveUpload(db, {
          organizationId: org.id,
          name: upload.filename,
          mediaType,
          data,
          now: now(),
        });
      } finally {
        await discardUpload(upload.data);
      }
    },
    limitedAs(guard, 'upload'),
  );
  registerEndpoint(
    router,
    endpoints.deleteUpload,
    async ({ params, uploadToken }) => {
      await deleteUpload(db, params.organizationId, params.uploadId, uploadToken);
      return undefined;
    },
    limitedAs(guard, 'upload'),
  );
  registerEndpoint(
    router,
    endpoints.getAppealAttachment,
    async ({ params, appeal }) => download(await loadAttachment(db, appeal.id, params.attachmentId)),
    limitedAs(guard, 'appeal-read'),
  );
  registerEndpoint(router, endpoints.getStaffAppealAttachment, async ({ params, actor }) => {
    const { appealId, attachmentId } = params;
    const file = await db.transaction(async (tx) => {
      // Another organisation's appeal is as unknown as a missing one.
      const found = await loadAttachment(tx, appealId, attachmentId, actor.organizationId);
      await audit(tx, actor, 'appeal.attachment.download', appealId, { attachmentId });
      return found;
    });
    return download(file);
  });
}

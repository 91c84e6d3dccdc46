import { endpoints } from '@otklik/client/contract';
import { AttachmentParams, OrganizationParams, UploadParams } from '@otklik/client/schemas';
import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import { authenticateApplicant } from '../appeals/applicant.ts';
import { audit, staffAppeal } from '../appeals/desk.ts';
import type { IntakeGuard } from '../appeals/routes.ts';
import { DEFAULT_ATTACHMENTS, loadIntakeOrganization } from '../appeals/settings.ts';
import type { Database } from '../db/types.ts';
import { type CorsPolicy, checkOrigin, preflight } from '../http/cors.ts';
import { requestHeader, send } from '../http/headers.ts';
import { ProblemError, validationProblem } from '../http/problem.ts';
import { type RouteRegistry, toHonoPath } from '../http/route-registry.ts';
import { authenticateApiKey } from '../staff/api-keys.ts';
import { MULTIPART_OVERHEAD, parseUpload } from './parse-upload.ts';
import { sniff } from './sniff.ts';
import { deleteUpload, loadAttachment, saveUpload } from './store.ts';
import { stripMetadata } from './strip-metadata.ts';

/** Unattached uploads one organisation may hold at once: bounds what a flood of uploads can store. */
export const PENDING_BYTES_LIMIT = 2 * 1024 ** 3;

export interface AttachmentRoutesOptions {
  db: Database;
  cors: CorsPolicy;
  guard?: IntakeGuard;
  now?: () => Date;
}

function paramsOf<S extends v.GenericSchema>(c: Context, schema: S): v.InferOutput<S> {
  const result = v.safeParse(schema, c.req.param());
  if (!result.success) throw validationProblem('params', result.issues);
  return result.output;
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

function sendFile(c: Context, file: { name: string; mediaType: string; content: Uint8Array<ArrayBuffer> }) {
  return send(c, file.content, 200, {
    'Content-Type': file.mediaType,
    'Content-Disposition': contentDisposition(file.name),
    'Content-Length': String(file.content.byteLength),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    // Even if a browser renders it inline somehow, nothing in it may run or load.
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
}

export function registerAttachmentRoutes(
  app: Hono,
  registry: RouteRegistry,
  options: AttachmentRoutesOptions,
) {
  const { db, cors } = options;
  const now = options.now ?? (() => new Date());
  const guard = options.guard ?? (async () => {});
  const e = endpoints;
  for (const endpoint of [
    e.uploadAttachment,
    e.deleteUpload,
    e.getAppealAttachment,
    e.getStaffAppealAttachment,
  ])
    registry.add(toHonoPath(endpoint.path), [endpoint.method]);

  app.post(toHonoPath(e.uploadAttachment.path), async (c) => {
    const { organizationId } = paramsOf(c, OrganizationParams);
    // The origin gate and the rate limit come before a single byte of the body is read.
    await checkOrigin(c, cors, 'organization', organizationId);
    await guard(c, 'upload', organizationId);
    const org = await loadIntakeOrganization(db, organizationId);
    if (org === null) throw new ProblemError(404, 'organization-not-found');
    if (org.settings.mode === 'handoff') throw new ProblemError(409, 'appeals-handed-off');
    const rules = DEFAULT_ATTACHMENTS;
    if (rules.maxFiles === 0)
      throw new ProblemError(403, 'forbidden', 'This organisation takes no attachments');
    const declared = Number(requestHeader(c, 'Content-Length') ?? Number.NaN);
    if (declared > rules.maxFileBytes + MULTIPART_OVERHEAD) {
      throw new ProblemError(413, 'payload-too-large', `A file must not exceed ${rules.maxFileBytes} bytes`);
    }
    const [pending] = await db.query<{ bytes: string }>(
      'SELECT COALESCE(sum(size), 0)::text AS bytes FROM attachments WHERE organization_id = $1 AND appeal_id IS NULL',
      [organizationId],
    );
    if (Number(pending?.bytes ?? 0) > PENDING_BYTES_LIMIT) {
      throw new ProblemError(429, 'rate-limited', 'Too many files are waiting; try again later', undefined, {
        'Retry-After': '3600',
      });
    }
    const upload = await parseUpload(
      c.req.raw.body,
      requestHeader(c, 'Content-Type') ?? '',
      rules.maxFileBytes,
    );
    const mediaType = await sniff(upload.data, rules.mediaTypes);
    const data = await stripMetadata(upload.data, mediaType);
    const receipt = await saveUpload(db, {
      organizationId,
      name: upload.filename,
      mediaType,
      data,
      now: now(),
    });
    return send(c, JSON.stringify(receipt), 201, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    });
  });
  app.delete(toHonoPath(e.deleteUpload.path), async (c) => {
    const { organizationId, uploadId } = paramsOf(c, UploadParams);
    await checkOrigin(c, cors, 'organization', organizationId);
    const token = /^Bearer\s+([\w-]{20,200})$/i.exec(requestHeader(c, 'Authorization') ?? '')?.[1];
    if (token === undefined) throw new ProblemError(401, 'unauthorized', 'Send the upload token as Bearer');
    await deleteUpload(db, organizationId, uploadId, token);
    return send(c, null, 204, { 'Cache-Control': 'no-store' });
  });
  app.get(toHonoPath(e.getAppealAttachment.path), async (c) => {
    const { appealId, attachmentId } = paramsOf(c, AttachmentParams);
    await checkOrigin(c, cors, 'appeal', appealId);
    const row = await authenticateApplicant(c, db, appealId);
    return sendFile(c, await loadAttachment(db, row.id, attachmentId));
  });
  app.get(toHonoPath(e.getStaffAppealAttachment.path), async (c) => {
    const actor = await authenticateApiKey(c, db);
    const { appealId, attachmentId } = paramsOf(c, AttachmentParams);
    const file = await db.transaction(async (tx) => {
      await staffAppeal(tx, actor, appealId);
      const found = await loadAttachment(tx, appealId, attachmentId);
      await audit(tx, actor, 'appeal.attachment.download', appealId, { attachmentId });
      return found;
    });
    return sendFile(c, file);
  });

  // Preflights: the widget's XHR upload (progress listeners force one) and Bearer downloads.
  const uploadPath = toHonoPath(e.uploadAttachment.path);
  const deletePath = toHonoPath(e.deleteUpload.path);
  const appealPath = toHonoPath(e.getAppealAttachment.path);
  for (const path of [uploadPath, deletePath, appealPath]) registry.add(path, ['OPTIONS']);
  app.options(uploadPath, (c) => preflight(c, cors, 'organization', ['POST']));
  app.options(deletePath, (c) => preflight(c, cors, 'organization', ['DELETE']));
  app.options(appealPath, (c) => preflight(c, cors, 'appeal', ['GET']));
}

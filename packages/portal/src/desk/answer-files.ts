/**
 * Files sent with the answer: the assigned executor attaches them to the draft (under the
 * organisation's attachment rules: type from the content, size, count, metadata removed); they
 * reach the applicant with the answer.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AttachmentRef } from '@otklik/client/schemas';
import { type ParsedUpload, parseUpload } from '../attachments/parse-upload.ts';
import { attachmentRulesOf } from '../attachments/rules.ts';
import { sniff } from '../attachments/sniff.ts';
import { discardUpload, sanitizeName, storeFile, uploadSink } from '../attachments/store.ts';
import { stripMetadata } from '../attachments/strip-metadata.ts';
import type { StagedFile } from '../db/file-store.ts';
import type { Database, Queryable } from '../db/types.ts';
import { ProblemError, refusal } from '../http/problem.ts';
import type { StaffActor } from '../staff/actor.ts';
import { audit } from '../staff/audit.ts';
import { draftable, draftLocked, draftOf } from './answers.ts';
import { answerFiles } from './card.ts';

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** The draft may still change: none yet, being written or returned. */
async function editableDraft(db: Queryable, actor: StaffActor, appealId: string) {
  await draftable(db, actor, appealId);
  const draft = await draftOf(db, appealId);
  if (draft && (draft.state === 'on_approval' || draft.state === 'approved')) throw draftLocked(draft.state);
}

export async function uploadAnswerFile(
  db: Database,
  actor: StaffActor,
  appealId: string,
  body: ReadableStream<Uint8Array> | null,
  contentType: string,
  /** The request's Content-Length, if any (see parseUpload). */
  declaredBytes = Number.NaN,
): Promise<AttachmentRef> {
  await editableDraft(db, actor, appealId);
  const rules = await attachmentRulesOf(db, actor.organizationId);
  if ((await answerFiles(db, appealId)).length >= Math.max(rules.maxFiles, 1))
    throw refusal('answer-files-limit', `At most ${Math.max(rules.maxFiles, 1)} files go with an answer`);
  const upload = await parseUpload(body, contentType, rules.maxFileBytes, uploadSink(db, declaredBytes));
  try {
    return await storeAnswerFile(db, actor, appealId, rules.mediaTypes, upload);
  } finally {
    await discardUpload(upload.data);
  }
}

async function storeAnswerFile(
  db: Database,
  actor: StaffActor,
  appealId: string,
  mediaTypes: readonly string[],
  upload: ParsedUpload<Buffer | StagedFile>,
): Promise<AttachmentRef> {
  const mediaType = await sniff(upload.data, mediaTypes);
  const data = await stripMetadata(upload.data, mediaType);
  const id = randomUUID();
  const name = sanitizeName(upload.filename, mediaType);
  await storeFile(db, id, data, async (tx, file) => {
    await editableDraft(tx, actor, appealId);
    // A file starts the draft if nothing was written yet.
    await tx.query(
      `INSERT INTO answer_drafts (appeal_id, state) VALUES ($1, 'draft') ON CONFLICT (appeal_id) DO NOTHING`,
      [appealId],
    );
    await tx.query(
      `INSERT INTO attachments (id, organization_id, appeal_id, name, media_type, size, sha256,
         upload_token_hash, for_answer, in_file_store)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true, $9)`,
      [
        id,
        actor.organizationId,
        appealId,
        name,
        mediaType,
        data.byteLength,
        file.sha256,
        sha256(randomBytes(24)),
        file.inFileStore,
      ],
    );
    await audit(tx, actor, 'appeal.answer-file', appealId, { attachmentId: id });
  });
  return { id, name, mediaType, size: data.byteLength };
}

export async function deleteAnswerFile(
  db: Database,
  actor: StaffActor,
  appealId: string,
  attachmentId: string,
) {
  await db.transaction(async (tx) => {
    await editableDraft(tx, actor, appealId);
    const rows = await tx.query(
      'DELETE FROM attachments WHERE id = $1 AND appeal_id = $2 AND for_answer RETURNING id',
      [attachmentId, appealId],
    );
    if (rows.length === 0) throw new ProblemError(404, 'not-found', 'No such file of the answer');
    await audit(tx, actor, 'appeal.answer-file-delete', appealId, { attachmentId });
  });
}

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { StagedFile } from '../db/file-store.ts';
import type { Database, Queryable } from '../db/types.ts';
import { ProblemError } from '../http/problem.ts';
import { safeEqualHex } from '../security/keys.ts';
import { type FileSink, inMemory } from './parse-upload.ts';
import { EXTENSIONS } from './sniff.ts';

/** How long an upload that no appeal references is kept (the citizen may take a while to finish the form). */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
const NAME_MAX = 150;

export interface AttachmentRef {
  id: string;
  name: string;
  mediaType: string;
  size: number;
}
export interface UploadReceipt extends AttachmentRef {
  /** Lets the uploader delete the upload before filing; stored only hashed. */
  uploadToken: string;
}

const sha256Hex = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/**
 * A display name safe to store and to put in Content-Disposition: no directories, no control or
 * bidirectional-override characters (which can disguise `exe.pdf` as `fdp.exe`), at most 150
 * characters, and the extension of the detected type, so the name cannot promise another type.
 */
export function sanitizeName(raw: string, mediaType: string): string {
  const ext = EXTENSIONS[mediaType] ?? 'bin';
  const base =
    (raw.split(/[/\\]/).pop() ?? '')
      .normalize('NFC')
      .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
      .replace(/\p{Cf}/gu, '')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\.+/, '') || 'file';
  const current = /\.([^.]{1,10})$/.exec(base);
  const kept = current?.[1]?.toLowerCase();
  const matches = kept === ext || (ext === 'jpg' && kept === 'jpeg');
  const stem = matches && current ? base.slice(0, -current[0].length) : base;
  const suffix = matches && kept ? kept : ext;
  return `${[...(stem || 'file')].slice(0, NAME_MAX - suffix.length - 1).join('')}.${suffix}`;
}

/** The largest piece of a file one statement carries (`attachment_chunks`). */
export const CHUNK_BYTES = 1024 * 1024;

type UploadInput = {
  organizationId: string;
  name: string;
  mediaType: string;
  data: Uint8Array | StagedFile;
  now: Date;
};

/**
 * Where an upload's bytes go while it is received: on PGlite with a file store, to a file staged in
 * the store (a 10 MB upload is never held in memory; docs/decisions.md, "Upload memory"); else to
 * memory, in one buffer of the request's declared length. Discard it when the upload is refused.
 */
export function uploadSink(
  db: Pick<Queryable, 'files'>,
  declaredBytes: number,
): (maxBytes: number) => FileSink<Buffer | StagedFile> {
  const { files } = db;
  return files ? () => files.stage() : inMemory(declaredBytes);
}

/** Deletes what a staged upload left in the store's `tmp/` (nothing once it was stored). */
export async function discardUpload(data: Uint8Array | StagedFile): Promise<void> {
  if (data instanceof StagedFile) await data.discard();
}

/**
 * Stores a file's content where this database keeps them and records its row: `record` inserts the
 * `attachments` row (with the SHA-256 and `in_file_store` it is given) inside a transaction. With a
 * file store (PGlite with a data directory) the file is written and fsynced first and the row
 * committed after it (a staged file is moved into place); else the content follows the row in
 * {@link CHUNK_BYTES} pieces in the same transaction — no statement carries the whole file.
 * Resolves once both are durable.
 */
export async function storeFile<T>(
  db: Queryable & Pick<Database, 'transaction'>,
  attachmentId: string,
  given: Uint8Array | StagedFile,
  record: (tx: Queryable, file: { sha256: string; inFileStore: boolean }) => Promise<T>,
): Promise<T> {
  if (db.files) {
    const commit = (sha256: string) => db.transaction((tx) => record(tx, { sha256, inFileStore: true }));
    return given instanceof StagedFile ? db.files.putStaged(given, commit) : db.files.put(given, commit);
  }
  // A staged file without a file store does not happen (uploadSink stages only into one).
  const data = given instanceof StagedFile ? await readFile(given.path) : given;
  return db.transaction(async (tx) => {
    const result = await record(tx, { sha256: sha256Hex(data), inFileStore: false });
    // Raw bytes: both drivers send a Uint8Array as a binary parameter (db/pglite.ts).
    for (let n = 0; n * CHUNK_BYTES < data.byteLength; n++) {
      await tx.query('INSERT INTO attachment_chunks (attachment_id, n, data) VALUES ($1, $2, $3)', [
        attachmentId,
        n,
        data.subarray(n * CHUNK_BYTES, (n + 1) * CHUNK_BYTES),
      ]);
    }
    return result;
  });
}

/** Stores an upload (see {@link storeFile}) and returns its receipt once it is durable. */
export async function saveUpload(
  db: Queryable & Pick<Database, 'transaction'>,
  input: UploadInput,
): Promise<UploadReceipt> {
  const receipt = {
    id: randomUUID(),
    name: sanitizeName(input.name, input.mediaType),
    mediaType: input.mediaType,
    size: input.data.byteLength,
    uploadToken: randomBytes(24).toString('base64url'),
  };
  await storeFile(db, receipt.id, input.data, (tx, file) =>
    tx.query(
      `INSERT INTO attachments (id, organization_id, name, media_type, size, sha256,
         upload_token_hash, created_at, expires_at, in_file_store)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        receipt.id,
        input.organizationId,
        receipt.name,
        input.mediaType,
        receipt.size,
        file.sha256,
        sha256Hex(receipt.uploadToken),
        input.now,
        new Date(input.now.getTime() + UPLOAD_TTL_MS),
        file.inFileStore,
      ],
    ),
  );
  return receipt;
}

/** Deletes a not-yet-attached upload when the token matches; the same 404 otherwise. */
export async function deleteUpload(db: Queryable, organizationId: string, id: string, token: string) {
  const [row] = await db.query<{ upload_token_hash: string }>(
    `SELECT upload_token_hash FROM attachments WHERE id = $1 AND organization_id = $2 AND appeal_id IS NULL`,
    [id, organizationId],
  );
  if (row === undefined || !safeEqualHex(row.upload_token_hash, sha256Hex(token))) {
    throw new ProblemError(404, 'not-found', 'No such upload');
  }
  await db.query('DELETE FROM attachments WHERE id = $1 AND appeal_id IS NULL', [id]);
}

/**
 * Links uploads to an appeal (and optionally one of its messages) inside the filing transaction.
 * Each id must be an unexpired upload of this organisation not attached elsewhere; the rows are
 * locked, so two concurrent filings cannot both take the same upload.
 */
export async function attachUploads(
  tx: Queryable,
  organizationId: string,
  appealId: string,
  messageId: string | null,
  ids: readonly string[],
  now: Date,
): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM attachments
     WHERE id = ANY($1::uuid[]) AND organization_id = $2 AND appeal_id IS NULL AND expires_at > $3
     FOR UPDATE`,
    [unique, organizationId, now],
  );
  if (rows.length !== unique.length) {
    const found = new Set(rows.map((r) => r.id));
    throw new ProblemError(
      422,
      'validation-failed',
      'An attachment is unknown, expired or already attached; upload it again',
      unique
        .map((id) => ({ id, index: ids.indexOf(id) }))
        .filter(({ id }) => !found.has(id))
        .map(({ index }) => ({ path: `body.attachmentIds.${index}`, message: 'Unknown or expired upload' })),
    );
  }
  await tx.query(
    'UPDATE attachments SET appeal_id = $2, message_id = $3, expires_at = NULL WHERE id = ANY($1::uuid[])',
    [unique, appealId, messageId],
  );
}

/** The group of {@link attachmentsOf} that holds the files of the organisation's answer. */
export const ANSWER_FILES = 'answer';

/**
 * The appeal's attachments, grouped: `null` holds the ones filed with the appeal itself, a message's
 * id its files, {@link ANSWER_FILES} the answer's.
 */
export async function attachmentsOf(
  db: Queryable,
  appealId: string,
): Promise<Map<string | null, AttachmentRef[]>> {
  const rows = await db.query<{
    id: string;
    message_id: string | null;
    name: string;
    media_type: string;
    size: number;
  }>(
    `SELECT id, CASE WHEN for_answer THEN '${ANSWER_FILES}' ELSE message_id::text END AS message_id, name,
       media_type, size
     FROM attachments WHERE appeal_id = $1
     ORDER BY created_at, id`,
    [appealId],
  );
  const groups = new Map<string | null, AttachmentRef[]>();
  for (const r of rows) {
    const list = groups.get(r.message_id) ?? [];
    list.push({ id: r.id, name: r.name, mediaType: r.media_type, size: r.size });
    groups.set(r.message_id, list);
  }
  return groups;
}

export interface AttachmentFile {
  name: string;
  mediaType: string;
  content: Uint8Array<ArrayBuffer>;
}

/** A file of an appeal (of `organizationId`'s appeals only, when given); 404 otherwise. */
export async function loadAttachment(
  db: Queryable,
  appealId: string,
  attachmentId: string,
  organizationId?: string,
): Promise<AttachmentFile> {
  const [row] = await db.query<{ name: string; media_type: string; content: Uint8Array | null }>(
    `SELECT f.name, f.media_type, f.content FROM attachments f JOIN appeals a ON a.id = f.appeal_id
     WHERE f.id = $1 AND f.appeal_id = $2 AND ($3::text IS NULL OR a.organization_id = $3)
       -- The answer's files reach the applicant with the answer, not before.
       AND (NOT f.for_answer OR $3::text IS NOT NULL OR a.status = 'answered')`,
    [attachmentId, appealId, organizationId ?? null],
  );
  if (row === undefined) throw new ProblemError(404, 'not-found', 'No such attachment');
  // A copy with its own ArrayBuffer (pg hands out slices of a pooled Buffer).
  const content = row.content ?? (await loadContent(db, attachmentId));
  return { name: row.name, mediaType: row.media_type, content: new Uint8Array(content) };
}

/**
 * A file's content, from the file store or from its chunks (rows stored before chunking keep it in
 * `attachments.content`, which {@link loadAttachment} reads first).
 */
export async function loadContent(db: Queryable, attachmentId: string): Promise<Uint8Array> {
  const [row] = await db.query<{ in_file_store: boolean; sha256: string }>(
    'SELECT in_file_store, sha256 FROM attachments WHERE id = $1',
    [attachmentId],
  );
  if (row?.in_file_store) {
    if (!db.files) throw new Error('This attachment is in a file store this database does not have');
    return db.files.read(row.sha256);
  }
  const chunks = await db.query<{ data: string }>(
    `SELECT encode(data, 'base64') AS data FROM attachment_chunks WHERE attachment_id = $1 ORDER BY n`,
    [attachmentId],
  );
  return Buffer.concat(chunks.map((chunk) => Buffer.from(chunk.data, 'base64')));
}

/** Bytes of the organisation's uploads no appeal has taken yet. */
export async function pendingUploadBytes(db: Queryable, organizationId: string): Promise<number> {
  const [row] = await db.query<{ bytes: string }>(
    'SELECT COALESCE(sum(size), 0)::text AS bytes FROM attachments WHERE organization_id = $1 AND appeal_id IS NULL',
    [organizationId],
  );
  return Number(row?.bytes ?? 0);
}

/**
 * Whether the organisation takes appeals through the form (not handed off to a state system, where
 * an upload would never be filed).
 */
export async function takesAppealsByForm(db: Queryable, organizationId: string): Promise<boolean> {
  const [row] = await db.query<{ mode: string | null }>(
    'SELECT mode FROM organization_appeal_settings WHERE organization_id = $1',
    [organizationId],
  );
  return (row?.mode ?? 'form') === 'form';
}

/**
 * Deletes the stored files no attachment references any more (their rows went with an expiry, the
 * uploader, retention, an appeal or an organisation); returns how many. Nothing to do without a file
 * store.
 */
export async function deleteUnreferencedFiles(db: Queryable): Promise<number> {
  if (!db.files) return 0;
  return db.files.sweep(async (sha256s) => {
    const rows = await db.query<{ sha256: string }>(
      'SELECT DISTINCT sha256 FROM attachments WHERE in_file_store AND sha256 = ANY($1::text[])',
      [sha256s],
    );
    return new Set(rows.map((row) => row.sha256));
  });
}

/** Deletes uploads no appeal took before they expired; returns how many (run it periodically). */
export async function deleteExpiredUploads(db: Queryable, now: Date = new Date()): Promise<number> {
  const rows = await db.query(
    'DELETE FROM attachments WHERE appeal_id IS NULL AND expires_at <= $1 RETURNING id',
    [now],
  );
  return rows.length;
}

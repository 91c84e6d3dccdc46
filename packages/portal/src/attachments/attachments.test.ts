import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppealReceipt, AppealView, AttachmentUpload, PowChallenge, Problem } from '@otklik/client/schemas';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import * as v from 'valibot';
import { afterAll, describe, expect, it } from 'vitest';
import { createIntakeGuard } from '../abuse/intake-guard.ts';
import { solveChallenge } from '../abuse/pow.ts';
import { MemoryRateLimitStore } from '../abuse/rate-limit.ts';
import { createApp } from '../app.ts';
import { createKeyRing } from '../security/keys.ts';
import { createApiKey } from '../staff/api-keys.ts';
import { belarusianAppeal } from '../testing/applicants.ts';
import { type TestBackend, testBackends } from '../testing/backends.ts';
import { useDemoDatabase } from '../testing/demo-database.ts';
import { contentDisposition } from './routes.ts';
import { DEFAULT_ATTACHMENTS } from './rules.ts';
import { DOCX } from './sniff.ts';
import { CHUNK_BYTES, deleteExpiredUploads, loadContent, sanitizeName, UPLOAD_TTL_MS } from './store.ts';

const root = mkdtempSync(join(tmpdir(), 'otklik-attachments-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
/**
 * Beside in-memory PGlite and PostgreSQL (files held in memory while received, stored in chunks):
 * PGlite on a data directory, as in production, whose uploads are staged in its file store's tmp/
 * as they arrive and moved into place.
 */
const withFileStore: TestBackend & { name: 'pglite' } = {
  name: 'pglite',
  skipReason: null,
  fresh: async () => ({ database: { kind: 'pglite', dataDir: join(root, 'data') }, cleanup: async () => {} }),
};
const backends = [
  ...(await testBackends()).map((backend) => ({ ...backend, label: backend.name })),
  { ...withFileStore, label: 'pglite with a file store' },
];
const SITE = 'http://localhost:8788';
const ORG = 'demo-by';
const MAX = DEFAULT_ATTACHMENTS.maxFileBytes;

// ---------------------------------------------------------------------------------------------
// Test files, built here so that nothing binary is checked in.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
/** An ELF header: what a Linux executable renamed `report.pdf` starts with. */
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
/** A DOS/PE stub: "MZ", e_lfanew at 0x3c pointing at "PE\0\0". */
function peFile(): Buffer {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}

/** A JPEG with an APP1 EXIF segment holding a GPS latitude (55°45′N). */
async function jpegWithGps(): Promise<Buffer> {
  const plain = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#3366cc' } })
    .jpeg()
    .toBuffer();
  const tiff = Buffer.alloc(80);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  // IFD0: one entry, the GPS IFD pointer (0x8825) → 26.
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x8825, 10);
  tiff.writeUInt16LE(4, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt32LE(26, 18);
  tiff.writeUInt32LE(0, 22);
  // GPS IFD: GPSLatitudeRef "N", GPSLatitude 3 rationals at 56.
  tiff.writeUInt16LE(2, 26);
  tiff.writeUInt16LE(1, 28);
  tiff.writeUInt16LE(2, 30);
  tiff.writeUInt32LE(2, 32);
  tiff.write('N\0', 36, 'latin1');
  tiff.writeUInt16LE(2, 40);
  tiff.writeUInt16LE(5, 42);
  tiff.writeUInt32LE(3, 44);
  tiff.writeUInt32LE(56, 48);
  tiff.writeUInt32LE(0, 52);
  [55, 1, 45, 1, 0, 1].forEach((n, i) => {
    tiff.writeUInt32LE(n, 56 + i * 4);
  });
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([plain.subarray(0, 2), app1, payload, plain.subarray(2)]);
}

const CONTENT_TYPES = (main: string, extra = '') =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
  `<Default Extension="xml" ContentType="application/xml"/>${extra}` +
  `<Override PartName="/word/document.xml" ContentType="${main}"/></Types>`;
const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
function ooxml(contentTypes: string, withVba: boolean): Buffer {
  const text = (s: string) => new TextEncoder().encode(s);
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': text(contentTypes),
      '_rels/.rels': text('<?xml version="1.0"?><Relationships/>'),
      'word/document.xml': text('<?xml version="1.0"?><w:document/>'),
      ...(withVba ? { 'word/vbaProject.bin': new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]) } : {}),
    }),
  );
}

/** A multipart body with one file; `declaredType` is what a browser would claim from the name. */
function multipart(name: string, data: Uint8Array, declaredType = 'application/pdf', field = 'file') {
  const boundary = `----otklik${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\n` +
      `Content-Type: ${declaredType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    body: Buffer.concat([head, data, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** A lazily generated multipart body of `total` file bytes that counts how much of it was pulled. */
function countingUpload(total: number, chunk = 64 * 1024) {
  const boundary = 'otklik-oversized';
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n` +
      'Content-Type: application/pdf\r\n\r\n%PDF-1.4\n',
  );
  const stats = { pulled: 0, cancelled: false };
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = sent === 0 ? head : new Uint8Array(chunk).fill(0x20);
      sent += part.byteLength;
      stats.pulled += part.byteLength;
      controller.enqueue(part);
      if (sent >= total) controller.close();
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { stream, stats, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('sanitizeName and contentDisposition', () => {
  it('drops paths, control and bidi characters, caps the length, and fits the extension to the type', () => {
    expect(sanitizeName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(sanitizeName('C:\\Users\\me\\Заявление.PDF', 'application/pdf')).toBe('Заявление.pdf');
    expect(sanitizeName('photo\u202Egpj.exe', 'image/jpeg')).toBe('photogpj.exe.jpg');
    expect(sanitizeName('a\u0000b\r\nc.jpeg', 'image/jpeg')).toBe('a b c.jpeg');
    expect(sanitizeName('...', 'image/png')).toBe('file.png');
    expect(sanitizeName('report.pdf', DOCX)).toBe('report.pdf.docx');
    const long = sanitizeName(`${'я'.repeat(400)}.pdf`, 'application/pdf');
    expect([...long].length).toBe(150);
    expect(long.endsWith('.pdf')).toBe(true);
    expect(contentDisposition('Жалоба "1".pdf')).toBe(
      `attachment; filename="______ _1_.pdf"; filename*=UTF-8''%D0%96%D0%B0%D0%BB%D0%BE%D0%B1%D0%B0%20%221%22.pdf`,
    );
  });
});

describe.each(backends)('attachments on $label', (backend) => {
  const test = it.skipIf(backend.skipReason !== null);
  let app: ReturnType<typeof createApp>;
  let staffKey: string;
  let otherStaffKey: string;

  const db = useDemoDatabase(backend, {
    setup: async () => {
      app = createApp({ db, keys: createKeyRing(db, 'test-secret'), pow: { maxNumber: 200 } });
      staffKey = await createApiKey(db, ORG, 'test');
      otherStaffKey = await createApiKey(db, 'demo-school', 'test');
    },
  });

  const count = async (where = 'true') =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM attachments WHERE ${where}`))[0]?.n ?? -1;
  const problem = async (res: Response, status: number, code: string) => {
    const body = v.parse(Problem, await res.json());
    expect({ status: res.status, code: body.code }).toEqual({ status, code });
    return body;
  };
  const upload = (
    name: string,
    data: Uint8Array,
    declaredType?: string,
    headers: Record<string, string> = {},
    app_ = app,
  ) => {
    const { body, contentType } = multipart(name, data, declaredType);
    return app_.request(`/v1/organizations/${ORG}/attachments`, {
      method: 'POST',
      headers: { 'Content-Type': contentType, Origin: SITE, ...headers },
      body,
    });
  };
  const uploadOk = async (name: string, data: Uint8Array, declaredType?: string) => {
    const res = await upload(name, data, declaredType);
    expect(res.status, await res.clone().text()).toBe(201);
    return v.parse(AttachmentUpload, await res.json());
  };
  const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), ...headers },
      body: JSON.stringify(body),
    });
  async function appealBody(attachmentIds: string[]) {
    const res = await postJson(`/v1/organizations/${ORG}/challenges`, {});
    const proofOfWork = solveChallenge(v.parse(PowChallenge, await res.json()));
    return belarusianAppeal('ales@example.com', proofOfWork, {
      text: 'Прашу разгледзець дакументы.',
      attachmentIds,
    });
  }
  const file = async (attachmentIds: string[]) =>
    postJson(`/v1/organizations/${ORG}/appeals`, await appealBody(attachmentIds));

  test('a PDF and a JPEG are uploaded, filed with the appeal, listed and downloaded as attachments', async () => {
    const pdf = await uploadOk('Заявление.pdf', PDF);
    expect(pdf).toMatchObject({ name: 'Заявление.pdf', mediaType: 'application/pdf', size: PDF.length });
    const jpeg = await uploadOk('IMG_0001.JPG', await jpegWithGps(), 'image/jpeg');
    expect(jpeg).toMatchObject({ name: 'IMG_0001.jpg', mediaType: 'image/jpeg' });
    const docx = await uploadOk('letter.docx', ooxml(CONTENT_TYPES(DOCX_MAIN), false), DOCX);
    expect(docx.mediaType).toBe(DOCX);

    const res = await file([pdf.id, jpeg.id]);
    expect(res.status).toBe(201);
    const receipt = v.parse(AppealReceipt, await res.json());
    const bearer = { Authorization: `Bearer ${receipt.accessSecret}` };
    const view = v.parse(
      AppealView,
      await (await app.request(`/v1/appeals/${receipt.appealId}`, { headers: bearer })).json(),
    );
    expect(view.attachments.map((a) => a.id).sort()).toEqual([pdf.id, jpeg.id].sort());
    expect(await count(`appeal_id = '${receipt.appealId}' AND expires_at IS NULL`)).toBe(2);

    // The applicant downloads with the secret: an attachment, never rendered by the browser.
    const path = `/v1/appeals/${receipt.appealId}/attachments/${pdf.id}`;
    const got = await app.request(path, { headers: { ...bearer, Origin: SITE } });
    expect(got.status).toBe(200);
    expect(got.headers.get('Content-Type')).toBe('application/pdf');
    expect(got.headers.get('Content-Disposition')).toBe(contentDisposition('Заявление.pdf'));
    expect(got.headers.get('Content-Disposition')).toMatch(/^attachment; /);
    expect(got.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(got.headers.get('Cache-Control')).toBe('no-store');
    expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);
    await problem(
      await app.request(path, { headers: { Authorization: `Bearer ${'x'.repeat(43)}` } }),
      404,
      'not-found',
    );
    await problem(await app.request(path), 401, 'unauthorized');
    await problem(
      await app.request(`/v1/appeals/${receipt.appealId}/attachments/${docx.id}`, { headers: bearer }),
      404,
      'not-found',
    );

    // Staff download: audited; another organisation's key sees nothing.
    const staffPath = `/v1/staff/appeals/${receipt.appealId}/attachments/${jpeg.id}`;
    const staff = await app.request(staffPath, { headers: { Authorization: `Bearer ${staffKey}` } });
    expect(staff.status).toBe(200);
    expect(staff.headers.get('Content-Type')).toBe('image/jpeg');
    expect(staff.headers.get('Content-Disposition')).toMatch(/^attachment; filename="IMG_0001\.jpg"/);
    expect(staff.headers.get('X-Content-Type-Options')).toBe('nosniff');
    const [logged] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'appeal.attachment.download' AND appeal_id = $1
         AND details->>'attachmentId' = $2`,
      [receipt.appealId, jpeg.id],
    );
    expect(logged?.n).toBe(1);
    await problem(
      await app.request(staffPath, { headers: { Authorization: `Bearer ${otherStaffKey}` } }),
      404,
      'not-found',
    );

    // An upload is taken by one appeal only.
    await problem(await file([pdf.id]), 422, 'validation-failed');
    // A message may carry the remaining upload.
    const msg = await postJson(
      `/v1/appeals/${receipt.appealId}/messages`,
      { text: 'Дасылаю ліст.', attachmentIds: [docx.id] },
      bearer,
    );
    expect(msg.status).toBe(201);
    const after = v.parse(AppealView, await msg.json());
    expect(after.messages.at(-1)?.attachments.map((a) => a.id)).toEqual([docx.id]);
  });

  test('image metadata is stripped: the EXIF GPS segment is gone from the stored JPEG', async () => {
    const original = await jpegWithGps();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const jpeg = await uploadOk('geo.jpg', original, 'image/jpeg');
    const stored = Buffer.from(await loadContent(db, jpeg.id));
    expect(stored.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
    expect(stored.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.width).toBe(8);
  });

  test('a renamed ELF or PE executable is refused with 415 and nothing is stored', async () => {
    const before = await count();
    await problem(await upload('report.pdf', ELF), 415, 'unsupported-media-type');
    await problem(await upload('report.pdf', peFile()), 415, 'unsupported-media-type');
    await problem(
      await upload('notes.pdf', Buffer.from('just text, no magic')),
      415,
      'unsupported-media-type',
    );
    expect(await count()).toBe(before);
  });

  test('macro-enabled Word files are refused, also when disguised as DOCX', async () => {
    const before = await count();
    // Declares itself a plain DOCX but carries a VBA project.
    const disguised = ooxml(CONTENT_TYPES(DOCX_MAIN), true);
    const res = await upload('letter.docx', disguised, DOCX);
    expect((await problem(res, 415, 'unsupported-media-type')).detail).toMatch(/macro/i);
    // An honest DOCM renamed .docx.
    const docm = ooxml(
      CONTENT_TYPES(
        'application/vnd.ms-word.document.macroEnabled.main+xml',
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>',
      ),
      true,
    );
    await problem(await upload('letter.docx', docm, DOCX), 415, 'unsupported-media-type');
    // A zip that is not a Word document at all.
    const zip = Buffer.from(zipSync({ 'a.txt': new TextEncoder().encode('hello') }));
    await problem(await upload('letter.docx', zip, DOCX), 415, 'unsupported-media-type');
    expect(await count()).toBe(before);
  });

  test('an oversized upload is refused with 413 while streaming; the rest of the body is never read', async () => {
    const before = await count();
    const total = 5 * MAX;
    const { stream, stats, contentType } = countingUpload(total);
    const res = await app.request(`/v1/organizations/${ORG}/attachments`, {
      method: 'POST',
      headers: { 'Content-Type': contentType, Origin: SITE },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await problem(res, 413, 'payload-too-large');
    // Reading stopped right after the limit: a few chunks past it at most, not the 50 MB sent. What
    // the file's bytes may occupy meanwhile is bounded by the sink (parse-upload.test.ts: never past
    // the limit); peak memory is measured by `pnpm bench:uploads`, not here — a process's
    // ArrayBuffer figure moves with the collector's timing (it failed CI once at +34 MB).
    expect(stats.pulled).toBeLessThan(MAX + 1024 * 1024);
    expect(stats.pulled).toBeGreaterThan(MAX);
    expect(await count()).toBe(before);

    // A declared Content-Length over the limit is refused before the body is touched.
    const declared = countingUpload(total);
    const early = await app.request(`/v1/organizations/${ORG}/attachments`, {
      method: 'POST',
      headers: { 'Content-Type': declared.contentType, 'Content-Length': String(total + 200), Origin: SITE },
      body: declared.stream,
      duplex: 'half',
    } as RequestInit);
    await problem(early, 413, 'payload-too-large');
    expect(declared.stats.pulled).toBeLessThan(128 * 1024);
    // Exactly at the limit is fine.
    const atLimit = Buffer.concat([PDF, Buffer.alloc(MAX - PDF.length, 0x20)]);
    expect((await uploadOk('max.pdf', atLimit)).size).toBe(MAX);
  });

  test('a foreign origin gets 403 before the body is read; nothing is written', async () => {
    const before = await count();
    const { stream, stats, contentType } = countingUpload(1024 * 1024);
    const res = await app.request(`/v1/organizations/${ORG}/attachments`, {
      method: 'POST',
      headers: { 'Content-Type': contentType, Origin: 'https://evil.example' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await problem(res, 403, 'origin-not-allowed');
    expect(stats.pulled).toBeLessThanOrEqual(64 * 1024);
    await problem(
      await upload('a.pdf', PDF, 'application/pdf', { Origin: 'https://evil.example' }),
      403,
      'origin-not-allowed',
    );
    expect(await count()).toBe(before);
    // Preflight for the widget's XHR upload.
    const pre = await app.request(`/v1/organizations/${ORG}/attachments`, {
      method: 'OPTIONS',
      headers: { Origin: SITE, 'Access-Control-Request-Method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('Access-Control-Allow-Methods')).toContain('POST');
  });

  test('malformed requests: not multipart, wrong field, no file', async () => {
    const before = await count();
    const path = `/v1/organizations/${ORG}/attachments`;
    const json = await app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    await problem(json, 415, 'unsupported-media-type');
    const wrong = multipart('a.pdf', PDF, 'application/pdf', 'other');
    const res = await app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': wrong.contentType },
      body: wrong.body,
    });
    await problem(res, 400, 'bad-request');
    const empty = await app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
      body: '--x--\r\n',
    });
    await problem(empty, 400, 'bad-request');
    expect(await count()).toBe(before);
  });

  test('a file is stored in 1 MiB chunks (no statement carries it whole), or in the file store, and downloads intact', async () => {
    const big = Buffer.concat([
      Buffer.from('%PDF-1.4\n%'),
      Buffer.alloc(2500 * 1024, 0x42),
      Buffer.from('\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
    ]);
    const pdf = await uploadOk('big.pdf', big);
    const chunks = await db.query<{ n: number; bytes: number }>(
      'SELECT n, octet_length(data) AS bytes FROM attachment_chunks WHERE attachment_id = $1 ORDER BY n',
      [pdf.id],
    );
    // With a file store: one file named by its SHA-256, no chunks.
    expect(chunks.map((chunk) => Number(chunk.bytes))).toEqual(
      db.files ? [] : [CHUNK_BYTES, CHUNK_BYTES, big.length - 2 * CHUNK_BYTES],
    );
    expect(await count(`id = '${pdf.id}' AND in_file_store = ${db.files !== undefined}`)).toBe(1);
    expect(await count(`id = '${pdf.id}' AND content IS NULL`)).toBe(1);
    const res = await file([pdf.id]);
    const receipt = v.parse(AppealReceipt, await res.json());
    const got = await app.request(`/v1/appeals/${receipt.appealId}/attachments/${pdf.id}`, {
      headers: { Authorization: `Bearer ${receipt.accessSecret}` },
    });
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(big)).toBe(true);
  });

  test('a truncated multipart body is a 400, not a 500', async () => {
    const before = await count();
    const path = `/v1/organizations/${ORG}/attachments`;
    const whole = multipart('a.pdf', PDF);
    for (const cut of [whole.body.length - 4, whole.body.length - 30, 60]) {
      const res = await app.request(path, {
        method: 'POST',
        headers: { 'Content-Type': whole.contentType, Origin: SITE },
        body: whole.body.subarray(0, cut),
      });
      await problem(res, 400, 'bad-request');
    }
    expect(await count()).toBe(before);
  });

  test('an unreferenced upload expires; the uploader may delete it before filing', async () => {
    const kept = await uploadOk('a.pdf', PDF);
    const removed = await uploadOk('b.pdf', PDF);
    const del = (token: string) =>
      app.request(`/v1/organizations/${ORG}/attachments/${removed.id}`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${token}`, Origin: SITE },
      });
    await problem(await del(kept.uploadToken), 404, 'not-found');
    expect((await del(removed.uploadToken)).status).toBe(204);
    expect(await count(`id = '${removed.id}'`)).toBe(0);

    expect(await deleteExpiredUploads(db, new Date())).toBe(0);
    const later = new Date(Date.now() + UPLOAD_TTL_MS + 60_000);
    expect(await deleteExpiredUploads(db, later)).toBeGreaterThanOrEqual(1);
    expect(await count(`id = '${kept.id}'`)).toBe(0);
    // Attached files are never swept.
    expect(await count('appeal_id IS NOT NULL')).toBeGreaterThan(0);
    const res = await file([kept.id]);
    expect((await problem(res, 422, 'validation-failed')).issues?.[0]?.path).toBe('body.attachmentIds.0');
  });

  test('more files than allowed, and unknown ids, are refused and no appeal is written', async () => {
    const appeals = async () =>
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM appeals'))[0]?.n;
    const before = await appeals();
    const six = Array.from({ length: DEFAULT_ATTACHMENTS.maxFiles + 1 }, () => randomUUID());
    await problem(await file(six), 422, 'validation-failed');
    await problem(await file([randomUUID()]), 422, 'validation-failed');
    expect(await appeals()).toBe(before);
  });

  test("uploads are rate-limited ('upload')", async () => {
    const limited = createApp({
      db,
      keys: createKeyRing(db, 'test-secret'),
      intakeGuard: createIntakeGuard({
        store: new MemoryRateLimitStore(),
        hashAddress: async (a) => a,
        trustProxy: false,
        limits: { upload: { perClient: 1, perOrganization: 1, windowMs: 60_000 } },
      }),
    });
    expect((await upload('a.pdf', PDF, undefined, {}, limited)).status).toBe(201);
    const res = await upload('a.pdf', PDF, undefined, {}, limited);
    await problem(res, 429, 'rate-limited');
    expect(res.headers.get('Retry-After')).toBeTruthy();
  });

  // Only PGlite with a data directory stages uploads in its file store.
  if (backend.label === 'pglite with a file store')
    test('the uploads staged in the file store, refused ones too, leave nothing in its tmp/', async () => {
      const store = db.files?.dir ?? '';
      const size = (await uploadOk('again.pdf', PDF)).size;
      expect(size).toBe(PDF.length);
      await problem(await upload('report.pdf', ELF), 415, 'unsupported-media-type');
      expect(readdirSync(join(store, 'tmp'))).toEqual([]);
    });
});

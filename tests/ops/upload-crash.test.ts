/**
 * SIGKILL at random moments under a stream of uploads, on PGlite (the files in its file store beside
 * the data directory) and on PostgreSQL (the files in its tables): every upload the portal
 * acknowledged (201) is there afterwards with exactly the bytes sent.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../packages/portal/src/attachments/store.ts';
import { crashBackends, killUnderLoad, sleep, withCrashDatabase } from './harness/kill-loop.ts';
import { freePort } from './harness/nginx.ts';
import { killAllPortals } from './harness/processes.ts';

const ROUNDS = 3;
const CLIENTS = 3;
const ORG = 'demo-by';
const ORIGIN = 'http://localhost:8788';
const root = mkdtempSync(join(tmpdir(), 'otklik-upload-crash-'));
afterAll(() => {
  killAllPortals();
  rmSync(root, { recursive: true, force: true });
});
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** A PDF of random content, 0.5–2.5 MB: a few chunks each, and no two alike. */
function randomPdf(): Buffer {
  const size = 512 * 1024 + Math.floor(Math.random() * 2 * 1024 * 1024);
  return Buffer.concat([Buffer.from('%PDF-1.4\n%'), randomBytes(size), Buffer.from('\n%%EOF\n')]);
}

async function upload(base: string, data: Buffer): Promise<{ status: number; id?: string }> {
  const boundary = `crash${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await fetch(`${base}/v1/organizations/${ORG}/attachments`, {
    method: 'POST',
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Origin: ORIGIN },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  const json = (await res.json()) as { id?: string };
  return { status: res.status, ...(json.id ? { id: json.id } : {}) };
}

describe.each(await crashBackends())('SIGKILL under a stream of uploads on $name', ({ name, skip }) => {
  it.skipIf(skip !== null)(
    `${ROUNDS} kills: every acknowledged upload is there with its bytes`,
    async () => {
      const acked = new Map<string, string>();
      let interrupted = 0;
      await withCrashDatabase(
        name,
        root,
        async (database) =>
          killUnderLoad({
            config: { database, port: await freePort(), rateLimit: false },
            rounds: ROUNDS,
            clients: CLIENTS,
            maxDelayMs: 300,
            acknowledged: () => acked.size,
            client: async (_, portal, stopping) => {
              while (!stopping()) {
                try {
                  const data = randomPdf();
                  const answer = await upload(portal().url, data);
                  if (answer.status !== 201 || !answer.id)
                    throw new Error(`upload answered ${answer.status}`);
                  acked.set(answer.id, sha256(data));
                } catch (error) {
                  // Killed or restarting: the upload was not acknowledged; the client goes on.
                  if (!(error instanceof TypeError) && (error as Error).name !== 'TimeoutError') throw error;
                  interrupted++;
                  await sleep(25);
                }
              }
            },
          }),
        async (db) => {
          const lost: string[] = [];
          for (const [id, expected] of acked) {
            const content = await loadContent(db, id).catch(() => new Uint8Array());
            if (sha256(content) !== expected) lost.push(id);
          }
          console.log(
            `[upload-crash] ${name}: ${ROUNDS} SIGKILLs, ${acked.size} uploads acknowledged, ` +
              `${interrupted} interrupted; lost or damaged ${lost.length}`,
          );
          expect(acked.size).toBeGreaterThanOrEqual(3 * ROUNDS + 3);
          expect(lost).toEqual([]);
        },
      );
    },
    480_000,
  );
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/types.ts';
import { appealCounter } from '../store/counter.ts';
import { openDemoDatabase, testBackends } from '../testing/backends.ts';
import { runRetention } from './retention.ts';

const backends = await testBackends();

describe.each(backends)('personal-data retention on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  const now = new Date('2032-06-15T12:00:00Z');
  let old: string;
  let recent: string;

  beforeAll(async () => {
    if (backend.skipReason) return;
    const demo = await openDemoDatabase(backend);
    db = demo.db;
    cleanup = demo.close;
    // Two answered appeals of the demo school: one closed six years before `now`, one last month.
    const answered = await db.query<{ id: string }>(
      `SELECT id FROM appeals WHERE organization_id = 'demo-school' AND status = 'answered' ORDER BY id LIMIT 2`,
    );
    [old, recent] = answered.map((row) => row.id) as [string, string];
    await db.query(
      `UPDATE appeals SET registered_at = '2026-03-01T09:00:00Z', received_at = '2026-03-01T09:00:00Z',
         due_at = '2026-03-31T09:00:00Z', answered_at = '2026-03-20T09:00:00Z', applicant_email = 'old@example.org',
         applicant_surname = 'Старова', text = 'Старое обращение', answer_text = 'Ответ' WHERE id = $1`,
      [old],
    );
    await db.query(
      `UPDATE appeals SET answered_at = '2032-05-20T09:00:00Z', applicant_email = 'new@example.org' WHERE id = $1`,
      [recent],
    );
    await db.query(
      `INSERT INTO appeal_messages (id, appeal_id, author, text) VALUES ($1, $2, 'applicant', 'Уточнение')`,
      [randomUUID(), old],
    );
    await db.query(
      `INSERT INTO attachments (id, organization_id, appeal_id, name, media_type, size, sha256, content, upload_token_hash)
       VALUES ($1, 'demo-school', $2, 'Справка.pdf', 'application/pdf', 4, 'x', '\\x25504446', 'y')`,
      [randomUUID(), old],
    );
  });
  afterAll(async () => {
    await cleanup?.();
  });

  it.skipIf(backend.skipReason)(
    'erases the personal data of long-closed appeals and keeps their statistics',
    async () => {
      const before = await appealCounter(db, 'demo-school', 'Europe/Moscow', '2026-03-15');
      const report = await runRetention(db, { now, retainYears: 5 });
      expect(report.cutoff).toBe('2027-06-15T12:00:00.000Z');
      expect(report.appealsErased).toBeGreaterThanOrEqual(1);
      expect(report).toMatchObject({ messagesDeleted: 1, attachmentsDeleted: 1 });

      const [erased] = await db.query<Record<string, unknown>>('SELECT * FROM appeals WHERE id = $1', [old]);
      expect(erased).toMatchObject({
        applicant_email: null,
        applicant_surname: null,
        text: null,
        answer_text: null,
        access_secret_hash: null,
        status: 'answered',
      });
      expect(erased?.personal_data_erased_at).not.toBeNull();
      expect(await db.query('SELECT 1 FROM appeal_messages WHERE appeal_id = $1', [old])).toHaveLength(0);
      expect(await db.query('SELECT 1 FROM attachments WHERE appeal_id = $1', [old])).toHaveLength(0);

      const [kept] = await db.query<{ applicant_email: string }>(
        'SELECT applicant_email FROM appeals WHERE id = $1',
        [recent],
      );
      expect(kept?.applicant_email).toBe('new@example.org');
      // The counter for that period reads the same: statistics survive the erasure.
      expect(await appealCounter(db, 'demo-school', 'Europe/Moscow', '2026-03-15')).toEqual(before);

      const runs = await db.query<{ appeals_erased: number; attachments_deleted: number }>(
        'SELECT appeals_erased, attachments_deleted FROM retention_runs',
      );
      expect(runs).toEqual([{ appeals_erased: report.appealsErased, attachments_deleted: 1 }]);
    },
  );

  it.skipIf(backend.skipReason)('erases nothing twice, and still records the run', async () => {
    const again = await runRetention(db, { now, retainYears: 5 });
    expect(again.appealsErased).toBe(0);
    expect(await db.query('SELECT 1 FROM retention_runs')).toHaveLength(2);
  });
});

import type { Database } from '../db/types.ts';

export interface RetentionOptions {
  /**
   * How long the personal data of a closed appeal is kept. Default 5 years, the usual storage period
   * of citizens' appeals; set it to the organisation's records schedule (`OTKLIK_RETENTION_YEARS`).
   */
  retainYears?: number;
  now?: Date;
}

export interface RetentionReport {
  cutoff: string;
  appealsErased: number;
  messagesDeleted: number;
  attachmentsDeleted: number;
  verificationsDeleted: number;
  idempotencyKeysDeleted: number;
  outboxDeleted: number;
  /** Ratings created before the cutoff whose free-text comment was erased. */
  ratingCommentsErased: number;
  /** Ratings whose rater key was replaced by the rating's own id. */
  raterKeysErased: number;
}

// Short-lived records that hold e-mail addresses or receipts: kept only as long as they are useful.
const VERIFICATIONS_KEPT = '1 day';
const IDEMPOTENCY_KEPT = '7 days';
const SENT_MAIL_KEPT = '30 days';
/**
 * Days a rating keeps its rater key (the HMAC of an e-mail or device id). The key only serves the
 * one-rating-per-day rule, which compares ratings of the same local day (`rated_on`, the
 * organisation's date). The job's day is the UTC date, at most one day off any local date; two days
 * leave that margin, so no key is erased while a rating of the same local day could still arrive.
 */
const RATER_KEY_KEPT_DAYS = 2;

/** Tables the rating aggregates read by index-only scans: they need a fresh visibility map. */
const RATING_TABLES = ['ratings', 'rating_months', 'rating_period_totals', 'rating_criterion_months'];

/**
 * When an appeal stopped needing its applicant: the latest of its answer, closing, withdrawal and
 * forwarding (GREATEST ignores the ones that never happened).
 */
const CLOSED_AT = 'GREATEST(a.closed_at, a.answered_at, a.withdrawn_at, a.forwarded_at)';

/**
 * Erases the personal data of appeals closed before the cutoff — names, addresses, text, answer,
 * messages, files, the access secret — keeping what the statistics need (type, status, result,
 * dates), erases the comments of ratings created before the cutoff and the rater keys of ratings
 * older than RATER_KEY_KEPT_DAYS (scores and aggregates stay), deletes short-lived records that
 * carry addresses, and records the run. One transaction: a crash leaves either everything or
 * nothing done. Safe to run on several instances at once. Then vacuums the rating tables.
 */
export async function runRetention(db: Database, options: RetentionOptions = {}): Promise<RetentionReport> {
  const report = await eraseInTransaction(db, options);
  await vacuumRatings(db);
  return report;
}

/**
 * PGlite has no autovacuum, and the rating aggregates rely on index-only scans, which need an up to
 * date visibility map; the retention run just rewrote rating rows. VACUUM cannot run in a transaction
 * block, so this is one statement on the database itself, after the commit. Best effort: a failure
 * (a concurrent vacuum, missing privileges) only leaves the maintenance for the next run.
 */
async function vacuumRatings(db: Database): Promise<void> {
  try {
    await db.exec(`VACUUM ANALYZE ${RATING_TABLES.join(', ')}`);
  } catch {
    // Nothing lost: the data is committed, and the next daily run vacuums again.
  }
}

async function eraseInTransaction(db: Database, options: RetentionOptions): Promise<RetentionReport> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - (options.retainYears ?? 5));
  return db.transaction(async (tx) => {
    const erased = await tx.query<{ id: string }>(
      `SELECT a.id FROM appeals a
        WHERE a.personal_data_erased_at IS NULL
          AND a.status IN ('answered', 'left_without_answer', 'withdrawn', 'forwarded')
          AND ${CLOSED_AT} < $1
        FOR UPDATE SKIP LOCKED`,
      [cutoff],
    );
    const ids = erased.map((row) => row.id);
    const count = async (sql: string, params: unknown[]) => (await tx.query(sql, params)).length;
    const attachmentsDeleted = await count('DELETE FROM attachments WHERE appeal_id = ANY($1) RETURNING id', [
      ids,
    ]);
    const messagesDeleted = await count(
      'DELETE FROM appeal_messages WHERE appeal_id = ANY($1) RETURNING id',
      [ids],
    );
    await tx.query('UPDATE appeal_events SET note = NULL WHERE appeal_id = ANY($1)', [ids]);
    await tx.query(
      `UPDATE appeals SET
         applicant_surname = NULL, applicant_first_name = NULL, applicant_patronymic = NULL,
         applicant_email = NULL, applicant_postal_address = NULL, co_authors = NULL,
         text = NULL, answer_text = NULL, rating_comment = NULL, access_secret_hash = NULL,
         personal_data_erased_at = $2
       WHERE id = ANY($1)`,
      [ids, now],
    );
    const verificationsDeleted = await count(
      `DELETE FROM email_verifications WHERE created_at < $1::timestamptz - interval '${VERIFICATIONS_KEPT}' RETURNING id`,
      [now],
    );
    const idempotencyKeysDeleted = await count(
      `DELETE FROM idempotency_keys WHERE created_at < $1::timestamptz - interval '${IDEMPOTENCY_KEPT}' RETURNING 1`,
      [now],
    );
    const outboxDeleted = await count(
      `DELETE FROM outbox WHERE sent_at < $1::timestamptz - interval '${SENT_MAIL_KEPT}' RETURNING id`,
      [now],
    );
    // Ratings keep their scores (the aggregates are not touched); only the free text and the link to
    // the rater go.
    const ratingCommentsErased = await count(
      'UPDATE ratings SET comment = NULL WHERE comment IS NOT NULL AND created_at < $1 RETURNING id',
      [cutoff],
    );
    // The rating's own id keeps the (organisation, service, rater, day) key unique and links nothing.
    const raterKeysErased = await count(
      `UPDATE ratings SET rater_key = id::text
        WHERE rated_on < ($1::timestamptz AT TIME ZONE 'UTC')::date - $2::int AND rater_key <> id::text
        RETURNING id`,
      [now, RATER_KEY_KEPT_DAYS],
    );
    const report: RetentionReport = {
      cutoff: cutoff.toISOString(),
      appealsErased: ids.length,
      messagesDeleted,
      attachmentsDeleted,
      verificationsDeleted,
      idempotencyKeysDeleted,
      outboxDeleted,
      ratingCommentsErased,
      raterKeysErased,
    };
    await tx.query(
      `INSERT INTO retention_runs (ran_at, cutoff, appeals_erased, messages_deleted, attachments_deleted,
         verifications_deleted, idempotency_keys_deleted, outbox_deleted, rating_comments_erased,
         rater_keys_erased)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        now,
        cutoff,
        ids.length,
        messagesDeleted,
        attachmentsDeleted,
        verificationsDeleted,
        idempotencyKeysDeleted,
        outboxDeleted,
        ratingCommentsErased,
        raterKeysErased,
      ],
    );
    return report;
  });
}

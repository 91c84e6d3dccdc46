import nodemailer from 'nodemailer';
import type { Database } from '../db/types.ts';
import type { Logger } from '../log.ts';
import type { KeyRing } from '../security/keys.ts';
import { startDeliveryLoop } from '../workers/delivery-loop.ts';
import { openPayload, SEALED_PAYLOAD_KEY, SECRET_PAYLOAD_KEYS } from './outbox.ts';
import { renderMail } from './templates.ts';

/** What the worker needs of a nodemailer transport (tests and the demo pass real ones). */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
  close?(): void;
}

export function smtpTransport(url: string): MailTransport {
  return nodemailer.createTransport(url);
}

export interface OutboxWorkerOptions {
  db: Database;
  /** Opens the sealed secrets of the payloads (the same key ring that queued them). */
  keys: Pick<KeyRing, 'open'>;
  transport: MailTransport;
  from: string;
  /** Poll interval. Default 2 s. */
  intervalMs?: number;
  /** First retry delay, doubled per attempt up to an hour. Default 30 s. */
  retryBaseMs?: number;
  /** How long a claimed row stays invisible to other workers while it is being sent. Default 5 min. */
  leaseMs?: number;
  /** After this many failures a row is left alone (kept with its last error). Default 10. */
  maxAttempts?: number;
  batchSize?: number;
  logger?: Logger;
}

export interface OutboxWorker {
  /** Delivers what is due now; resolves with the number of mails sent. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

interface Row {
  id: string;
  kind: string;
  recipient: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * Delivers the outbox. Rows are claimed with `FOR UPDATE SKIP LOCKED` and leased (their next attempt
 * pushed forward) in a short transaction, then sent outside it: several instances never send one
 * row together, and a worker that dies mid-send leaves the row to be retried when the lease ends.
 * Logs carry row ids and kinds only, never addresses or texts.
 */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, transport, from, logger, keys } = options;
  const retryBaseMs = options.retryBaseMs ?? 30_000;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const maxAttempts = options.maxAttempts ?? 10;
  const batchSize = options.batchSize ?? 20;

  const claim = () =>
    db.transaction(async (tx) => {
      const rows = await tx.query<Row>(
        `SELECT id, kind, recipient, payload, attempts FROM outbox
         WHERE sent_at IS NULL AND next_attempt_at <= now() AND attempts < $1
         ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [maxAttempts, batchSize],
      );
      if (rows.length > 0) {
        await tx.query(
          `UPDATE outbox SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
           WHERE id = ANY($1::uuid[])`,
          [rows.map((r) => r.id), leaseMs],
        );
      }
      return rows;
    });

  const deliver = async (row: Row): Promise<boolean> => {
    try {
      const mail = renderMail(row.kind, await openPayload(keys, row.id, row.payload));
      await transport.sendMail({ from, to: row.recipient, subject: mail.subject, text: mail.text });
      // Secrets (codes, private links) are not kept once delivered.
      await db.query(
        `UPDATE outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL,
           payload = payload - $2::text[] WHERE id = $1`,
        [row.id, [...SECRET_PAYLOAD_KEYS, SEALED_PAYLOAD_KEY]],
      );
      logger?.log('info', 'mail sent', { outboxId: row.id, kind: row.kind });
      return true;
    } catch (error) {
      const delay = Math.min(retryBaseMs * 2 ** row.attempts, 60 * 60_000);
      const message = error instanceof Error ? error.message : String(error);
      await db.query(
        `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
           next_attempt_at = now() + make_interval(secs => $3::double precision / 1000) WHERE id = $1`,
        [row.id, message.slice(0, 1000), delay],
      );
      logger?.log('warn', 'mail delivery failed', {
        outboxId: row.id,
        kind: row.kind,
        attempt: row.attempts + 1,
      });
      return false;
    }
  };

  const loop = startDeliveryLoop({
    name: 'outbox',
    claim,
    deliver,
    batchSize,
    intervalMs: options.intervalMs,
    runAtStart: true,
    logger,
  });
  return {
    runOnce: loop.runOnce,
    async stop() {
      await loop.stop();
      transport.close?.();
    },
  };
}

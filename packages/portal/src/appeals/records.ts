/** An appeal as stored, and the applicant's view of it (which staff see too). */
import { createHash, randomBytes } from 'node:crypto';
import { type JurisdictionProfile, jurisdictionProfiles } from '@otklik/client';
import {
  type AppealView,
  type JurisdictionProfileId,
  type Language,
  OPEN_APPEAL_STATUSES,
} from '@otklik/client/schemas';
import { ANSWER_FILES, attachmentsOf } from '../attachments/store.ts';
import type { Queryable } from '../db/types.ts';

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
/** 256 random bits, base64url: what the applicant's private link carries; only its hash is stored. */
export const newAccessSecret = () => randomBytes(32).toString('base64url');
export const trackingUrl = (base: string | null, appealId: string, secret: string) =>
  base === null ? null : `${base}#otklik-appeal=${appealId}.${secret}`;

export const isOpen = (status: string) => (OPEN_APPEAL_STATUSES as readonly string[]).includes(status);

/** An appeal row with what the applicant's and the staff views need. */
export interface AppealRow {
  id: string;
  organization_id: string;
  organization_name: string;
  jurisdiction: JurisdictionProfileId;
  country: string;
  time_zone: string;
  registration_number: string;
  type: AppealView['type'];
  status: AppealView['status'];
  result: AppealView['result'];
  registered_at: Date;
  registered_date: string;
  due_date_iso: string;
  answered_at: Date | null;
  answer_text: string | null;
  /** What the applicant wrote (null once the retention job has erased it). */
  text: string | null;
  topic_id: string | null;
  rating: number | null;
  extensions: number;
  language: Language | null;
  applicant_email: string | null;
  access_secret_hash: string | null;
}

export const APPEAL_SELECT = `SELECT a.*, o.name AS organization_name, o.jurisdiction, o.country, o.time_zone,
    to_char((a.registered_at AT TIME ZONE o.time_zone)::date, 'YYYY-MM-DD') AS registered_date,
    to_char(COALESCE(a.due_date, ((a.due_at AT TIME ZONE o.time_zone)::date)), 'YYYY-MM-DD') AS due_date_iso
  FROM appeals a JOIN organizations o ON o.id = a.organization_id`;

export async function loadAppeal(db: Queryable, id: string, lock = false): Promise<AppealRow | null> {
  const [row] = await db.query<AppealRow>(
    `${APPEAL_SELECT} WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`,
    [id],
  );
  return row ?? null;
}

export const profileOf = (row: AppealRow): JurisdictionProfile => jurisdictionProfiles[row.jurisdiction];

/** What the applicant's view and the staff queue both show first. */
export const appealSummary = (row: AppealRow) => ({
  appealId: row.id,
  registrationNumber: row.registration_number,
  type: row.type,
  status: row.status,
  result: row.result,
  registeredAt: row.registered_at.toISOString(),
  dueDate: row.due_date_iso,
});

/** The applicant's view: history, messages, answer and what the applicant may still do. */
export async function appealView(db: Queryable, row: AppealRow): Promise<AppealView> {
  // Independent reads at once: on PostgreSQL each takes a connection of its own.
  const [history, messages, files, topic] = await Promise.all([
    db.query<{ status: AppealView['status']; at: Date; note: string | null }>(
      'SELECT status, at, note FROM appeal_events WHERE appeal_id = $1 ORDER BY at, id',
      [row.id],
    ),
    db.query<{ id: string; author: 'applicant' | 'organization'; text: string; at: Date }>(
      'SELECT id, author, text, at FROM appeal_messages WHERE appeal_id = $1 ORDER BY at, id',
      [row.id],
    ),
    attachmentsOf(db, row.id),
    row.text === null ? null : topicName(db, row.organization_id, row.topic_id, row.language ?? 'ru'),
  ]);
  return {
    ...appealSummary(row),
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    timeZone: row.time_zone,
    ...(row.text === null
      ? {}
      : {
          sent: { text: row.text, topic },
        }),
    history: history.map((h) => ({ status: h.status, at: h.at.toISOString(), note: h.note })),
    attachments: files.get(null) ?? [],
    answer:
      row.status === 'answered' && row.answer_text !== null && row.answered_at !== null
        ? {
            text: row.answer_text,
            at: row.answered_at.toISOString(),
            attachments: files.get(ANSWER_FILES) ?? [],
          }
        : null,
    messages: messages.map((m) => ({
      id: m.id,
      author: m.author,
      text: m.text,
      at: m.at.toISOString(),
      attachments: files.get(m.id) ?? [],
    })),
    canWithdraw: profileOf(row).withdrawalAllowed && isOpen(row.status),
    canRate: row.status === 'answered' && row.rating === null,
    rating: row.rating === null ? null : { score: row.rating },
  };
}

/** The name of topic `topicId` in `language`, from the organisation's appeal settings. */
export async function topicName(
  db: Queryable,
  organizationId: string,
  topicId: string | null | undefined,
  language: string,
): Promise<string | null> {
  if (!topicId) return null;
  const [found] = await db.query<{ name: string | null }>(
    `SELECT COALESCE(t->'name'->>$3::text, t->'name'->>'ru', t->>'name') AS name
     FROM organization_appeal_settings s, jsonb_array_elements(s.topics) t
     WHERE s.organization_id = $1 AND t->>'id' = $2::text LIMIT 1`,
    [organizationId, topicId, language],
  );
  return found?.name ?? null;
}

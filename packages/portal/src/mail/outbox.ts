import { randomUUID } from 'node:crypto';
import type { Language } from '@otklik/client/schemas';
import type { Queryable } from '../db/types.ts';

/** Every mail the portal sends; the payload carries what the template needs, nothing more. */
export type MailPayloads = {
  'email-code': { code: string; expiresMinutes: number };
  'appeal-registered': {
    registrationNumber: string;
    dueDate: string;
    /** The registration date in the organisation's time zone (`YYYY-MM-DD`). */
    registeredDate?: string;
    trackingUrl: string | null;
    accessKey: string;
    /** A copy of what was sent (type, topic's name, text); dropped from the row once mailed. */
    copy?: { type: string; topic: string | null; text: string };
  };
  'status-changed': { registrationNumber: string; status: string; note: string | null; dueDate: string };
  'appeal-answered': { registrationNumber: string; result: string; text: string };
  'new-message': { registrationNumber: string; text: string };
  'lost-link': { registrationNumber: string; trackingUrl: string | null; accessKey: string };
  /** A staff member's sign-in code for the console (`organizationName` is the portal's name). */
  'staff-sign-in-code': { code: string; expiresMinutes: number };
  /** An invitation to a role in an organisation; the link opens the console. */
  'staff-invitation': { inviteUrl: string; role: string; expiresDays: number };
};
export type MailKind = keyof MailPayloads;
export type MailPayload<K extends MailKind> = MailPayloads[K] & {
  language: Language;
  organizationName: string;
};

/** Secrets and personal copies in payloads: removed from the row once the mail is sent. */
export const SECRET_PAYLOAD_KEYS = ['code', 'trackingUrl', 'accessKey', 'inviteUrl', 'copy'] as const;

/**
 * Queues a mail in `tx`, the transaction of the change it reports: the mail exists exactly when
 * the change does, and the worker delivers it even if this process dies right after the commit.
 */
export async function enqueueMail<K extends MailKind>(
  tx: Queryable,
  kind: K,
  recipient: string,
  payload: MailPayload<K>,
): Promise<string> {
  const id = randomUUID();
  await tx.query('INSERT INTO outbox (id, kind, recipient, payload) VALUES ($1, $2, $3, $4)', [
    id,
    kind,
    recipient,
    JSON.stringify(payload),
  ]);
  return id;
}

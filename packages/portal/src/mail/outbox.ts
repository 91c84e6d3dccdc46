import { randomUUID } from 'node:crypto';
import type { Language } from '@otklik/client/schemas';
import type { Queryable } from '../db/types.ts';
import type { KeyRing } from '../security/keys.ts';

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
  /**
   * A staff member's sign-in code for the console, named by the product's name in the mail's language
   * (as the invitation and the notices name it; `organizationName` is the portal's, unused).
   */
  'staff-sign-in-code': { code: string; expiresMinutes: number };
  /** An invitation to a role in an organisation; the link opens the console. */
  'staff-invitation': { inviteUrl: string; role: string; expiresDays: number };
  /** Staff notices (one, or a day's digest): new appeals, applicants' messages, deadlines. */
  'staff-notices': {
    digest: boolean;
    items: {
      kind: string;
      registrationNumber: string;
      dueDate: string;
      url: string | null;
      /** Who sent the draft, returned or approved it (approval notices). */
      by?: string | null;
      /** The approver's comment on a returned draft. */
      comment?: string | null;
    }[];
    /** Notices beyond the listed ones. */
    more: number;
  };
};
export type MailKind = keyof MailPayloads;
export type MailPayload<K extends MailKind> = MailPayloads[K] & {
  language: Language;
  organizationName: string;
};

/** Secrets and personal copies in payloads: never stored in plain text (see {@link enqueueMail}). */
export const SECRET_PAYLOAD_KEYS = ['code', 'trackingUrl', 'accessKey', 'inviteUrl', 'copy'] as const;
/** The payload key holding the sealed secrets; removed from the row once the mail is sent. */
export const SEALED_PAYLOAD_KEY = 'sealed';
/** The key-ring purpose the outbox seals its secrets under. */
export const OUTBOX_SEAL = 'outbox';

type SecretKind = {
  [K in MailKind]: Extract<keyof MailPayloads[K], (typeof SECRET_PAYLOAD_KEYS)[number]> extends never
    ? never
    : K;
}[MailKind];

/**
 * Queues a mail in `tx`, the transaction of the change it reports: the mail exists exactly when
 * the change does, and the worker delivers it even if this process dies right after the commit.
 * The secrets of a payload (codes, private links) are sealed with `keys` (a key derived from
 * `OTKLIK_SECRET`), so whoever reads the table cannot open an appeal; the worker opens them to send.
 */
export async function enqueueMail<K extends MailKind>(
  tx: Queryable,
  kind: K,
  recipient: string,
  payload: MailPayload<K>,
  ...[keys]: K extends SecretKind ? [keys: Pick<KeyRing, 'seal'>] : [keys?: Pick<KeyRing, 'seal'>]
): Promise<string> {
  const id = randomUUID();
  const stored: Record<string, unknown> = { ...payload };
  const secrets: Record<string, unknown> = {};
  for (const name of SECRET_PAYLOAD_KEYS) {
    if (name in stored) {
      secrets[name] = stored[name];
      delete stored[name];
    }
  }
  if (Object.keys(secrets).length > 0) {
    if (keys === undefined) throw new Error(`${kind}: a mail with secrets needs the key ring`);
    stored[SEALED_PAYLOAD_KEY] = await keys.seal(`${OUTBOX_SEAL}:${id}`, JSON.stringify(secrets));
  }
  await tx.query('INSERT INTO outbox (id, kind, recipient, payload) VALUES ($1, $2, $3, $4)', [
    id,
    kind,
    recipient,
    JSON.stringify(stored),
  ]);
  return id;
}

/** The payload as the template needs it: the sealed secrets opened and put back. */
export async function openPayload(
  keys: Pick<KeyRing, 'open'>,
  id: string,
  payload: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const { [SEALED_PAYLOAD_KEY]: sealed, ...rest } = payload;
  if (typeof sealed !== 'string') return rest;
  return { ...rest, ...JSON.parse(await keys.open(`${OUTBOX_SEAL}:${id}`, sealed)) };
}

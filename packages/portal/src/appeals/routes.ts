import { endpoints } from '@otklik/client/contract';
import type { Context } from 'hono';
import { createChallenge, type PowOptions } from '../abuse/pow.ts';
import type { Database } from '../db/types.ts';
import { readJsonBody } from '../http/body.ts';
import { send } from '../http/headers.ts';
import { hashRequest, idempotencyKeyOf, once, type StoredResponse } from '../http/idempotency.ts';
import { ProblemError } from '../http/problem.ts';
import { requestEmailCode, verifyEmailCode } from '../identity/email-code.ts';
import type { Handlers } from '../organizations/routes.ts';
import type { KeyRing } from '../security/keys.ts';
import {
  addApplicantMessage,
  appealView,
  authenticateApplicant,
  fileAppeal,
  rateAnswer,
  sendLostLink,
  withdrawAppeal,
} from './applicant.ts';
import { enforceProfile } from './profile-rules.ts';
import { DEFAULT_ATTACHMENTS, type IntakeOrganization, loadIntakeOrganization } from './settings.ts';

/** Actions a rate limiter may guard; it throws a 429 ProblemError to refuse. */
export type IntakeAction =
  | 'challenge'
  | 'email-code'
  | 'oidc-start'
  | 'file-appeal'
  | 'lost-link'
  | 'applicant-write'
  | 'upload'
  | 'submit-rating';
export type IntakeGuard = (c: Context, action: IntakeAction, organizationId: string) => Promise<void>;

export interface AppealRoutesOptions {
  db: Database;
  keys: KeyRing;
  pow?: PowOptions;
  /** The clock used for registration dates (tests move it across midnight). */
  now?: () => Date;
  /** Hook for rate limiting (packages/portal/src/abuse); none by default. */
  guard?: IntakeGuard;
}

const json = (c: Context, status: number, body: string) =>
  send(c, body, status as 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
export const reply = (c: Context, r: StoredResponse) => json(c, r.status, r.body);

export function appealHandlers(
  options: AppealRoutesOptions,
): Pick<
  Handlers,
  | 'createChallenge'
  | 'requestEmailCode'
  | 'verifyEmailCode'
  | 'fileAppeal'
  | 'requestLostLink'
  | 'getAppeal'
  | 'addAppealMessage'
  | 'rateAppealAnswer'
  | 'withdrawAppeal'
> {
  const { db, keys } = options;
  const now = options.now ?? (() => new Date());
  const guard = options.guard ?? (async () => {});
  const intakeOrg = async (id: string): Promise<IntakeOrganization> => {
    const org = await loadIntakeOrganization(db, id);
    if (org === null) throw new ProblemError(404, 'organization-not-found');
    return org;
  };

  return {
    async createChallenge({ c, params }) {
      await guard(c, 'challenge', params.organizationId);
      const challenge = await createChallenge(keys, params.organizationId, options.pow);
      return json(c, 201, JSON.stringify(challenge));
    },
    async requestEmailCode({ c, params }) {
      await guard(c, 'email-code', params.organizationId);
      const body = await readJsonBody(c, endpoints.requestEmailCode.body);
      const org = await intakeOrg(params.organizationId);
      const language = body.language ?? (org.languages[0] as 'ru' | 'be' | 'en' | undefined) ?? 'ru';
      const sent = await requestEmailCode(db, keys, org, body.email, language);
      return json(c, 202, JSON.stringify(sent));
    },
    async verifyEmailCode({ c, params }) {
      const body = await readJsonBody(c, endpoints.verifyEmailCode.body);
      const identity = await verifyEmailCode(
        db,
        keys,
        params.organizationId,
        params.verificationId,
        body.code,
      );
      return json(c, 200, JSON.stringify(identity));
    },
    async fileAppeal({ c, params }) {
      const key = idempotencyKeyOf(c);
      await guard(c, 'file-appeal', params.organizationId);
      const body = await readJsonBody(c, endpoints.fileAppeal.body);
      const org = await intakeOrg(params.organizationId);
      // Rules that depend only on the body and the settings come first: nothing is written for them.
      enforceProfile(org, body);
      const result = await once(
        db,
        `file-appeal:${org.id}`,
        key,
        hashRequest(await c.req.text()),
        async (tx) => ({
          status: 201,
          body: JSON.stringify(await fileAppeal(tx, keys, org, body, now())),
        }),
      );
      return reply(c, result);
    },
    async requestLostLink({ c, params }) {
      await guard(c, 'lost-link', params.organizationId);
      const body = await readJsonBody(c, endpoints.requestLostLink.body);
      const org = await intakeOrg(params.organizationId);
      await db.transaction((tx) => sendLostLink(tx, org, body.registrationNumber, body.email, body.pageUrl));
      return json(c, 202, JSON.stringify({ accepted: true }));
    },
    async getAppeal({ c, params }) {
      const row = await authenticateApplicant(c, db, params.appealId);
      return json(c, 200, JSON.stringify(await appealView(db, row)));
    },
    async addAppealMessage({ c, params }) {
      const key = idempotencyKeyOf(c);
      const row = await authenticateApplicant(c, db, params.appealId);
      await guard(c, 'applicant-write', row.organization_id);
      const body = await readJsonBody(c, endpoints.addAppealMessage.body);
      if (body.attachmentIds.length > DEFAULT_ATTACHMENTS.maxFiles) {
        throw new ProblemError(422, 'validation-failed', 'Too many attachments', [
          { path: 'body.attachmentIds', message: `At most ${DEFAULT_ATTACHMENTS.maxFiles} files` },
        ]);
      }
      const result = await once(
        db,
        `message:${row.id}`,
        key,
        hashRequest(await c.req.text()),
        async (tx) => ({
          status: 201,
          body: JSON.stringify(await addApplicantMessage(tx, row.id, body.text, body.attachmentIds, now())),
        }),
      );
      return reply(c, result);
    },
    async rateAppealAnswer({ c, params }) {
      const key = idempotencyKeyOf(c);
      const row = await authenticateApplicant(c, db, params.appealId);
      const body = await readJsonBody(c, endpoints.rateAppealAnswer.body);
      const result = await once(db, `rating:${row.id}`, key, hashRequest(await c.req.text()), async (tx) => ({
        status: 200,
        body: JSON.stringify(await rateAnswer(tx, row.id, body.score, body.comment)),
      }));
      return reply(c, result);
    },
    async withdrawAppeal({ c, params }) {
      const key = idempotencyKeyOf(c);
      const row = await authenticateApplicant(c, db, params.appealId);
      const result = await once(db, `withdrawal:${row.id}`, key, hashRequest(''), async (tx) => ({
        status: 200,
        body: JSON.stringify(await withdrawAppeal(tx, row.id)),
      }));
      return reply(c, result);
    },
  };
}

import { endpoints } from '@otklik/client/contract';
import type { AppealCounter } from '@otklik/client/schemas';
import { type IntakeGuard, limitedAs } from '../abuse/intake-guard.ts';
import { DEFAULT_ATTACHMENTS } from '../attachments/rules.ts';
import { queriedDay, todayIn } from '../dates.ts';
import type { Database } from '../db/types.ts';
import { TtlCache } from '../http/cache.ts';
import { type Router, registerEndpoint } from '../http/endpoint.ts';
import { ProblemError } from '../http/problem.ts';
import { type JsonReply, represent } from '../http/respond.ts';
import type { KeyRing } from '../security/keys.ts';
import { addApplicantMessage, rateAnswer, sendLostLink, withdrawAppeal } from './applicant.ts';
import { appealCounter } from './counter.ts';
import { fileAppeal } from './intake.ts';
import { enforceProfile } from './profile-rules.ts';
import { type AppealRow, appealView } from './records.ts';
import { type IntakeOrganization, loadIntakeOrganization } from './settings.ts';

/** The counter's figures by `organizationId|day`: keeps the 304 path free of queries. */
export type CounterCache = TtlCache<JsonReply<AppealCounter>>;

export function createCounterCache(): CounterCache {
  return new TtlCache(30_000, 5_000);
}

export interface AppealRoutesOptions {
  db: Database;
  keys: KeyRing;
  counterCache: CounterCache;
  /** The clock used for registration dates (tests move it across midnight). */
  now?: (() => Date) | undefined;
  /** Rate limiting (abuse/intake-guard.ts); none by default. */
  guard?: IntakeGuard | undefined;
}

/**
 * The public side of appeals: the counter badge, filing, "lost my link", and the applicant's calls
 * on their appeal (`appeal` is the row the access secret opened).
 */
export function registerAppealRoutes(
  router: Router<AppealRow, unknown>,
  { db, keys, counterCache, now = () => new Date(), guard }: AppealRoutesOptions,
): void {
  const intakeOrg = async (id: string): Promise<IntakeOrganization> => {
    const org = await loadIntakeOrganization(db, id);
    if (org === null) throw new ProblemError(404, 'organization-not-found');
    return org;
  };

  registerEndpoint(
    router,
    endpoints.getAppealCounter,
    async ({ query, org }) => {
      const today = todayIn(org.timeZone);
      const asOf = queriedDay(query.on, today);
      // ISO dates compare correctly as strings.
      if (asOf > today) {
        throw new ProblemError(422, 'validation-failed', 'Invalid query', [
          { path: 'query.on', message: `Must not be after today (${today} in ${org.timeZone})` },
        ]);
      }
      const key = `${org.id}|${asOf}`;
      let counter = counterCache.get(key);
      if (counter === undefined) {
        counter = represent(await appealCounter(db, org.id, org.timeZone, asOf));
        counterCache.set(key, counter);
      }
      return counter;
    },
    limitedAs(guard, 'public-read'),
  );

  registerEndpoint(
    router,
    endpoints.fileAppeal,
    async ({ params, body, idempotency }) => {
      const org = await intakeOrg(params.organizationId);
      // Rules that depend only on the body and the settings come first: nothing is written for them.
      enforceProfile(org, body);
      return idempotency.once((tx) => fileAppeal(tx, keys, org, body, now()));
    },
    limitedAs(guard, 'file-appeal'),
  );

  registerEndpoint(
    router,
    endpoints.requestLostLink,
    async ({ params, body }) => {
      const org = await intakeOrg(params.organizationId);
      await db.transaction((tx) =>
        sendLostLink(tx, keys, org, body.registrationNumber, body.email, body.pageUrl),
      );
      return { accepted: true } as const;
    },
    limitedAs(guard, 'lost-link'),
  );

  registerEndpoint(
    router,
    endpoints.getAppeal,
    async ({ appeal }) => appealView(db, appeal),
    limitedAs(guard, 'appeal-read'),
  );

  registerEndpoint(
    router,
    endpoints.addAppealMessage,
    async ({ appeal, body, idempotency }) => {
      if (body.attachmentIds.length > DEFAULT_ATTACHMENTS.maxFiles) {
        throw new ProblemError(422, 'validation-failed', 'Too many attachments', [
          { path: 'body.attachmentIds', message: `At most ${DEFAULT_ATTACHMENTS.maxFiles} files` },
        ]);
      }
      return idempotency.once((tx) =>
        addApplicantMessage(tx, appeal.id, body.text, body.attachmentIds, now()),
      );
    },
    limitedAs(guard, 'applicant-write'),
  );

  registerEndpoint(
    router,
    endpoints.rateAppealAnswer,
    async ({ appeal, body, idempotency }) =>
      idempotency.once((tx) => rateAnswer(tx, appeal.id, body.score, body.comment)),
    limitedAs(guard, 'applicant-write'),
  );

  registerEndpoint(
    router,
    endpoints.withdrawAppeal,
    async ({ appeal, idempotency }) => idempotency.once((tx) => withdrawAppeal(tx, appeal.id)),
    limitedAs(guard, 'applicant-write'),
  );
}

import { endpoints } from '@otklik/client/contract';
import type { AppealCounter } from '@otklik/client/schemas';
import { type IntakeGuard, limitedAs } from '../abuse/intake-guard.ts';
import { DEFAULT_ATTACHMENTS } from '../attachments/rules.ts';
import { queriedDay, todayIn } from '../dates.ts';
import type { Database } from '../db/types.ts';
import { TtlCache } from '../http/cache.ts';
import { CachedAnswer } from '../http/cached-answer.ts';
import { type Router, registerEndpoint } from '../http/endpoint.ts';
import { ProblemError } from '../http/problem.ts';
import type { KeyRing } from '../security/keys.ts';
import { addApplicantMessage, rateAnswer, sendLostLink, withdrawAppeal } from './applicant.ts';
import { appealCounter } from './counter.ts';
import { fileAppeal } from './intake.ts';
import { enforceProfile } from './profile-rules.ts';
import { type AppealRow, appealView } from './records.ts';
import { type IntakeOrganization, loadIntakeOrganization } from './settings.ts';

/**
 * The counter's answers by `organizationId|day`, serialised with their tag and headers: keeps the
 * 200 and 304 paths free of queries and JSON (counter-fast-path.ts answers from it before routing).
 * Answering an appeal and changing an organisation's settings drop its entries at once; a newly
 * filed appeal shows within the TTL, as behind a CDN that keeps the answer `max-age=60`.
 */
export type CounterCache = TtlCache<CachedAnswer<AppealCounter>>;

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
        counter = new CachedAnswer(await appealCounter(db, org.id, org.timeZone, asOf));
        counterCache.set(key, counter);
      }
      return counter.reply;
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
      const receipt = await idempotency.once((tx) => fileAppeal(tx, keys, org, body, now()));
      // This instance's badge counts it at once (others within the cache's TTL).
      counterCache.deletePrefix(`${org.id}|`);
      return receipt;
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
    async ({ appeal, idempotency }) => {
      const withdrawn = await idempotency.once((tx) => withdrawAppeal(tx, appeal.id));
      counterCache.deletePrefix(`${appeal.organization_id}|`);
      return withdrawn;
    },
    limitedAs(guard, 'applicant-write'),
  );
}

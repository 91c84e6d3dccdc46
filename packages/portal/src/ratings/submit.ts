import { randomUUID } from 'node:crypto';
import type { FieldIssue, RatingReceipt, RatingSubmission } from '@otklik/client/schemas';
import { spendProofOfWork } from '../abuse/pow.ts';
import { addDays, isRealDate, localDate } from '../dates.ts';
import type { Queryable } from '../db/types.ts';
import { ProblemError } from '../http/problem.ts';
import { readIdentityToken } from '../identity/tokens.ts';
import type { KeyRing } from '../security/keys.ts';
import { addToAggregates } from './aggregates.ts';
import type { RatingOrganization } from './settings.ts';
import { type PositionOf, ratingSummary } from './summary.ts';

/**
 * Rules that need only the body, the settings and today's local date: checked before the
 * idempotency transaction, so a refused rating writes nothing and spends no proof of work.
 * Ratings switched off: 409 `ratings-disabled` (the request is fine, the organisation's state
 * refuses it, as with appeals handed off elsewhere). Field errors: one 422 listing them all.
 */
export function checkRating(org: RatingOrganization, body: RatingSubmission, today: string): void {
  const { settings } = org;
  if (!settings.enabled) throw new ProblemError(409, 'ratings-disabled');
  const issues: FieldIssue[] = [];
  if (!org.serviceIds.has(body.serviceId)) {
    issues.push({ path: 'body.serviceId', message: 'Not a service of this organisation' });
  }
  const earliest = addDays(today, -settings.serviceDateMaxAgeDays);
  if (!isRealDate(body.serviceDate)) {
    issues.push({ path: 'body.serviceDate', message: 'Not a calendar date' });
  } else if (body.serviceDate > today) {
    issues.push({
      path: 'body.serviceDate',
      message: `Must not be after today (${today} in ${org.timeZone})`,
    });
  } else if (body.serviceDate < earliest) {
    issues.push({
      path: 'body.serviceDate',
      message: `Must be at most ${settings.serviceDateMaxAgeDays} days ago (on or after ${earliest})`,
    });
  }
  const criteria = new Set(settings.criteriaSet.criteria.map((c) => c.id));
  for (const id of criteria) {
    if (!(id in body.scores)) issues.push({ path: `body.scores.${id}`, message: 'Score this criterion' });
  }
  for (const id of Object.keys(body.scores)) {
    if (!criteria.has(id)) {
      issues.push({ path: `body.scores.${id}`, message: "Not a criterion of this organisation's set" });
    }
  }
  const comment = body.comment ?? '';
  if (settings.commentMaxLength === 0 && comment !== '') {
    issues.push({ path: 'body.comment', message: 'This organisation takes no comments' });
  } else if (comment.length > settings.commentMaxLength) {
    issues.push({ path: 'body.comment', message: `At most ${settings.commentMaxLength} characters` });
  }
  if (issues.length > 0) throw new ProblemError(422, 'validation-failed', 'Invalid body', issues);
  if (settings.identification === 'required' && body.identityToken === undefined) {
    throw new ProblemError(422, 'identity-required', 'Verify your e-mail (or sign in) before rating', [
      { path: 'body.identityToken', message: 'Required' },
    ]);
  }
}

/**
 * The verified e-mail the rating is identified by, or null. `anonymous` organisations ignore a token
 * (the receipt says `identified: false`), so a form built from stale settings still works.
 */
async function verifiedEmail(keys: KeyRing, org: RatingOrganization, body: RatingSubmission) {
  if (org.settings.identification === 'anonymous' || body.identityToken === undefined) return null;
  const claims = await readIdentityToken(keys, body.identityToken);
  if (claims === null || claims.org !== org.id) {
    throw new ProblemError(422, 'identity-invalid', 'The verified identity is invalid or expired', [
      { path: 'body.identityToken', message: 'Verify your e-mail again' },
    ]);
  }
  return claims.email;
}

/**
 * Who rated, for the one-rating-per-day rule: a keyed hash of the verified e-mail, else of the
 * device id. The organisation is part of the input, so hashes cannot link one person across
 * organisations; the prefixes keep e-mails and device ids apart.
 */
export async function raterKey(
  keys: KeyRing,
  organizationId: string,
  email: string | null,
  deviceId: string,
) {
  const who = email === null ? `device:${deviceId}` : `email:${email.trim().toLowerCase()}`;
  return keys.sign('rater', `${organizationId}\n${who}`);
}

/**
 * Records a rating inside `tx` (the idempotency transaction): proof of work spent, identity checked,
 * the rating and its scores inserted and the aggregates updated together. The unique key (organisation,
 * service, rater, local day) decides between concurrent duplicates: the loser gets 409 `already-rated`.
 * The receipt's averages and count include the rating; its positions come from `positionOf` (the
 * caller's cached rankings, read before the transaction: counting a national group's positions inside
 * it was most of a submission's time).
 */
export async function submitRating(
  tx: Queryable,
  keys: KeyRing,
  org: RatingOrganization,
  body: RatingSubmission,
  now: Date,
  positionOf?: PositionOf,
): Promise<RatingReceipt> {
  await spendProofOfWork(tx, keys, org.id, body.proofOfWork);
  const email = await verifiedEmail(keys, org, body);
  const ratedOn = localDate(org.timeZone, now);
  const scores = new Map(org.settings.criteriaSet.criteria.map(({ id }) => [id, body.scores[id] ?? 0]));
  const values = [...scores.values()];
  const id = randomUUID();
  const inserted = await tx.query(
    `INSERT INTO ratings (id, organization_id, service_id, service_date, criteria_set_id, score_sum,
       score_count, comment, identified, rater_key, rated_on, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (organization_id, service_id, rater_key, rated_on) DO NOTHING RETURNING id`,
    [
      id,
      org.id,
      body.serviceId,
      body.serviceDate,
      org.settings.criteriaSet.id,
      values.reduce((a, b) => a + b, 0),
      values.length,
      body.comment ? body.comment : null,
      email !== null,
      await raterKey(keys, org.id, email, body.deviceId),
      ratedOn,
      now,
    ],
  );
  if (inserted.length === 0) {
    throw new ProblemError(
      409,
      'already-rated',
      'This service was already rated today from this person or device',
    );
  }
  await tx.query(
    `INSERT INTO rating_scores (rating_id, criterion_id, score)
     SELECT $1, t.criterion_id, t.score FROM unnest($2::text[], $3::smallint[]) AS t (criterion_id, score)`,
    [id, [...scores.keys()], values],
  );
  await addToAggregates(tx, { organizationId: org.id, ratedOn, createdAt: now, scores });
  return { ratingId: id, identified: email !== null, summary: await ratingSummary(tx, org, positionOf) };
}

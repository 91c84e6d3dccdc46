import {
  CriteriaSet,
  Criterion,
  CriterionId,
  OrganizationParams,
  RatingFormSettings,
} from '@otklik/client/schemas';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import { requireApiKey } from '../auth/api-keys.ts';
import type { Database } from '../db/types.ts';
import { limitJsonBody, parseRequest, readJsonBody } from '../http/body.ts';
import { ProblemError, problemResponse, validationProblem } from '../http/problem.ts';
import { sendJson } from '../http/respond.ts';
import { getWidgetSettings } from '../store/organizations.ts';
import { criteriaSetUsableBy, putCriteriaSet, updateRatingSettings } from '../store/rating-settings.ts';
import { audit } from '../store/staff-appeals.ts';
import { toHonoPath } from './public.ts';
import type { RouteRegistry } from './registry.ts';

const HttpUrl = v.pipe(
  v.string(),
  v.maxLength(2000),
  v.url(),
  v.check((value) => /^https?:\/\//i.test(value), 'Expected an http or https URL'),
);

export const RatingSettingsPatch = v.object({
  enabled: v.optional(v.boolean()),
  /** A built-in set (`by-base`, `ru-nok`) or one of the organisation's own. */
  criteriaSetId: v.optional(CriterionId),
  serviceDateMaxAgeDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3650))),
  commentMaxLength: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(5000))),
  identification: v.optional(v.picklist(['anonymous', 'optional', 'required'])),
  /** `null`: the portal's own rating page. */
  ratingPageUrl: v.optional(v.nullable(HttpUrl)),
});

export const CriteriaSetParams = v.object({ ...OrganizationParams.entries, setId: CriterionId });

export const CriteriaSetBody = v.object({
  name: CriteriaSet.entries.name,
  criteria: v.pipe(
    v.array(Criterion),
    v.minLength(1),
    v.maxLength(10),
    v.check(
      (criteria) => new Set(criteria.map((c) => c.id)).size === criteria.length,
      'Criterion ids must be unique',
    ),
  ),
});

const auth = 'Staff only: an API key of this organisation (Authorization: Bearer otk_…).';

/** Staff endpoints for how an organisation takes ratings, spread into `staffEndpoints`. */
export const staffRatingSettingsEndpoints = {
  updateRatingSettings: {
    method: 'PATCH',
    path: '/v1/staff/organizations/{organizationId}/rating-settings',
    summary: 'Change how an organisation takes ratings (criteria set, identification, limits)',
    description:
      `${auth} Fields left out keep their value (or the default). \`criteriaSetId\` must be a built-in ` +
      'set or one of the organisation’s own (else 422). Ratings already given keep their scores; the ' +
      'summary shows the criteria of the current set.',
    tags: ['staff'],
    params: OrganizationParams,
    body: RatingSettingsPatch,
    response: RatingFormSettings,
  },
  putCriteriaSet: {
    method: 'PUT',
    path: '/v1/staff/organizations/{organizationId}/criteria-sets/{setId}',
    summary: "Create or replace one of the organisation's own criteria sets",
    description:
      `${auth} Criteria are kept in the given order. A built-in set id or another organisation’s ` +
      'gets 409 `conflict`. Scores of ratings already given are kept.',
    tags: ['staff'],
    params: CriteriaSetParams,
    body: CriteriaSetBody,
    response: CriteriaSet,
  },
} as const;

export interface StaffRatingSettingsOptions {
  db: Database;
  /** Called after a change so cached public responses are dropped. */
  onOrganizationChanged: (organizationId: string) => void;
  /** Configured OpenID Connect providers among an organisation's enabled ids (login off: none). */
  oidcProviders?: (enabled: readonly string[]) => { id: string; name: string }[];
}

export function registerStaffRatingSettingsRoutes(
  app: Hono,
  registry: RouteRegistry,
  options: StaffRatingSettingsOptions,
): void {
  const { db } = options;
  const e = staffRatingSettingsEndpoints;
  for (const endpoint of Object.values(e)) registry.add(toHonoPath(endpoint.path), [endpoint.method]);

  app.on(e.updateRatingSettings.method, toHonoPath(e.updateRatingSettings.path), limitJsonBody, async (c) => {
    const { organizationId } = parseRequest('params', e.updateRatingSettings.params, c.req.param());
    const actor = await requireApiKey(c, db, organizationId);
    const patch = await readJsonBody(c, e.updateRatingSettings.body);
    if (
      patch.criteriaSetId !== undefined &&
      !(await criteriaSetUsableBy(db, organizationId, patch.criteriaSetId))
    ) {
      throw new ProblemError(422, 'validation-failed', 'Invalid body', [
        {
          path: 'body.criteriaSetId',
          message:
            'No such criteria set: use by-base, ru-nok or one of your own (PUT …/criteria-sets/{setId})',
        },
      ]);
    }
    if (!(await updateRatingSettings(db, organizationId, patch))) {
      throw new ProblemError(404, 'organization-not-found');
    }
    await audit(db, actor, 'rating-settings.update', null, { fields: Object.keys(patch) });
    options.onOrganizationChanged(organizationId);
    const settings = await getWidgetSettings(db, organizationId, options.oidcProviders);
    if (settings === null) throw new ProblemError(404, 'organization-not-found');
    return sendJson(c, settings.ratings, false);
  });

  app.on(e.putCriteriaSet.method, toHonoPath(e.putCriteriaSet.path), limitJsonBody, async (c) => {
    const { organizationId, setId } = parseRequest('params', e.putCriteriaSet.params, c.req.param());
    const actor = await requireApiKey(c, db, organizationId);
    const body = await readJsonBody(c, e.putCriteriaSet.body);
    const set: CriteriaSet = { id: setId, name: body.name, criteria: body.criteria };
    const saved = await db.transaction(async (tx) => {
      const done = await putCriteriaSet(tx, organizationId, set);
      if (done) await audit(tx, actor, 'criteria-set.put', null, { setId });
      return done;
    });
    if (!saved) {
      throw new ProblemError(
        409,
        'conflict',
        `The criteria set id ${setId} is built in or belongs to another organisation; choose another id`,
      );
    }
    options.onOrganizationChanged(organizationId);
    return sendJson(c, set, false);
  });
}

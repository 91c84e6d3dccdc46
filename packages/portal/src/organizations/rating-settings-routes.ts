import { endpoints } from '@otklik/client/contract';
import type { CriteriaSet } from '@otklik/client/schemas';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { audit } from '../appeals/desk.ts';
import type { Database } from '../db/types.ts';
import { limitJsonBody, parseRequest, readJsonBody } from '../http/body.ts';
import { ProblemError, problemResponse, validationProblem } from '../http/problem.ts';
import { sendJson } from '../http/respond.ts';
import { type RouteRegistry, toHonoPath } from '../http/route-registry.ts';
import { criteriaSetUsableBy, putCriteriaSet, updateRatingSettings } from '../ratings/settings.ts';
import { requireApiKey } from '../staff/api-keys.ts';
import { getWidgetSettings } from './directory.ts';

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
  const e = endpoints;
  for (const endpoint of [e.updateRatingSettings, e.putCriteriaSet])
    registry.add(toHonoPath(endpoint.path), [endpoint.method]);

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

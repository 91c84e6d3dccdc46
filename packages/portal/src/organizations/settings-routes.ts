import { endpoints } from '@otklik/client/contract';
import type { CriteriaSet } from '@otklik/client/schemas';
import type { Database } from '../db/types.ts';
import { type Router, registerEndpoint } from '../http/endpoint.ts';
import { ProblemError } from '../http/problem.ts';
import { criteriaSetUsableBy, putCriteriaSet, updateRatingSettings } from '../ratings/settings.ts';
import type { StaffActor } from '../staff/actor.ts';
import { audit } from '../staff/audit.ts';
import { updateOrganizationSettings } from './settings.ts';
import { getWidgetSettings, type OidcProvidersOf } from './widget-settings.ts';

export interface SettingsRoutesOptions {
  db: Database;
  /** Called after a change so cached public responses are dropped. */
  onOrganizationChanged: (organizationId: string) => void;
  oidcProviders?: OidcProvidersOf | undefined;
}

/**
 * What staff change about their organisation: allowed origins and languages, how it takes ratings,
 * its own criteria sets. Audited by field name, never by value.
 */
export function registerSettingsRoutes(
  router: Router<unknown, StaffActor>,
  { db, onOrganizationChanged, oidcProviders }: SettingsRoutesOptions,
): void {
  const widgetSettings = async (organizationId: string, providers?: OidcProvidersOf) => {
    const settings = await getWidgetSettings(db, organizationId, providers);
    if (settings === null) throw new ProblemError(404, 'organization-not-found');
    return settings;
  };

  registerEndpoint(router, endpoints.updateOrganizationSettings, async ({ actor, params, body }) => {
    const { organizationId } = params;
    await db.transaction(async (tx) => {
      await audit(tx, actor, 'settings.update', null, { fields: Object.keys(body) });
      await updateOrganizationSettings(tx, organizationId, body);
    });
    onOrganizationChanged(organizationId);
    return widgetSettings(organizationId);
  });

  registerEndpoint(router, endpoints.updateRatingSettings, async ({ actor, params, body }) => {
    const { organizationId } = params;
    if (
      body.criteriaSetId !== undefined &&
      !(await criteriaSetUsableBy(db, organizationId, body.criteriaSetId))
    ) {
      throw new ProblemError(422, 'validation-failed', 'Invalid body', [
        {
          path: 'body.criteriaSetId',
          message:
            'No such criteria set: use by-base, ru-nok or one of your own (PUT …/criteria-sets/{setId})',
        },
      ]);
    }
    if (!(await updateRatingSettings(db, organizationId, body))) {
      throw new ProblemError(404, 'organization-not-found');
    }
    await audit(db, actor, 'rating-settings.update', null, { fields: Object.keys(body) });
    onOrganizationChanged(organizationId);
    return (await widgetSettings(organizationId, oidcProviders)).ratings;
  });

  registerEndpoint(router, endpoints.putCriteriaSet, async ({ actor, params, body }) => {
    const { organizationId, setId } = params;
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
    onOrganizationChanged(organizationId);
    return set;
  });
}

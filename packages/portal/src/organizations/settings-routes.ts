import { endpoints } from '@otklik/client/contract';
import type { CriteriaSet } from '@otklik/client/schemas';
import type { Database } from '../db/types.ts';
import { type Router, registerEndpoint } from '../http/endpoint.ts';
import { fieldRefusal, ProblemError, refusal } from '../http/problem.ts';
import { criteriaSetUsableBy, putCriteriaSet, updateRatingSettings } from '../ratings/settings.ts';
import type { StaffActor } from '../staff/actor.ts';
import { audit } from '../staff/audit.ts';
import { updateAppealOptions } from './appeal-options.ts';
import { listConsentVersions, publishConsentVersion } from './consent.ts';
import {
  DEFAULT_PORTAL_LIMITS,
  identityRequired,
  type PortalLimits,
  readOrganizationSettings,
  updateOrganizationSettings,
} from './settings.ts';
import { checkSite, type SiteCheckOptions } from './site-check.ts';
import { listTopics, putTopic, reorderTopics } from './topics.ts';
import { getWidgetSettings, type OidcProvidersOf } from './widget-settings.ts';

export interface SettingsRoutesOptions {
  db: Database;
  /** Called after a change so cached public responses are dropped. */
  onOrganizationChanged: (organizationId: string) => void;
  oidcProviders?: OidcProvidersOf | undefined;
  /** What the portal lets organisations choose from (default: no OpenID Connect, its attachment rules). */
  limits?: PortalLimits | undefined;
  /** The portal's public URL (default: the request's origin): the loader the site check looks for. */
  publicUrl?: string | undefined;
  siteCheck?: SiteCheckOptions | undefined;
  now?: (() => Date) | undefined;
}

const MAX_ORIGINS = 50;

/**
 * What staff change about their organisation: its profile, allowed origins (with the live check of a
 * site), consent documents, topics, identity methods and attachment rules, how it takes ratings, its
 * own criteria sets. Audited by field name, never by value.
 */
export function registerSettingsRoutes(
  router: Router<unknown, StaffActor>,
  {
    db,
    onOrganizationChanged,
    oidcProviders,
    limits = DEFAULT_PORTAL_LIMITS,
    publicUrl,
    siteCheck,
    now = () => new Date(),
  }: SettingsRoutesOptions,
): void {
  const widgetSettings = async (organizationId: string, providers?: OidcProvidersOf) => {
    const settings = await getWidgetSettings(db, organizationId, providers);
    if (settings === null) throw new ProblemError(404, 'organization-not-found');
    return settings;
  };
  const organizationSettings = async (organizationId: string) => {
    const settings = await readOrganizationSettings(db, organizationId, limits);
    if (settings === null) throw new ProblemError(404, 'organization-not-found');
    return settings;
  };
  const origins = async (organizationId: string) =>
    (
      await db.query<{ origin: string }>(
        'SELECT origin FROM organization_origins WHERE organization_id = $1 ORDER BY origin',
        [organizationId],
      )
    ).map((row) => row.origin);

  registerEndpoint(router, endpoints.getOrganizationSettings, async ({ params }) =>
    organizationSettings(params.organizationId),
  );

  registerEndpoint(router, endpoints.updateOrganizationSettings, async ({ actor, params, body }) => {
    const { organizationId } = params;
    await db.transaction(async (tx) => {
      await audit(tx, actor, 'settings.update', null, { fields: Object.keys(body) });
      await updateOrganizationSettings(tx, organizationId, body);
    });
    onOrganizationChanged(organizationId);
    return widgetSettings(organizationId);
  });

  registerEndpoint(router, endpoints.addAllowedOrigin, async ({ actor, params, body }) => {
    const { organizationId } = params;
    const current = (await organizationSettings(organizationId)).allowedOrigins;
    if (!current.includes(body.origin)) {
      if (current.length >= MAX_ORIGINS) {
        throw fieldRefusal(
          'origins-limit',
          'body.origin',
          `At most ${MAX_ORIGINS} origins; remove one first`,
          'Invalid body',
        );
      }
      await db.transaction(async (tx) => {
        await tx.query(
          'INSERT INTO organization_origins (organization_id, origin) VALUES ($1, $2) ON CONFLICT DO NOTHING',
          [organizationId, body.origin],
        );
        await audit(tx, actor, 'settings.origin-add', null, { origin: body.origin });
      });
      onOrganizationChanged(organizationId);
    }
    return { allowedOrigins: await origins(organizationId) };
  });

  registerEndpoint(router, endpoints.removeAllowedOrigin, async ({ actor, params }) => {
    const { organizationId, origin } = params;
    await organizationSettings(organizationId);
    await db.transaction(async (tx) => {
      await tx.query('DELETE FROM organization_origins WHERE organization_id = $1 AND origin = $2', [
        organizationId,
        origin,
      ]);
      await audit(tx, actor, 'settings.origin-remove', null, { origin });
    });
    onOrganizationChanged(organizationId);
    return { allowedOrigins: await origins(organizationId) };
  });

  registerEndpoint(router, endpoints.checkSite, async ({ c, params, body }) => {
    const settings = await organizationSettings(params.organizationId);
    const portalOrigin = new URL(publicUrl ?? c.req.url).origin;
    return checkSite(body.pageUrl, settings.allowedOrigins, portalOrigin, siteCheck);
  });

  registerEndpoint(router, endpoints.listConsentVersions, async ({ params }) => {
    await organizationSettings(params.organizationId);
    return { versions: await listConsentVersions(db, params.organizationId) };
  });

  registerEndpoint(router, endpoints.publishConsentVersion, async ({ actor, params, body }) => {
    const { organizationId } = params;
    const published = await db.transaction(async (tx) => {
      const version = await publishConsentVersion(tx, organizationId, body, now());
      await audit(tx, actor, 'settings.consent-publish', null, { version: version.version });
      return version;
    });
    onOrganizationChanged(organizationId);
    return published;
  });

  registerEndpoint(router, endpoints.listTopics, async ({ params }) => {
    await organizationSettings(params.organizationId);
    return { topics: await listTopics(db, params.organizationId) };
  });

  registerEndpoint(router, endpoints.putTopic, async ({ actor, params, body }) => {
    const { organizationId, topicId } = params;
    const topic = await db.transaction(async (tx) => {
      const saved = await putTopic(tx, organizationId, topicId, body, now());
      await audit(tx, actor, 'settings.topic-put', null, { topicId, archived: saved.archived });
      return saved;
    });
    onOrganizationChanged(organizationId);
    return topic;
  });

  registerEndpoint(router, endpoints.reorderTopics, async ({ actor, params, body }) => {
    const { organizationId } = params;
    await organizationSettings(organizationId);
    await db.transaction(async (tx) => {
      await reorderTopics(tx, organizationId, body.ids);
      await audit(tx, actor, 'settings.topic-order', null, {});
    });
    onOrganizationChanged(organizationId);
    return { topics: await listTopics(db, organizationId) };
  });

  registerEndpoint(router, endpoints.updateAppealOptions, async ({ actor, params, body }) => {
    const { organizationId } = params;
    const current = await organizationSettings(organizationId);
    // The identity methods serve the rating form too: ratings that require an identity keep one.
    const ratings = (await widgetSettings(organizationId)).ratings;
    const requiredBy = identityRequired(current.jurisdiction)
      ? 'profile'
      : ratings.enabled && ratings.identification === 'required'
        ? 'ratings'
        : null;
    await db.transaction(async (tx) => {
      await updateAppealOptions(tx, current, body, limits, requiredBy);
      await audit(tx, actor, 'settings.appeal-options', null, { fields: Object.keys(body) });
    });
    onOrganizationChanged(organizationId);
    return organizationSettings(organizationId);
  });

  registerEndpoint(router, endpoints.updateRatingSettings, async ({ actor, params, body }) => {
    const { organizationId } = params;
    if (
      body.criteriaSetId !== undefined &&
      !(await criteriaSetUsableBy(db, organizationId, body.criteriaSetId))
    ) {
      throw fieldRefusal(
        'criteria-set-unknown',
        'body.criteriaSetId',
        'No such criteria set: use by-base, ru-nok or one of your own (PUT …/criteria-sets/{setId})',
        'Invalid body',
      );
    }
    if (body.identification === 'required') {
      const { identity } = (await widgetSettings(organizationId, oidcProviders)).ratings;
      if (!identity.emailCode && identity.oidcProviders.length === 0) {
        throw fieldRefusal(
          'identity-method-required',
          'body.identification',
          'The organisation offers no identity method: turn the e-mail code or a provider on first',
          'Invalid body',
        );
      }
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
      throw refusal(
        'criteria-set-id-taken',
        `The criteria set id ${setId} is built in or belongs to another organisation; choose another id`,
      );
    }
    onOrganizationChanged(organizationId);
    return set;
  });
}

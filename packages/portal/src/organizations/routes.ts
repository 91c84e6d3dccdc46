import { endpoints } from '@otklik/client/contract';
import { type IntakeGuard, limitedAs } from '../abuse/intake-guard.ts';
import type { Database } from '../db/types.ts';
import { type Router, registerEndpoint } from '../http/endpoint.ts';
import { ProblemError } from '../http/problem.ts';
import { getOrganization, listServices, searchOrganizations } from './directory.ts';
import { listSpheres } from './spheres.ts';
import { getWidgetSettings, type OidcProvidersOf } from './widget-settings.ts';

export interface DirectoryRoutesOptions {
  db: Database;
  oidcProviders?: OidcProvidersOf | undefined;
  /** The portal's public URL (default: the request's origin), for consent documents given as text. */
  publicUrl?: string | undefined;
  guard?: IntakeGuard | undefined;
}

/** The public directory: search, profiles, services, spheres, and the settings widgets render from. */
export function registerDirectoryRoutes(
  router: Router,
  { db, oidcProviders, publicUrl, guard }: DirectoryRoutesOptions,
): void {
  const read = limitedAs(guard, 'public-read');
  registerEndpoint(
    router,
    endpoints.searchOrganizations,
    async ({ query }) => searchOrganizations(db, query),
    read,
  );
  registerEndpoint(
    router,
    endpoints.getOrganization,
    async ({ params }) => {
      const org = await getOrganization(db, params.organizationId);
      if (org === null) throw new ProblemError(404, 'organization-not-found');
      return org;
    },
    read,
  );
  registerEndpoint(
    router,
    endpoints.listServices,
    async ({ params, query }) => listServices(db, params.organizationId, query.limit, query.offset),
    read,
  );
  registerEndpoint(
    router,
    endpoints.getWidgetSettings,
    async ({ c, params, query }) => {
      const portalUrl = publicUrl ?? new URL(c.req.url).origin;
      const settings = await getWidgetSettings(
        db,
        params.organizationId,
        oidcProviders,
        query.language,
        portalUrl,
      );
      if (settings === null) throw new ProblemError(404, 'organization-not-found');
      return settings;
    },
    read,
  );
  registerEndpoint(router, endpoints.listSpheres, async ({ query }) => listSpheres(db, query.country), read);
}

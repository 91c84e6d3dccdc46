import { endpoints } from '@otklik/client/contract';
import type { Hono } from 'hono';
import { audit } from '../appeals/desk.ts';
import type { Database } from '../db/types.ts';
import { limitJsonBody, parseRequest, readJsonBody } from '../http/body.ts';
import { ProblemError } from '../http/problem.ts';
import { sendJson } from '../http/respond.ts';
import { type RouteRegistry, toHonoPath } from '../http/route-registry.ts';
import { registerStaffRatingRoutes } from '../ratings/staff-routes.ts';
import { requireApiKey } from '../staff/api-keys.ts';
import type { AccessStore } from './access.ts';
import { getWidgetSettings } from './directory.ts';
import { registerStaffRatingSettingsRoutes } from './rating-settings-routes.ts';

export interface StaffRoutesOptions {
  db: Database;
  access: AccessStore;
  /** Called after settings change so cached public responses are dropped. */
  onOrganizationChanged: (organizationId: string) => void;
  /** Configured OpenID Connect providers among an organisation's enabled ids (login off: none). */
  oidcProviders?: (enabled: readonly string[]) => { id: string; name: string }[];
}

export function registerStaffRoutes(app: Hono, registry: RouteRegistry, options: StaffRoutesOptions): void {
  const { db } = options;
  registerStaffRatingRoutes(app, registry, db);
  registerStaffRatingSettingsRoutes(app, registry, options);
  const endpoint = endpoints.updateOrganizationSettings;
  const path = toHonoPath(endpoint.path);
  registry.add(path, [endpoint.method]);
  app.on(endpoint.method, path, limitJsonBody, async (c) => {
    const { organizationId } = parseRequest('params', endpoint.params, c.req.param());
    const actor = await requireApiKey(c, db, organizationId);
    const patch = await readJsonBody(c, endpoint.body);
    await db.transaction(async (tx) => {
      await audit(tx, actor, 'settings.update', null, { fields: Object.keys(patch) });
      if (patch.languages !== undefined) {
        await tx.query('UPDATE organizations SET languages = $2 WHERE id = $1', [
          organizationId,
          patch.languages,
        ]);
      }
      if (patch.allowedOrigins !== undefined) {
        await tx.query('DELETE FROM organization_origins WHERE organization_id = $1', [organizationId]);
        for (const origin of new Set(patch.allowedOrigins)) {
          await tx.query('INSERT INTO organization_origins (organization_id, origin) VALUES ($1, $2)', [
            organizationId,
            origin,
          ]);
        }
      }
    });
    options.onOrganizationChanged(organizationId);
    const settings = await getWidgetSettings(db, organizationId);
    if (settings === null) throw new ProblemError(404, 'organization-not-found');
    return sendJson(c, settings, false);
  });
}

import type { OrganizationSettingsPatch } from '@otklik/client/schemas';
import type * as v from 'valibot';
import type { Queryable } from '../db/types.ts';

/** Changes what the patch gives (languages, allowed origins); the rest is kept. Run it in a transaction. */
export async function updateOrganizationSettings(
  tx: Queryable,
  organizationId: string,
  patch: v.InferOutput<typeof OrganizationSettingsPatch>,
): Promise<void> {
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
}

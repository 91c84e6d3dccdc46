import { jurisdictionProfiles } from '@otklik/client';
import type {
  JurisdictionProfileId,
  OrganizationSettings,
  OrganizationSettingsPatch,
} from '@otklik/client/schemas';
import type * as v from 'valibot';
import { APPEAL_SETTINGS_COLUMNS, type AppealSettingsRow, toAppealSettings } from '../appeals/settings.ts';
import { DEFAULT_ATTACHMENTS } from '../attachments/rules.ts';
import type { Queryable } from '../db/types.ts';
import { ProblemError } from '../http/problem.ts';

/** The countries a jurisdiction profile fits (`generic` fits any). */
const PROFILE_COUNTRIES: Record<JurisdictionProfileId, readonly string[] | null> = {
  'ru-59fz': ['RU'],
  'by-300z': ['BY'],
  generic: null,
};

type Patch = v.InferOutput<typeof OrganizationSettingsPatch>;

/**
 * Changes what the patch gives (name, contacts, profile, languages, time zone, allowed origins); the
 * rest is kept. Throws 404 for an unknown organisation, 422 for a profile that does not fit its
 * country. Run it in a transaction.
 */
export async function updateOrganizationSettings(
  tx: Queryable,
  organizationId: string,
  patch: Patch,
): Promise<void> {
  const [org] = await tx.query<{ country: string }>('SELECT country FROM organizations WHERE id = $1', [
    organizationId,
  ]);
  if (!org) throw new ProblemError(404, 'organization-not-found');
  if (patch.jurisdiction !== undefined) {
    const countries = PROFILE_COUNTRIES[patch.jurisdiction];
    if (countries !== null && !countries.includes(org.country)) {
      throw new ProblemError(422, 'validation-failed', 'Invalid body', [
        {
          path: 'body.jurisdiction',
          message: `The profile ${patch.jurisdiction} is for ${countries.join(', ')}; this organisation is in ${org.country}`,
        },
      ]);
    }
  }
  const columns: [string, unknown][] = [];
  if (patch.name !== undefined) columns.push(['name', patch.name]);
  if (patch.shortName !== undefined) columns.push(['short_name', patch.shortName]);
  if (patch.jurisdiction !== undefined) columns.push(['jurisdiction', patch.jurisdiction]);
  if (patch.languages !== undefined) columns.push(['languages', patch.languages]);
  if (patch.timeZone !== undefined) columns.push(['time_zone', patch.timeZone]);
  const contacts = patch.contacts ?? {};
  if (contacts.email !== undefined) columns.push(['contact_email', contacts.email]);
  if (contacts.phone !== undefined) columns.push(['contact_phone', contacts.phone]);
  if (contacts.address !== undefined) columns.push(['address', contacts.address]);
  if (contacts.website !== undefined) columns.push(['website', contacts.website]);
  if (columns.length > 0) {
    await tx.query(
      `UPDATE organizations SET ${columns.map(([name], i) => `${name} = $${i + 2}`).join(', ')} WHERE id = $1`,
      [organizationId, ...columns.map(([, value]) => value)],
    );
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

/** What the portal allows an organisation to choose from. */
export interface PortalLimits {
  /** Every OpenID Connect provider the portal configures. */
  oidcProviders: { id: string; name: string }[];
  attachments: { maxFiles: number; maxFileBytes: number; mediaTypes: string[] };
}

/** The portal's limits when none are configured: its own attachment rules, no OpenID Connect. */
export const DEFAULT_PORTAL_LIMITS: PortalLimits = {
  oidcProviders: [],
  attachments: { ...DEFAULT_ATTACHMENTS, mediaTypes: [...DEFAULT_ATTACHMENTS.mediaTypes] },
};

/** Everything staff see about their organisation (`null`: no such organisation). */
export async function readOrganizationSettings(
  db: Queryable,
  organizationId: string,
  limits: PortalLimits,
): Promise<OrganizationSettings | null> {
  const [row] = await db.query<
    AppealSettingsRow & {
      id: string;
      name: string;
      short_name: string | null;
      country: OrganizationSettings['country'];
      contact_email: string | null;
      contact_phone: string | null;
      address: string | null;
      website: string | null;
      jurisdiction: JurisdictionProfileId;
      languages: OrganizationSettings['languages'];
      time_zone: string;
      origins: string[] | null;
    }
  >(
    `SELECT o.id, o.name, o.short_name, o.country, o.contact_email, o.contact_phone, o.address, o.website,
       o.jurisdiction, o.languages, o.time_zone, ${APPEAL_SETTINGS_COLUMNS},
       ARRAY(SELECT origin FROM organization_origins WHERE organization_id = o.id ORDER BY origin) AS origins
     FROM organizations o LEFT JOIN organization_appeal_settings s ON s.organization_id = o.id
     WHERE o.id = $1`,
    [organizationId],
  );
  if (!row) return null;
  const appeal = toAppealSettings(row);
  return {
    organizationId: row.id,
    name: row.name,
    shortName: row.short_name,
    country: row.country,
    contacts: {
      email: row.contact_email,
      phone: row.contact_phone,
      address: row.address,
      website: row.website,
    },
    jurisdiction: row.jurisdiction,
    languages: row.languages,
    timeZone: row.time_zone,
    allowedOrigins: row.origins ?? [],
    consentVersion: row.managed_consent?.version ?? row.consent_version ?? null,
    appeals: {
      mode: appeal.mode,
      identity: appeal.identity,
      attachments: appeal.attachments,
    },
    portal: {
      oidcProviders: limits.oidcProviders,
      attachments: limits.attachments,
    },
  };
}

/** Whether the profile requires a verified identity (then at least one method must stay on). */
export function identityRequired(jurisdiction: JurisdictionProfileId): boolean {
  return jurisdictionProfiles[jurisdiction].identityRequired;
}
